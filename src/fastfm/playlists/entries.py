"""Queries on playlist entries: positions are ranks by ``sort_key`` (see ``models``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Exists,
    Subquery,
    Table,
    delete,
    exists,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as catalog
from fastfm.db.dialect import id_in
from fastfm.playlists.models import PlaylistEntry
from fastfm.playlists.sort_keys import GAP, KeyRun
from fastfm.users.models import User

# Core tables: these queries build no ORM entities.
entry: Table = PlaylistEntry.__table__  # type: ignore[assignment]
user_account: Table = User.__table__  # type: ignore[assignment]
E = entry.c
Song = catalog.song.c
TrackRow = tuple[int, datetime, int | None, str | None, str | None]


def entries_of(playlist_id: ColumnElement[int]) -> Subquery:
    """``(id, song_id, sort_key)`` of the playlist's entries, as a subquery."""
    return select(E.id, E.song_id, E.sort_key).where(E.playlist_id == playlist_id).subquery("entry")


def has_entry(playlist_id: ColumnElement[int], entry_id: ColumnElement[int]) -> Exists:
    return exists().where(E.id == entry_id, E.playlist_id == playlist_id)


async def song_durations(session: AsyncSession, song_ids: Sequence[int]) -> dict[int, int]:
    """``duration_ms`` of each existing song among ``song_ids``, the rows share-locked.

    ``FOR KEY SHARE`` (PostgreSQL) keeps the songs from being deleted until commit, and
    is taken before the playlist lock, the same order the song-delete hook uses.
    """
    query = (
        select(Song.id, Song.duration_ms)
        .where(id_in(Song.id, "song_ids"))
        .order_by(Song.id)
        .with_for_update(read=True, key_share=True)
    )
    rows = await session.execute(query, {"song_ids": sorted(set(song_ids))})
    return {row[0]: row[1] for row in rows}


async def lock_song(session: AsyncSession, song_id: int) -> int | None:
    """Lock a song row for its deletion; its ``duration_ms``, or ``None`` if it is gone."""
    query = select(Song.duration_ms).where(Song.id == song_id).with_for_update()
    return await session.scalar(query)


async def keys_from(session: AsyncSession, playlist_id: int, offset: int, count: int) -> list[int]:
    """The sort keys at positions ``offset .. offset + count - 1``."""
    query = (
        select(E.sort_key)
        .where(E.playlist_id == playlist_id)
        .order_by(E.sort_key)
        .limit(count)
        .offset(offset)
    )
    return list(await session.scalars(query))


async def neighbour_keys(
    session: AsyncSession, playlist_id: int, position: int, length: int
) -> tuple[int | None, int | None]:
    """The keys just before and at ``position`` (0..length); ``None`` past either end."""
    if length == 0:
        return None, None
    if position == length:
        last = await session.scalar(
            select(func.max(E.sort_key)).where(E.playlist_id == playlist_id)
        )
        return last, None
    if position == 0:
        return None, (await keys_from(session, playlist_id, 0, 1))[0]
    lower, upper = await keys_from(session, playlist_id, position - 1, 2)
    return lower, upper


async def insert_entries(
    session: AsyncSession,
    playlist_id: int,
    song_ids: Sequence[int],
    run: KeyRun,
    added_by_id: int,
    added_at: datetime,
) -> None:
    rows = [
        {
            "playlist_id": playlist_id,
            "song_id": song_id,
            "sort_key": key,
            "added_by_id": added_by_id,
            "added_at": added_at,
        }
        for song_id, key in zip(song_ids, run.keys(), strict=True)
    ]
    if rows:
        # executemany: one cached statement, however many rows (a multi-row VALUES would
        # be compiled afresh for every request).
        await session.execute(insert(entry), rows)


async def move_block(
    session: AsyncSession, playlist_id: int, start: int, length: int, run: KeyRun
) -> None:
    """Give the entries at ``start .. start + length - 1`` the keys of ``run``, in order.

    One statement that rewrites only the moved rows; the run lies in a gap no other
    key occupies, so the unique ``(playlist_id, sort_key)`` holds row by row.
    """
    block = (
        select(E.id, E.sort_key)
        .where(E.playlist_id == playlist_id)
        .order_by(E.sort_key)
        .limit(length)
        .offset(start)
        .subquery()
    )
    ranked = select(
        block.c.id, func.row_number().over(order_by=block.c.sort_key).label("rank")
    ).subquery()
    new_key = literal(run.base, BigInteger) + literal(run.step, BigInteger) * ranked.c.rank
    await session.execute(update(entry).where(E.id == ranked.c.id).values(sort_key=new_key))


async def renumber(session: AsyncSession, playlist_id: int) -> None:
    """Give the entries fresh keys ``GAP, 2*GAP, …`` in their current order.

    Two statements, each collision-free row by row: first every key moves below all
    current keys (``floor - rank``), then ``rank`` is read back from there.
    """
    lowest = await session.scalar(select(func.min(E.sort_key)).where(E.playlist_id == playlist_id))
    floor = min(lowest or 0, 0) - 1
    ranked = (
        select(E.id, func.row_number().over(order_by=E.sort_key).label("rank"))
        .where(E.playlist_id == playlist_id)
        .subquery()
    )
    await session.execute(
        update(entry)
        .where(E.id == ranked.c.id)
        .values(sort_key=literal(floor, BigInteger) - ranked.c.rank)
    )
    await session.execute(
        update(entry)
        .where(E.playlist_id == playlist_id)
        .values(sort_key=(literal(floor, BigInteger) - E.sort_key) * GAP)
    )


async def ids_at_positions(
    session: AsyncSession, playlist_id: int, positions: Sequence[int]
) -> list[int]:
    """The entry ids at the given positions (all within the playlist)."""
    head = (
        select(E.id, E.sort_key)
        .where(E.playlist_id == playlist_id)
        .order_by(E.sort_key)
        .limit(max(positions) + 1)
        .subquery()
    )
    ranked = select(
        head.c.id, (func.row_number().over(order_by=head.c.sort_key) - 1).label("position")
    ).subquery()
    query = select(ranked.c.id).where(ranked.c.position.in_(sorted(set(positions))))
    return list(await session.scalars(query))


async def totals_of_entries(session: AsyncSession, entry_ids: Sequence[int]) -> tuple[int, int]:
    """How many entries, and their summed duration."""
    query = (
        select(func.count(), func.coalesce(func.sum(Song.duration_ms), 0))
        .select_from(entry)
        .join(catalog.song, Song.id == E.song_id)
        .where(id_in(E.id, "entry_ids"))
    )
    count, duration = (await session.execute(query, {"entry_ids": list(entry_ids)})).one()
    return int(count), int(duration)


async def ids_of_songs(
    session: AsyncSession, playlist_id: int, song_ids: Sequence[int]
) -> list[int]:
    """The ids of every entry of these songs in the playlist."""
    query = select(E.id).where(E.playlist_id == playlist_id, id_in(E.song_id, "song_ids"))
    return list(await session.scalars(query, {"song_ids": sorted(set(song_ids))}))


async def delete_entries(session: AsyncSession, entry_ids: Sequence[int]) -> None:
    await session.execute(
        delete(entry).where(id_in(E.id, "entry_ids")),
        {"entry_ids": list(entry_ids)},
    )


async def delete_all(session: AsyncSession, playlist_id: int) -> None:
    await session.execute(delete(entry).where(E.playlist_id == playlist_id))


async def page(session: AsyncSession, playlist_id: int, limit: int, offset: int) -> list[TrackRow]:
    """``(song_id, added_at, user_id, username, display_name)`` for one page, in order.

    The page of entries is cut first (through the ``(playlist_id, sort_key)`` index),
    then only those rows are joined to their adders.
    """
    cut = (
        select(E.sort_key, E.song_id, E.added_at, E.added_by_id)
        .where(E.playlist_id == playlist_id)
        .order_by(E.sort_key)
        .limit(limit)
        .offset(offset)
        .subquery()
    )
    query = (
        select(
            cut.c.song_id,
            cut.c.added_at,
            user_account.c.id,
            user_account.c.username,
            user_account.c.display_name,
        )
        .select_from(cut.outerjoin(user_account, user_account.c.id == cut.c.added_by_id))
        .order_by(cut.c.sort_key)
    )
    return [(r[0], r[1], r[2], r[3], r[4]) for r in await session.execute(query)]
