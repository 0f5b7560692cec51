"""Migration 0007 indexes a catalog that already exists, and leaves it intact both ways."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from fastfm.catalog import tables as t
from fastfm.catalog.seed.bulk import load_synthetic
from fastfm.db import migrate
from fastfm.db.engine import create_engine
from fastfm.db.reads import SQLAlchemyReader
from fastfm.search import service
from tests.backends import postgres_database

BEFORE = "0006"  # the revision before the search index
SONGS = 400


@pytest.fixture(params=["sqlite", "postgresql"])
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    if request.param == "sqlite":
        made = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'search.db'}")
        yield made
        await made.dispose()
        return
    async with postgres_database() as url:
        made = create_engine(url, pool_size=1)
        yield made
        await made.dispose()


def _search_tables(connection: Connection) -> set[str]:
    return {n for n in inspect(connection).get_table_names() if n.startswith("search_")}


async def _first_song(engine: AsyncEngine) -> tuple[int, str]:
    async with engine.connect() as connection:
        row = (await connection.execute(select(t.song.c.id, t.song.c.title).limit(1))).one()
        return int(row[0]), str(row[1])


async def _search(connection: AsyncConnection, q: str) -> tuple[list[int], int]:
    db = SQLAlchemyReader(connection, connection.sync_engine)
    hits = (await service.search(db, q, types=("song",), limit=50))["song"]
    return [item["id"] for item in hits.items], hits.total


async def test_upgrade_indexes_an_existing_catalog_and_downgrade_drops_it(
    engine: AsyncEngine,
) -> None:
    async with engine.begin() as connection:
        await migrate.upgrade_connection(connection, BEFORE)
    await load_synthetic(engine, SONGS, seed=7)
    song_id, title = await _first_song(engine)
    async with engine.begin() as connection:
        await migrate.upgrade_connection(connection)
        assert "search_song" in await connection.run_sync(_search_tables)
        indexed = (await connection.execute(text("SELECT count(*) FROM search_song"))).scalar()
        assert indexed == SONGS
    async with engine.connect() as connection:
        ids, total = await _search(connection, title.upper())
        assert song_id in ids
        expected = await connection.scalar(
            select(func.count()).select_from(t.song).where(t.song.c.title == title)
        )
        assert total >= (expected or 0) >= 1
        await connection.rollback()
    async with engine.begin() as connection:
        await migrate.downgrade_connection(connection, BEFORE)
        assert await connection.run_sync(_search_tables) == set()
        assert await connection.scalar(select(func.count()).select_from(t.song)) == SONGS
        await migrate.upgrade_connection(connection)
    async with engine.connect() as connection:
        assert song_id in (await _search(connection, title))[0]
