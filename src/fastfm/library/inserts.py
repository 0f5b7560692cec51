"""``INSERT … ON CONFLICT DO NOTHING`` on SQLite and PostgreSQL alike."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.db.base import Base


async def insert_unless_present(
    session: AsyncSession, model: type[Base], values: dict[str, Any]
) -> bool:
    """Insert one row unless its primary key exists; ``True`` when a row was written.

    The database decides, so concurrent requests for the same pair write one row and
    exactly one of them sees ``True``.
    """
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    primary_key = inspect(model).primary_key
    statement = (
        insert(model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=[column.name for column in primary_key])
        .returning(*primary_key)
    )
    result = await session.execute(statement)
    return result.first() is not None
