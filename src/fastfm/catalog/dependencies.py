"""Request dependencies every catalog router shares."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from sqlalchemy.ext.asyncio import AsyncConnection

from fastfm.db.session import get_database


async def read_connection(request: Request) -> AsyncIterator[AsyncConnection]:
    """A pooled connection in autocommit mode: a public read is one statement, so it needs
    no transaction, and skipping BEGIN/ROLLBACK saves two round trips per request."""
    async with get_database(request).engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        yield connection


ReadConnection = Annotated[AsyncConnection, Depends(read_connection, scope="function")]

SearchText = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Case-insensitive substring of the name or title; % and _ match literally",
    ),
]
EntityId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def search_text(q: str | None) -> str | None:
    """``q`` without surrounding blanks; a blank ``q`` filters nothing."""
    if q is None:
        return None
    return q.strip() or None
