"""Album reads: Core selects of the columns a response needs, no ORM entities."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, bindparam, func, select

from fastfm.catalog import tables as t
from fastfm.catalog.artists.reads import genre_list, genres_json
from fastfm.catalog.exceptions import AlbumNotFound
from fastfm.catalog.listing import ListShape, Reader, SortFields, fetch_page, list_statements
from fastfm.catalog.songs.reads import artist_refs, artist_refs_json
from fastfm.db.bodies import BodyShape
from fastfm.db.dialect import (
    contains_pattern,
    decode_rows,
    id_in,
    json_embed,
    json_rows,
    substring_pattern,
)
from fastfm.db.reads import Row
from fastfm.kit.ids import MAX_INT32
from fastfm.kit.pagination import PageParams

al = t.album.c
ALBUM_SORT = SortFields(
    {"title": al.title, "release_date": al.release_date, "created_at": al.created_at},
    al.id,
    nullable=frozenset({"release_date"}),
)
# Tracks without a number sort after the numbered ones of their disc.
_LAST = MAX_INT32


def album_artists_json(album_id: ColumnElement[int]) -> Any:
    """``[[position, artist_id, name], ...]`` of an album's artists."""
    link = t.album_artist.c
    return (
        select(json_rows(link.position, t.artist.c.id, t.artist.c.name))
        .select_from(t.album_artist.join(t.artist, t.artist.c.id == link.artist_id))
        .where(link.album_id == album_id)
        .scalar_subquery()
    )


def tracks_json(album_id: ColumnElement[int]) -> Any:
    """``[[disc, track or last, song_id, track, title, duration_ms, artists], ...]``."""
    s = t.song.c
    return (
        select(
            json_rows(
                s.disc_number,
                func.coalesce(s.track_number, _LAST),
                s.id,
                s.track_number,
                s.title,
                s.duration_ms,
                json_embed(artist_refs_json(s.id)),
            )
        )
        .where(s.album_id == album_id)
        .scalar_subquery()
    )


_ALBUM = select(
    al.id,
    al.title,
    al.album_type,
    al.release_date,
    album_artists_json(al.id).label("artists"),
    genres_json(t.album_genre, t.album_genre.c.album_id, al.id).label("genres"),
    al.track_count,
    al.total_duration_ms,
    al.created_at,
    al.updated_at,
)
_ALBUM_WITH_TRACKS = _ALBUM.add_columns(tracks_json(al.id).label("tracks"))


def album_body(row: Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row["title"],
        "album_type": row["album_type"],
        "release_date": row["release_date"],
        "artists": artist_refs(row["artists"]),
        "genres": genre_list(row["genres"]),
        "track_count": row["track_count"],
        "total_duration_ms": row["total_duration_ms"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def track_list(text: str | None) -> list[dict[str, Any]]:
    return [
        {
            "disc_number": track[0],
            "track_number": track[3],
            "song": {
                "id": track[2],
                "title": track[4],
                "duration_ms": track[5],
                "artists": [{"id": x[1], "name": x[2]} for x in sorted(track[6])],
            },
        }
        for track in decode_rows(text)
    ]


def _where(present: frozenset[str]) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if "q" in present:
        clauses.append(contains_pattern(al.title, "q"))
    if "artist_id" in present:
        link = t.album_artist.c
        artist = bindparam("artist_id", type_=Integer)
        clauses.append(al.id.in_(select(link.album_id).where(link.artist_id == artist)))
    if "genre" in present:
        genre_link = t.album_genre.c
        genre = bindparam("genre", type_=Integer)
        clauses.append(al.id.in_(select(genre_link.album_id).where(genre_link.genre_id == genre)))
    if "year_start" in present:
        clauses.append(al.release_date >= bindparam("year_start", type_=Date))
    if "year_end" in present:
        clauses.append(al.release_date < bindparam("year_end", type_=Date))
    return clauses


async def list_albums(
    db: Reader,
    *,
    q: str | None = None,
    artist_id: int | None = None,
    genre: int | None = None,
    year: int | None = None,
    sort: str | None,
    page: PageParams,
) -> tuple[list[dict[str, Any]], int]:
    """A page of albums and the total matching."""
    params: dict[str, Any] = {}
    if q is not None:
        params["q"] = substring_pattern(q)
    if artist_id is not None:
        params["artist_id"] = artist_id
    if genre is not None:
        params["genre"] = genre
    if year is not None:
        params["year_start"] = date(year, 1, 1)
        if year < date.max.year:
            params["year_end"] = date(year + 1, 1, 1)
    present = frozenset(params)

    def shape() -> ListShape:
        return ListShape(rows=_ALBUM, table=t.album, where=_where(present))

    statements = list_statements(db, ("album", present), ALBUM_SORT, sort, page, shape)
    rows, total = await fetch_page(db, statements, params, page)
    return [album_body(row) for row in rows], total


_ALBUM_BY_ID = _ALBUM.where(al.id == bindparam("album_id", type_=Integer))
_ALBUM_WITH_TRACKS_BY_ID = _ALBUM_WITH_TRACKS.where(al.id == bindparam("album_id", type_=Integer))


async def get_album(db: Reader, album_id: int, *, with_tracks: bool = True) -> dict[str, Any]:
    """One album, with its tracks in disc/track order (404 ``album_not_found``)."""
    statement = _ALBUM_WITH_TRACKS_BY_ID if with_tracks else _ALBUM_BY_ID
    rows = await db.fetch(statement, {"album_id": album_id})
    if not rows:
        raise AlbumNotFound()
    body = album_body(rows[0])
    if with_tracks:
        body["tracks"] = track_list(rows[0]["tracks"])
    return body


_ALBUMS_WITH_TRACKS_BY_IDS = _ALBUM_WITH_TRACKS.where(id_in(al.id, "album_ids"))


async def load_album_bodies(db: Reader, album_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Album bodies with their tracks by id, in one statement; unknown ids are absent."""
    if not album_ids:
        return {}
    rows = await db.fetch(_ALBUMS_WITH_TRACKS_BY_IDS, {"album_ids": list(dict.fromkeys(album_ids))})
    bodies = {}
    for row in rows:
        body = album_body(row)
        body["tracks"] = track_list(row["tracks"])
        bodies[row["id"]] = body
    return bodies


# Albums as lists show them: without their tracks.
ALBUM_SUMMARIES = BodyShape(_ALBUM, album_body)


async def load_album_summaries(db: Reader, album_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Album bodies without their tracks (as lists show them) by id, in one statement;
    unknown ids are absent."""
    return await ALBUM_SUMMARIES.load(db, album_ids)
