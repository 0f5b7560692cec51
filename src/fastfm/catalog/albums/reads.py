"""Album reads: Core selects of the columns a response needs, no ORM entities."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select

from fastfm.catalog import tables as t
from fastfm.catalog.artists.reads import genre_list, genres_json
from fastfm.catalog.exceptions import AlbumNotFound
from fastfm.catalog.listing import (
    Database,
    PageQuery,
    SortFields,
    count_of,
    fetch_page,
    page_of_ids,
)
from fastfm.catalog.songs.reads import artist_refs, artist_refs_json
from fastfm.catalog.sql import contains_pattern, decode_rows, json_embed, json_rows
from fastfm.kit.pagination import PageParams

al = t.album.c
ALBUM_SORT = SortFields(
    {"title": al.title, "release_date": al.release_date, "created_at": al.created_at},
    al.id,
    nullable=frozenset({"release_date"}),
)
# Tracks without a number sort after the numbered ones of their disc.
_LAST = 2**31 - 1


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
    album_artists_json(al.id),
    genres_json(t.album_genre, t.album_genre.c.album_id, al.id),
    al.track_count,
    al.total_duration_ms,
    al.created_at,
    al.updated_at,
)
_ALBUM_WITH_TRACKS = _ALBUM.add_columns(tracks_json(al.id))


def album_body(row: Sequence[Any]) -> dict[str, Any]:
    return {
        "id": row[0],
        "title": row[1],
        "album_type": row[2],
        "release_date": row[3],
        "artists": artist_refs(row[4]),
        "genres": genre_list(row[5]),
        "track_count": row[6],
        "total_duration_ms": row[7],
        "created_at": row[8],
        "updated_at": row[9],
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


async def list_albums(
    db: Database,
    *,
    q: str | None = None,
    artist_id: int | None = None,
    genre: int | None = None,
    year: int | None = None,
    sort: str | None,
    page: PageParams,
) -> tuple[list[dict[str, Any]], int]:
    """A page of albums and the total matching."""
    where: list[ColumnElement[bool]] = []
    if q is not None:
        where.append(contains_pattern(al.title, q))
    if artist_id is not None:
        link = t.album_artist.c
        where.append(al.id.in_(select(link.album_id).where(link.artist_id == artist_id)))
    if genre is not None:
        genre_link = t.album_genre.c
        where.append(al.id.in_(select(genre_link.album_id).where(genre_link.genre_id == genre)))
    if year is not None:
        where.append(al.release_date >= date(year, 1, 1))
        if year < date.max.year:
            where.append(al.release_date < date(year + 1, 1, 1))
    order = ALBUM_SORT.order(sort)
    query = PageQuery(
        rows=_ALBUM,
        table=t.album,
        ids=page_of_ids(t.album, where, order, page),
        order=order,
        total=count_of(t.album, where),
    )
    rows, total = await fetch_page(db, query, page)
    return [album_body(row) for row in rows], total


async def get_album(db: Database, album_id: int, *, with_tracks: bool = True) -> dict[str, Any]:
    """One album, with its tracks in disc/track order (404 ``album_not_found``)."""
    statement = _ALBUM_WITH_TRACKS if with_tracks else _ALBUM
    row = (await db.execute(statement.where(al.id == album_id))).first()
    if row is None:
        raise AlbumNotFound()
    body = album_body(row)
    if with_tracks:
        body["tracks"] = track_list(row[10])
    return body
