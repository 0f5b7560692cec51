"""Replace a row's ordered links (artists, genres, credits) in two statements each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Table, delete, insert
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as t
from fastfm.catalog.credits.schemas import CreditWrite


async def _replace(
    session: AsyncSession,
    table: Table,
    owner: ColumnElement[int],
    owner_id: int,
    rows: Sequence[Mapping[str, Any]],
    *,
    replace: bool,
) -> None:
    if replace:
        await session.execute(delete(table).where(owner == owner_id))
    if rows:
        await session.execute(insert(table), list(rows))


async def set_artist_genres(
    session: AsyncSession, artist_id: int, genre_ids: Sequence[int], *, replace: bool = True
) -> None:
    rows = [{"artist_id": artist_id, "genre_id": g} for g in genre_ids]
    await _replace(
        session, t.artist_genre, t.artist_genre.c.artist_id, artist_id, rows, replace=replace
    )


async def set_album_artists(
    session: AsyncSession, album_id: int, artist_ids: Sequence[int], *, replace: bool = True
) -> None:
    rows = [{"album_id": album_id, "position": i, "artist_id": a} for i, a in enumerate(artist_ids)]
    await _replace(
        session, t.album_artist, t.album_artist.c.album_id, album_id, rows, replace=replace
    )


async def set_album_genres(
    session: AsyncSession, album_id: int, genre_ids: Sequence[int], *, replace: bool = True
) -> None:
    rows = [{"album_id": album_id, "genre_id": g} for g in genre_ids]
    await _replace(
        session, t.album_genre, t.album_genre.c.album_id, album_id, rows, replace=replace
    )


async def set_song_artists(
    session: AsyncSession, song_id: int, artist_ids: Sequence[int], *, replace: bool = True
) -> None:
    rows = [{"song_id": song_id, "position": i, "artist_id": a} for i, a in enumerate(artist_ids)]
    await _replace(session, t.song_artist, t.song_artist.c.song_id, song_id, rows, replace=replace)


async def set_song_genres(
    session: AsyncSession, song_id: int, genre_ids: Sequence[int], *, replace: bool = True
) -> None:
    rows = [{"song_id": song_id, "genre_id": g} for g in genre_ids]
    await _replace(session, t.song_genre, t.song_genre.c.song_id, song_id, rows, replace=replace)


async def set_song_credits(
    session: AsyncSession, song_id: int, credits: Sequence[CreditWrite], *, replace: bool = True
) -> None:
    rows = [
        {
            "song_id": song_id,
            "artist_id": credit.artist_id,
            "role": credit.role,
            "detail": credit.detail,
            "position": i,
        }
        for i, credit in enumerate(credits)
    ]
    await _replace(session, t.credit, t.credit.c.song_id, song_id, rows, replace=replace)
