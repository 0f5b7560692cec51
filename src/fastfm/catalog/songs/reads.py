"""Full song bodies for any set of ids in one statement: the catalog's song loader.

Other domains (playlists, likes, charts, shuffle) embed whole songs; they call
:func:`load_songs` (Pydantic models) or :func:`load_song_bodies` (plain JSON-ready dicts)
with the ids of a page, never one song at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer, Select, bindparam, select
from sqlalchemy.sql.elements import ColumnElement

from fastfm.catalog import tables as t
from fastfm.catalog.exceptions import SongNotFound
from fastfm.catalog.songs.schemas import SongRead
from fastfm.db.bodies import BodyShape
from fastfm.db.dialect import decode_rows, json_rows
from fastfm.db.reads import Reader, Row

SongBody = dict[str, Any]


def artist_refs_json(song_id: ColumnElement[int]) -> ColumnElement[str]:
    """``[[position, artist_id, name], ...]`` of a song's performing artists."""
    return (
        select(json_rows(t.song_artist.c.position, t.artist.c.id, t.artist.c.name))
        .select_from(t.song_artist.join(t.artist, t.artist.c.id == t.song_artist.c.artist_id))
        .where(t.song_artist.c.song_id == song_id)
        .scalar_subquery()
    )


def song_genres_json(song_id: ColumnElement[int]) -> ColumnElement[str]:
    """``[[name, genre_id, slug], ...]`` of a song's genres."""
    return (
        select(json_rows(t.genre.c.name, t.genre.c.id, t.genre.c.slug))
        .select_from(t.song_genre.join(t.genre, t.genre.c.id == t.song_genre.c.genre_id))
        .where(t.song_genre.c.song_id == song_id)
        .scalar_subquery()
    )


def song_credits_json(song_id: ColumnElement[int]) -> ColumnElement[str]:
    """``[[position, credit_id, artist_id, artist_name, role, detail], ...]`` of a song."""
    c = t.credit.c
    return (
        select(json_rows(c.position, c.id, c.artist_id, t.artist.c.name, c.role, c.detail))
        .select_from(t.credit.join(t.artist, t.artist.c.id == c.artist_id))
        .where(c.song_id == song_id)
        .scalar_subquery()
    )


def song_body_select() -> Select[Any]:
    """Every column of a song body, labelled; callers add the WHERE and ORDER BY."""
    s = t.song.c
    return select(
        s.id,
        s.title,
        s.duration_ms,
        s.explicit,
        s.isrc,
        s.album_id,
        t.album.c.title.label("album_title"),
        s.disc_number,
        s.track_number,
        s.release_date,
        s.like_count,
        s.play_count,
        s.created_at,
        s.updated_at,
        artist_refs_json(s.id).label("artists"),
        song_genres_json(s.id).label("genres"),
        song_credits_json(s.id).label("credits"),
    ).select_from(t.song.outerjoin(t.album, t.album.c.id == s.album_id))


def artist_refs(text: str | None) -> list[dict[str, Any]]:
    return [{"id": a[1], "name": a[2]} for a in decode_rows(text)]


def song_body(row: Row) -> SongBody:
    """A song body from a row of :func:`song_body_select` (other columns ignored)."""
    album_id = row["album_id"]
    return {
        "id": row["id"],
        "title": row["title"],
        "duration_ms": row["duration_ms"],
        "explicit": row["explicit"],
        "isrc": row["isrc"],
        "album": None if album_id is None else {"id": album_id, "title": row["album_title"]},
        "disc_number": row["disc_number"],
        "track_number": row["track_number"],
        "release_date": row["release_date"],
        "artists": artist_refs(row["artists"]),
        "genres": [{"id": g[1], "name": g[0], "slug": g[2]} for g in decode_rows(row["genres"])],
        "credits": [
            {"artist": {"id": c[2], "name": c[3]}, "role": c[4], "detail": c[5]}
            for c in decode_rows(row["credits"])
        ],
        "like_count": row["like_count"],
        "play_count": row["play_count"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


# A song body as any reader of several kinds at once builds it (see fastfm.db.bodies).
SONG_BODIES = BodyShape(song_body_select(), song_body)
# One song by ``= $1``, not ``= ANY($1)``: PostgreSQL estimates an array parameter at ten
# rows, so the prepared ANY statement never settles on its generic plan and is planned
# again on every call, which cost four times the query itself.
_BY_ID = song_body_select().where(t.song.c.id == bindparam("song_id", type_=Integer))


async def load_song_bodies(db: Reader, song_ids: Sequence[int]) -> dict[int, SongBody]:
    """Song bodies (plain dicts, ready for JSON) by id, in one statement; unknown ids are absent."""
    return await SONG_BODIES.load(db, song_ids)


async def load_songs(db: Reader, song_ids: Sequence[int]) -> dict[int, SongRead]:
    """Songs by id as ``SongRead``, in one statement; unknown ids are absent."""
    bodies = await load_song_bodies(db, song_ids)
    return {song_id: SongRead.model_validate(body) for song_id, body in bodies.items()}


async def get_song(db: Reader, song_id: int) -> SongBody:
    """One song body (404 ``song_not_found``)."""
    rows = await db.fetch(_BY_ID, {"song_id": song_id})
    if not rows:
        raise SongNotFound()
    return song_body(rows[0])
