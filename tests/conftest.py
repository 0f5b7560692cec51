"""Shared fixtures: one migrated database per profile and run, a clean slate per test."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from fastfm.catalog.listing import forget_kept_totals
from fastfm.config import Settings, get_settings
from fastfm.db import migrate
from fastfm.db.engine import create_engine
from fastfm.db.integrity import sqlstate
from fastfm.db.registry import Base
from fastfm.main import create_app
from fastfm.state import SharedState
from tests.backends import postgres_database, require_redis

_EMPTYING_ATTEMPTS = 5
_DEADLOCK = "40P01"
TEST_SECRET = "test-secret-key-that-is-long-enough-for-hs256-0123456789"


@dataclass
class Profile:
    """A running app for one deployment profile, and handles on what it uses."""

    name: str
    settings: Settings
    app: FastAPI

    @property
    def engine(self) -> AsyncEngine:
        engine: AsyncEngine = self.app.state.database.engine
        return engine

    @property
    def shared(self) -> SharedState:
        shared: SharedState = self.app.state.shared
        return shared

    def session(self) -> AsyncSession:
        session: AsyncSession = self.app.state.database.sessionmaker()
        return session


def make_settings(database_url: str, data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "data_dir": data_dir,
        "secret_key": TEST_SECRET,
        "database_pool_size": 5,
        # Cheap Argon2id so hundreds of sign-ups stay fast; the production cost has its
        # own test (tests/auth/test_password_hashing.py).
        "password_hash_time_cost": 1,
        "password_hash_memory_kib": 1024,
        "password_hash_parallelism": 1,
        # Retries of background jobs in tens of milliseconds, not seconds.
        "jobs_retry_base_seconds": 0.05,
        "jobs_retry_max_seconds": 0.2,
        **overrides,
    }
    return Settings.model_validate(values)


async def migrate_to_head(url: str) -> None:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.begin() as connection:
            await migrate.upgrade_connection(connection)
    finally:
        await engine.dispose()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``postgres_only`` (real concurrent writers) have no SQLite variant."""
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_sqlite = callspec is not None and callspec.params.get("profile") == "sqlite"
        (dropped if on_sqlite and item.get_closest_marker("postgres_only") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
async def profile(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Profile]:
    data_dir = tmp_path_factory.mktemp(f"data-{request.param}")
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{(data_dir / 'fastfm.db').as_posix()}"
        async for running in _running(request.param, make_settings(url, data_dir)):
            yield running
        return
    redis_url = await require_redis()
    async with postgres_database() as url:
        settings = make_settings(
            url,
            data_dir,
            redis_url=redis_url,
            redis_key_prefix=f"fastfm-test-{uuid.uuid4().hex[:8]}",
        )
        async for running in _running(request.param, settings):
            yield running


async def _running(name: str, settings: Settings) -> AsyncIterator[Profile]:
    await migrate_to_head(settings.resolved_database_url)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield Profile(name=name, settings=settings, app=app)


async def reset(profile: Profile) -> None:
    """Empty every table and forget shared state, so each test starts from scratch.

    The catalog revision keeps its row (like a sequence, it only moves forward; emptying
    the catalog tables moves it on).
    """
    await _empty_tables(profile)
    forget_kept_totals(profile.engine)
    await profile.shared.limiter_storage.reset()
    # In-process shuffle sessions go with the rows they were for (ids can be reused).
    if hasattr(profile.app.state, "shuffle_store"):
        del profile.app.state.shuffle_store
    await profile.app.state.rate_limiter.reset()
    redis: Redis | None = profile.shared.redis
    if redis is not None:
        pattern = f"{profile.settings.redis_key_prefix}:*"
        keys = [key async for key in redis.scan_iter(match=pattern, count=500)]
        if keys:
            await redis.delete(*keys)


async def _empty_tables(profile: Profile) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables) if t.name != "catalog_revision"]
    if profile.name != "postgresql":
        async with profile.engine.begin() as connection:
            for table in tables:
                await connection.execute(text(f'DELETE FROM "{table}"'))
        return
    names = ", ".join(f'"{t}"' for t in tables)
    for attempt in range(_EMPTYING_ATTEMPTS):
        try:
            async with profile.engine.begin() as connection:
                await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
                # The job queue's own table (pgqueuer): no message may outlive its job row.
                if (await connection.execute(text("SELECT to_regclass('pgqueuer')"))).scalar():
                    await connection.execute(text("TRUNCATE pgqueuer"))
            return
        except DBAPIError as exc:
            # A live server of the test (a party socket's access check, a worker) may still
            # be reading when TRUNCATE locks table after table; PostgreSQL then aborts one
            # of the two as deadlocked. The TRUNCATE rolled back whole: take it again.
            if sqlstate(exc) != _DEADLOCK or attempt == _EMPTYING_ATTEMPTS - 1:
                raise
            await asyncio.sleep(0.05 * (attempt + 1))


@pytest.fixture
async def app(profile: Profile) -> AsyncIterator[FastAPI]:
    try:
        yield profile.app
    finally:
        await reset(profile)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    transport = ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
def fresh_settings() -> Iterator[None]:
    """The CLI reads settings from the environment once; forget them around each test.

    (The ``app`` fixture, used alongside, empties the database after each test.)"""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
async def spec(client: AsyncClient) -> dict[str, Any]:
    """The app's OpenAPI document."""
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The fuzzer's figures (operations, examples, failures by kind) on each profile."""
    from tests.fuzz.report import write_summary

    write_summary(terminalreporter)
