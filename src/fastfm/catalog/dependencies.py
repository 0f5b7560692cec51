"""Request dependencies every catalog router shares."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Query, Request
from pydantic import AfterValidator
from pydantic.json_schema import SkipJsonSchema

from fastfm.catalog.execution import Database, direct_connection
from fastfm.db.session import get_database
from fastfm.kit.ids import IdPath
from fastfm.kit.schemas import QUERY_TEXT_PATTERN, optional_storable_text


@asynccontextmanager
async def reading(request: Request) -> AsyncIterator[Database]:
    """The connection a public read runs on, for the length of the block.

    A bare pooled asyncpg connection on PostgreSQL (see catalog.execution); on SQLite an
    autocommit connection. A read is one statement, so it needs no transaction. Hot read
    routes use this block rather than a yield dependency, whose per-request machinery
    cost more than the query.
    """
    engine = get_database(request).engine
    if engine.dialect.name != "postgresql":
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            yield connection
        return
    async with direct_connection(engine) as direct:
        yield direct


# Not nullable in the schema: a query parameter is absent or a string (and the pattern
# then applies to that string itself).
SearchText = Annotated[
    str | SkipJsonSchema[None],
    Query(
        max_length=200,
        description="Case-insensitive substring of the name or title; % and _ match literally",
        json_schema_extra={"pattern": QUERY_TEXT_PATTERN},
    ),
    AfterValidator(optional_storable_text),
]
EntityId = IdPath


def search_text(q: str | None) -> str | None:
    """``q`` without surrounding blanks; a blank ``q`` filters nothing."""
    if q is None:
        return None
    return q.strip() or None
