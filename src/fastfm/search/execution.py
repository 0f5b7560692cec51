"""Runs the search index's SQL text on any read connection (see catalog.execution).

The statements are dialect-specific SQL written with ``:name`` parameters. Over a
:class:`DirectConnection` (PostgreSQL) they go straight to asyncpg, which keeps them
prepared; over a SQLAlchemy connection or session (SQLite, or a caller's session) they
run through ``text()``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.util import greenlet_spawn

from fastfm.catalog.execution import Database, DirectConnection

_PARAMETER = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


@lru_cache(maxsize=256)
def _numbered(sql: str) -> tuple[str, tuple[str, ...]]:
    """``sql`` with ``:name`` parameters as asyncpg's ``$1, $2...`` and their order."""
    names: list[str] = []

    def number(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    return _PARAMETER.sub(number, sql), tuple(names)


def dialect_of(db: Database) -> str:
    """``"postgresql"`` or ``"sqlite"``."""
    if isinstance(db, DirectConnection):
        return "postgresql"
    if isinstance(db, AsyncConnection):
        return db.dialect.name
    return db.sync_session.get_bind().dialect.name


async def rows(db: Database, sql: str, params: Mapping[str, Any]) -> list[Sequence[Any]]:
    """Every row ``sql`` answers for ``params``."""
    if isinstance(db, DirectConnection):
        numbered, names = _numbered(sql)
        try:
            found: list[Sequence[Any]] = await db.driver.fetch(
                numbered, *(params[n] for n in names)
            )
        except BaseException:
            # Cancelled or failed mid-query: the pool must not hand this connection out again.
            await greenlet_spawn(db.pooled.invalidate)
            raise
        return found
    executor: AsyncConnection | AsyncSession = db
    result = await executor.execute(text(sql), dict(params))
    return list(result.all())
