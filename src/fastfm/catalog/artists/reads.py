"""Artist reads: Core selects of the columns a response needs, no ORM entities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Integer, bindparam, select

from fastfm.catalog import tables as t
from fastfm.catalog.exceptions import ArtistNotFound
from fastfm.catalog.listing import ListShape, Reader, SortFields, fetch_page, list_statements
from fastfm.db.bodies import BodyShape
from fastfm.db.dialect import (
    contains_pattern,
    decode_rows,
    json_rows,
    substring_pattern,
)
from fastfm.db.reads import Row
from fastfm.kit.pagination import PageParams

a = t.artist.c
ARTIST_SORT = SortFields(
    {"name": a.name, "created_at": a.created_at, "follower_count": a.follower_count}, a.id
)


def genres_json(link: Any, owner: ColumnElement[int], owner_id: ColumnElement[int]) -> Any:
    """``[[name, genre_id, slug], ...]`` of the genres ``link`` ties to an owner row."""
    return (
        select(json_rows(t.genre.c.name, t.genre.c.id, t.genre.c.slug))
        .select_from(link.join(t.genre, t.genre.c.id == link.c.genre_id))
        .where(owner == owner_id)
        .scalar_subquery()
    )


def genre_list(text: str | None) -> list[dict[str, Any]]:
    return [{"id": g[1], "name": g[0], "slug": g[2]} for g in decode_rows(text)]


_ARTIST = select(
    a.id,
    a.name,
    a.bio,
    a.image_url,
    genres_json(t.artist_genre, t.artist_genre.c.artist_id, a.id).label("genres"),
    a.follower_count,
    a.created_at,
    a.updated_at,
)


def artist_body(row: Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "bio": row["bio"],
        "image_url": row["image_url"],
        "genres": genre_list(row["genres"]),
        "follower_count": row["follower_count"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def _where(present: frozenset[str]) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if "q" in present:
        clauses.append(contains_pattern(a.name, "q"))
    if "genre" in present:
        link = t.artist_genre.c
        genre = bindparam("genre", type_=Integer)
        clauses.append(a.id.in_(select(link.artist_id).where(link.genre_id == genre)))
    return clauses


async def list_artists(
    db: Reader, *, q: str | None, genre: int | None, sort: str | None, page: PageParams
) -> tuple[list[dict[str, Any]], int]:
    """A page of artists and the total matching."""
    params: dict[str, Any] = {}
    if q is not None:
        params["q"] = substring_pattern(q)
    if genre is not None:
        params["genre"] = genre
    present = frozenset(params)

    def shape() -> ListShape:
        return ListShape(rows=_ARTIST, table=t.artist, where=_where(present))

    statements = list_statements(db, ("artist", present), ARTIST_SORT, sort, page, shape)
    rows, total = await fetch_page(db, statements, params, page)
    return [artist_body(row) for row in rows], total


_ARTIST_BY_ID = _ARTIST.where(a.id == bindparam("artist_id", type_=Integer))
_ARTIST_EXISTS = select(a.id).where(a.id == bindparam("artist_id", type_=Integer))


async def get_artist(db: Reader, artist_id: int) -> dict[str, Any]:
    """One artist (404 ``artist_not_found``)."""
    rows = await db.fetch(_ARTIST_BY_ID, {"artist_id": artist_id})
    if not rows:
        raise ArtistNotFound()
    return artist_body(rows[0])


async def require_artist(db: Reader, artist_id: int) -> None:
    """404 ``artist_not_found`` unless the artist exists."""
    if not await db.fetch(_ARTIST_EXISTS, {"artist_id": artist_id}):
        raise ArtistNotFound()


ARTIST_BODIES = BodyShape(_ARTIST, artist_body)


async def load_artist_bodies(db: Reader, artist_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Artist bodies (as ``get_artist`` answers them) by id, in one statement; unknown
    ids are absent. Other domains list artists with it, so an artist reads the same
    everywhere."""
    return await ARTIST_BODIES.load(db, artist_ids)
