"""Genre reads: Core selects of the columns a response needs, no ORM entities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Integer, bindparam, select

from fastfm.catalog import tables as t
from fastfm.catalog.exceptions import GenreNotFound
from fastfm.catalog.listing import ListShape, Reader, SortFields, fetch_page, list_statements
from fastfm.db.bodies import BodyShape
from fastfm.db.dialect import contains_pattern, substring_pattern
from fastfm.db.reads import Row
from fastfm.kit.pagination import PageParams

GENRE_SORT = SortFields({"name": t.genre.c.name}, t.genre.c.id)
_GENRE = select(t.genre.c.id, t.genre.c.name, t.genre.c.slug)


def genre_body(row: Row) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "slug": row["slug"]}


def _where(present: frozenset[str]) -> list[ColumnElement[bool]]:
    return [contains_pattern(t.genre.c.name, "q")] if "q" in present else []


async def list_genres(
    db: Reader, *, q: str | None, sort: str | None, page: PageParams
) -> tuple[list[dict[str, Any]], int]:
    """A page of genres and the total matching."""
    params = {} if q is None else {"q": substring_pattern(q)}
    present = frozenset(params)

    def shape() -> ListShape:
        return ListShape(rows=_GENRE, table=t.genre, where=_where(present))

    statements = list_statements(db, ("genre", present), GENRE_SORT, sort, page, shape)
    rows, total = await fetch_page(db, statements, params, page)
    return [genre_body(row) for row in rows], total


_GENRE_BY_ID = _GENRE.where(t.genre.c.id == bindparam("genre_id", type_=Integer))


async def get_genre(db: Reader, genre_id: int) -> dict[str, Any]:
    """One genre (404 ``genre_not_found``)."""
    rows = await db.fetch(_GENRE_BY_ID, {"genre_id": genre_id})
    if not rows:
        raise GenreNotFound()
    return genre_body(rows[0])


GENRE_BODIES = BodyShape(_GENRE, genre_body)


async def load_genre_bodies(db: Reader, genre_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Genre bodies by id, in one statement; unknown ids are absent."""
    return await GENRE_BODIES.load(db, genre_ids)
