"""Genre reads: Core selects of the columns a response needs, no ORM entities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, select

from fastfm.catalog import tables as t
from fastfm.catalog.exceptions import GenreNotFound
from fastfm.catalog.listing import (
    Database,
    PageQuery,
    SortFields,
    count_of,
    fetch_page,
    page_of_ids,
)
from fastfm.catalog.sql import contains_pattern
from fastfm.kit.pagination import PageParams

GENRE_SORT = SortFields({"name": t.genre.c.name}, t.genre.c.id)
_GENRE = select(t.genre.c.id, t.genre.c.name, t.genre.c.slug)


def genre_body(row: Sequence[Any]) -> dict[str, Any]:
    return {"id": row[0], "name": row[1], "slug": row[2]}


async def list_genres(
    db: Database, *, q: str | None, sort: str | None, page: PageParams
) -> tuple[list[dict[str, Any]], int]:
    """A page of genres and the total matching."""
    where: list[ColumnElement[bool]] = []
    if q is not None:
        where.append(contains_pattern(t.genre.c.name, q))
    order = GENRE_SORT.order(sort)
    query = PageQuery(
        rows=_GENRE,
        table=t.genre,
        ids=page_of_ids(t.genre, where, order, page),
        order=order,
        total=count_of(t.genre, where),
    )
    rows, total = await fetch_page(db, query, page)
    return [genre_body(row) for row in rows], total


async def get_genre(db: Database, genre_id: int) -> dict[str, Any]:
    """One genre (404 ``genre_not_found``)."""
    row = (await db.execute(_GENRE.where(t.genre.c.id == genre_id))).first()
    if row is None:
        raise GenreNotFound()
    return genre_body(row)
