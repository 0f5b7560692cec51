"""The migrations build the schema the models describe, both ways, on both databases."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from fastfm.db import migrate
from fastfm.db.engine import create_engine
from fastfm.db.registry import Base
from fastfm.search.derived import include_name, is_search_table
from tests.backends import postgres_database

VERSIONS = Path(migrate.ROOT) / "migrations" / "versions"


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_engine(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[AsyncEngine]:
    if request.param == "sqlite":
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}")
        yield engine
        await engine.dispose()
        return
    async with postgres_database() as url:
        engine = create_engine(url, pool_size=1)
        yield engine
        await engine.dispose()


def _tables(connection: Connection) -> set[str]:
    names = set(inspect(connection).get_table_names()) - {"alembic_version"}
    return {name for name in names if not is_search_table(name)}


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection,
        opts={"compare_type": True, "target_metadata": Base.metadata, "include_name": include_name},
    )
    return list(compare_metadata(context, Base.metadata))


class TestMigrations:
    async def test_upgrade_downgrade_upgrade(self, empty_engine: AsyncEngine) -> None:
        async with empty_engine.begin() as connection:
            await migrate.upgrade_connection(connection)
            assert await connection.run_sync(_tables) == set(Base.metadata.tables)
            await migrate.downgrade_connection(connection, "base")
            assert await connection.run_sync(_tables) == set()
            await migrate.upgrade_connection(connection)
            head = ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
            assert await migrate.current_revision(connection) == head

    async def test_each_step_downgrades_cleanly(self, empty_engine: AsyncEngine) -> None:
        script = ScriptDirectory.from_config(migrate.alembic_config())
        revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
        async with empty_engine.begin() as connection:
            for revision in revisions:
                await migrate.upgrade_connection(connection, revision)
                await migrate.downgrade_connection(connection, "-1")
                await migrate.upgrade_connection(connection, revision)
            assert await migrate.current_revision(connection) == revisions[-1]

    async def test_models_match_migrations(self, empty_engine: AsyncEngine) -> None:
        async with empty_engine.begin() as connection:
            await migrate.upgrade_connection(connection)
            assert await connection.run_sync(_differences) == []


def test_revision_files_are_named_by_date_and_slug() -> None:
    names = sorted(p.name for p in VERSIONS.glob("*.py"))
    assert names, "no migrations found"
    for name in names:
        stamp, _, slug = name.removesuffix(".py").partition("_")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-\d{4}", stamp), name
        assert re.fullmatch(r"[a-z0-9_]+", slug), name
