"""Pooled PostgreSQL connections that died while idle are replaced, not handed out."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from fastfm.db import engine as engine_module
from fastfm.db.engine import create_engine
from tests.backends import postgres_database


@pytest.fixture
async def postgres_engine() -> AsyncIterator[AsyncEngine]:
    async with postgres_database() as url:
        engine = create_engine(url, pool_size=1)
        yield engine
        await engine.dispose()


async def _backend_pid(engine: AsyncEngine) -> int:
    async with engine.connect() as connection:
        pid: int = (await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one()
        return pid


async def _terminate(engine: AsyncEngine, pid: int) -> None:
    """Kill backend ``pid`` from a connection of a separate engine (not from its own pool)."""
    other = create_engine(engine.url.render_as_string(hide_password=False), pool_size=1)
    try:
        async with other.connect() as connection:
            await connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        await other.dispose()


class TestIdleConnections:
    async def test_a_connection_killed_while_idle_is_replaced(
        self, postgres_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(engine_module, "IDLE_PING_AFTER_SECONDS", 0.0)
        first = await _backend_pid(postgres_engine)
        await _terminate(postgres_engine, first)
        # The next checkout pings the dead connection, drops it and opens a new one.
        second = await _backend_pid(postgres_engine)
        assert second != first

    async def test_a_busy_connection_is_not_pinged(
        self, postgres_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(engine_module, "IDLE_PING_AFTER_SECONDS", 3600.0)
        statements: list[str] = []
        first = await _backend_pid(postgres_engine)

        def record(*args: object) -> None:
            statements.append(str(args[2]))

        from sqlalchemy import event

        event.listen(postgres_engine.sync_engine, "before_cursor_execute", record)
        assert await _backend_pid(postgres_engine) == first
        assert statements == ["SELECT pg_backend_pid()"]
