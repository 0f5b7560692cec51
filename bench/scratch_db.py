"""A throwaway PostgreSQL database for one benchmark run, migrated to head, then dropped."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from fastfm.db import migrate
from fastfm.db.engine import create_engine

ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)


@asynccontextmanager
async def bench_database(kind: str) -> AsyncIterator[str]:
    """The URL of a fresh ``fastfm_bench_<kind>_...`` database, dropped on exit."""
    admin = create_async_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"fastfm_bench_{kind}_{uuid.uuid4().hex[:8]}"
    async with admin.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
        engine = create_engine(url, pool_size=1)
        async with engine.begin() as connection:
            await migrate.upgrade_connection(connection)
        await engine.dispose()
        yield url
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()
