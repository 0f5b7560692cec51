"""Reads the seeded catalog back for assertions."""

from __future__ import annotations

from sqlalchemy import text

from fastfm.catalog.seed.rows import TABLE_COLUMNS
from tests.conftest import Profile


async def dump(profile: Profile) -> dict[str, list[tuple[object, ...]]]:
    """Every seeded row of every catalog table, in a stable order."""
    tables: dict[str, list[tuple[object, ...]]] = {}
    async with profile.engine.connect() as connection:
        for table, columns in TABLE_COLUMNS.items():
            order = ", ".join(columns)
            result = await connection.execute(
                text(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
            )
            tables[table] = [tuple(row) for row in result]
    return tables


async def scalar(profile: Profile, sql: str) -> object:
    async with profile.engine.connect() as connection:
        return await connection.scalar(text(sql))


async def rows(profile: Profile, sql: str) -> list[tuple[object, ...]]:
    async with profile.engine.connect() as connection:
        return [tuple(row) for row in await connection.execute(text(sql))]
