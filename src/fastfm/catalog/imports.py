"""Bringing tracks from another service into the catalog, in bulk and without duplicates.

Artists and albums are upserted by their Spotify ids. A track is matched to an existing
song by Spotify id, then by ISRC, then by (normalised title, primary artist, duration
within 2 s); only a track that matches nothing becomes a new song. Every step is one
statement for the whole batch (``INSERT … ON CONFLICT DO NOTHING`` where concurrent
imports could race), never one per row.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Table, and_, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as t
from fastfm.catalog.albums import repository as albums
from fastfm.db.dialect import id_in, text_in

DURATION_TOLERANCE_MS = 2000
ALBUM_TYPES = {"album", "single", "ep", "compilation"}
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class ExternalArtist:
    spotify_id: str
    name: str


@dataclass(frozen=True)
class ExternalAlbum:
    spotify_id: str
    title: str
    album_type: str
    release_date: date | None
    artists: tuple[ExternalArtist, ...]


@dataclass(frozen=True)
class ExternalTrack:
    spotify_id: str
    title: str
    duration_ms: int
    explicit: bool
    isrc: str | None
    disc_number: int
    track_number: int | None
    artists: tuple[ExternalArtist, ...]
    album: ExternalAlbum | None


@dataclass
class Matches:
    """Song ids by Spotify track id, and by which rule each was found."""

    song_ids: dict[str, int] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)


def normalise_title(title: str) -> str:
    """Case, accents and punctuation ignored: "Café  del Mar!" → "cafe del mar"."""
    ascii_text = unicodedata.normalize("NFKD", title.casefold())
    stripped = "".join(ch for ch in ascii_text if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", stripped).split())


def _insert(session: AsyncSession, table: Table) -> Any:
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


async def _ids_by_spotify_id(
    session: AsyncSession, table: Table, spotify_ids: Sequence[str]
) -> dict[str, int]:
    if not spotify_ids:
        return {}
    rows = await session.execute(
        select(table.c.spotify_id, table.c.id).where(text_in(table.c.spotify_id, "keys")),
        {"keys": list(spotify_ids)},
    )
    return {row[0]: row[1] for row in rows}


async def _upsert_by_spotify_id(
    session: AsyncSession, table: Table, rows: dict[str, dict[str, Any]]
) -> tuple[dict[str, int], set[str]]:
    """Ids of every row by Spotify id, inserting the missing; also the ids inserted now."""
    found = await _ids_by_spotify_id(session, table, list(rows))
    missing = [dict(values, spotify_id=key) for key, values in rows.items() if key not in found]
    created: set[str] = set()
    if missing:
        statement = (
            _insert(session, table)
            .on_conflict_do_nothing(index_elements=["spotify_id"])
            .returning(table.c.spotify_id, table.c.id)
        )
        for spotify_id, row_id in await session.execute(statement, missing):
            found[spotify_id] = row_id
            created.add(spotify_id)
        raced = [row["spotify_id"] for row in missing if row["spotify_id"] not in found]
        found.update(await _ids_by_spotify_id(session, table, raced))
    return found, created


async def upsert_artists(
    session: AsyncSession, artists: Sequence[ExternalArtist]
) -> dict[str, int]:
    rows = {a.spotify_id: {"name": a.name[:200] or "Unknown artist"} for a in artists}
    found, _ = await _upsert_by_spotify_id(session, t.artist, rows)
    return found


async def upsert_albums(
    session: AsyncSession, found_albums: Sequence[ExternalAlbum], artist_ids: dict[str, int]
) -> dict[str, int]:
    by_id = {a.spotify_id: a for a in found_albums}
    rows = {
        a.spotify_id: {
            "title": a.title[:200] or "Unknown album",
            "album_type": a.album_type if a.album_type in ALBUM_TYPES else "album",
            "release_date": a.release_date,
        }
        for a in by_id.values()
    }
    found, created = await _upsert_by_spotify_id(session, t.album, rows)
    links = [
        {"album_id": found[key], "position": position, "artist_id": artist_ids[artist.spotify_id]}
        for key in sorted(created)
        for position, artist in enumerate(by_id[key].artists)
    ]
    if links:
        await session.execute(t.album_artist.insert(), links)
    return found


async def match_songs(session: AsyncSession, tracks: Sequence[ExternalTrack]) -> Matches:
    """Existing songs for ``tracks``: by Spotify id, then ISRC, then title/artist/duration."""
    matches = Matches()
    for spotify_id, song_id in (
        await _ids_by_spotify_id(session, t.song, [tr.spotify_id for tr in tracks])
    ).items():
        matches.song_ids[spotify_id] = song_id
        matches.rules[spotify_id] = "spotify_id"
    left = [tr for tr in tracks if tr.spotify_id not in matches.song_ids]
    isrcs = sorted({tr.isrc for tr in left if tr.isrc})
    if isrcs:
        rows = await session.execute(
            select(t.song.c.isrc, t.song.c.id, t.song.c.spotify_id)
            .where(text_in(t.song.c.isrc, "isrcs"))
            .order_by(t.song.c.id),
            {"isrcs": isrcs},
        )
        by_isrc: dict[str, tuple[int, str | None]] = {}
        for isrc, song_id, spotify_id in rows:
            by_isrc.setdefault(isrc, (song_id, spotify_id))
        adopt: list[dict[str, Any]] = []
        for tr in left:
            if tr.isrc and tr.isrc in by_isrc:
                song_id, known = by_isrc[tr.isrc]
                matches.song_ids[tr.spotify_id] = song_id
                matches.rules[tr.spotify_id] = "isrc"
                if known is None:
                    adopt.append({"song_id": song_id, "new_spotify_id": tr.spotify_id})
                    by_isrc[tr.isrc] = (song_id, tr.spotify_id)
        await _adopt_spotify_ids(session, adopt)
        left = [tr for tr in left if tr.spotify_id not in matches.song_ids]
    await _match_by_metadata(session, left, matches)
    return matches


async def _adopt_spotify_ids(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Remember the Spotify id of a song found otherwise, so the next import finds it first."""
    if rows:
        statement = (
            update(t.song)
            .where(t.song.c.id == bindparam("song_id"), t.song.c.spotify_id.is_(None))
            .values(spotify_id=bindparam("new_spotify_id"))
        )
        await session.execute(statement, rows)


async def _match_by_metadata(
    session: AsyncSession, tracks: Sequence[ExternalTrack], matches: Matches
) -> None:
    if not tracks:
        return
    primary_ids = {tr.artists[0].spotify_id for tr in tracks if tr.artists}
    artist_ids = await _ids_by_spotify_id(session, t.artist, sorted(primary_ids))
    if not artist_ids:
        return
    rows = await session.execute(
        select(t.song.c.id, t.song.c.title, t.song.c.duration_ms, t.song_artist.c.artist_id)
        .join(
            t.song_artist,
            and_(t.song_artist.c.song_id == t.song.c.id, t.song_artist.c.position == 0),
        )
        .where(id_in(t.song_artist.c.artist_id, "artist_ids"))
        .order_by(t.song.c.id),
        {"artist_ids": sorted(artist_ids.values())},
    )
    candidates: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for song_id, title, duration_ms, artist_id in rows:
        candidates.setdefault((normalise_title(title), artist_id), []).append(
            (song_id, duration_ms)
        )
    for tr in tracks:
        if not tr.artists or tr.artists[0].spotify_id not in artist_ids:
            continue
        key = (normalise_title(tr.title), artist_ids[tr.artists[0].spotify_id])
        for song_id, duration_ms in candidates.get(key, ()):
            if abs(duration_ms - tr.duration_ms) <= DURATION_TOLERANCE_MS:
                matches.song_ids[tr.spotify_id] = song_id
                matches.rules[tr.spotify_id] = "metadata"
                break


async def create_songs(
    session: AsyncSession,
    tracks: Sequence[ExternalTrack],
    artist_ids: dict[str, int],
    album_ids: dict[str, int],
) -> dict[str, int]:
    """New songs for ``tracks`` (distinct Spotify ids); their albums' totals follow."""
    if not tracks:
        return {}
    touched = {album_ids[tr.album.spotify_id] for tr in tracks if tr.album is not None}
    release_dates = await albums.lock_albums(session, touched)
    rows = [
        {
            "spotify_id": tr.spotify_id,
            "title": tr.title[:200] or "Untitled",
            "duration_ms": tr.duration_ms,
            "explicit": tr.explicit,
            "isrc": tr.isrc,
            "album_id": album_ids[tr.album.spotify_id] if tr.album else None,
            "disc_number": max(1, tr.disc_number),
            "track_number": tr.track_number if tr.track_number and tr.track_number > 0 else None,
            "release_date": (
                release_dates.get(album_ids[tr.album.spotify_id]) if tr.album else None
            ),
        }
        for tr in tracks
    ]
    statement = (
        _insert(session, t.song)
        .on_conflict_do_nothing(index_elements=["spotify_id"])
        .returning(t.song.c.spotify_id, t.song.c.id)
    )
    created: dict[str, int] = {row[0]: row[1] for row in await session.execute(statement, rows)}
    by_id = {tr.spotify_id: tr for tr in tracks}
    links = [
        {"song_id": song_id, "position": position, "artist_id": artist_ids[artist.spotify_id]}
        for spotify_id, song_id in created.items()
        for position, artist in enumerate(by_id[spotify_id].artists)
    ]
    if links:
        await session.execute(t.song_artist.insert(), links)
    await albums.recompute_totals(session, touched)
    raced = [tr.spotify_id for tr in tracks if tr.spotify_id not in created]
    created.update(await _ids_by_spotify_id(session, t.song, raced))
    return created


async def upsert_tracks(session: AsyncSession, tracks: Sequence[ExternalTrack]) -> Matches:
    """Songs for every track (matched or created); ``rules`` says how each was found."""
    distinct = list({tr.spotify_id: tr for tr in tracks}.values())
    matches = await match_songs(session, distinct)
    new = [tr for tr in distinct if tr.spotify_id not in matches.song_ids]
    if not new:
        return matches
    artists = {a.spotify_id: a for tr in new for a in tr.artists}
    for tr in new:
        if tr.album is not None:
            artists.update((a.spotify_id, a) for a in tr.album.artists)
    artist_ids = await upsert_artists(session, list(artists.values()))
    album_list = [tr.album for tr in new if tr.album is not None]
    album_ids = await upsert_albums(session, album_list, artist_ids)
    for spotify_id, song_id in (await create_songs(session, new, artist_ids, album_ids)).items():
        matches.song_ids[spotify_id] = song_id
        matches.rules.setdefault(spotify_id, "created")
    return matches
