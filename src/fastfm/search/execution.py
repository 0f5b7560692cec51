"""Runs the search index's SQL text on any reader (see :mod:`fastfm.db.reads`).

The statements are dialect-specific SQL written with ``:name`` parameters: on PostgreSQL
they go straight to asyncpg, which keeps them prepared; elsewhere through ``text()``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastfm.db.reads import Reader


def dialect_of(db: Reader) -> str:
    """``"postgresql"`` or ``"sqlite"``."""
    return db.engine.dialect.name


async def rows(db: Reader, sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
    """Every row ``sql`` answers for ``params``."""
    return await db.fetch_text(sql, params)
