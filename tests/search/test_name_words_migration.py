"""Migration 0009 indexes songs' and albums' name words on PostgreSQL, and nothing on SQLite."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from fastfm.catalog import tables as t
from fastfm.catalog.seed.bulk import load_synthetic
from fastfm.db import migrate
from fastfm.db.engine import create_engine
from fastfm.db.reads import SQLAlchemyReader
from fastfm.search import service
from tests.backends import postgres_database

BEFORE = "0007"  # the search index without the name words
SONGS = 300
INDEXES = {"ix_search_album_name_words", "ix_search_song_name_words"}


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


async def _name_word_indexes(connection: AsyncConnection) -> set[str]:
    if connection.dialect.name != "postgresql":
        rows = await connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%name_words'")
        )
    else:
        rows = await connection.execute(
            text("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%name_words'")
        )
    return {str(row[0]) for row in rows}


async def _songs_found(connection: AsyncConnection, q: str) -> tuple[list[str], int]:
    db = SQLAlchemyReader(connection, connection.sync_engine)
    hits = (await service.search(db, q, types=("song",), limit=50))["song"]
    return [item["title"] for item in hits.items], hits.total


async def test_upgrade_and_downgrade_keep_the_catalog_and_its_answers(
    engine: AsyncEngine,
) -> None:
    async with engine.begin() as connection:
        await migrate.upgrade_connection(connection, BEFORE)
    await load_synthetic(engine, SONGS, seed=11)
    async with engine.connect() as connection:
        title = await connection.scalar(select(t.song.c.title).order_by(t.song.c.id).limit(1))
        assert isinstance(title, str)
        # The name's words in another order: the "every word in the name" tier.
        reordered = " ".join(reversed(title.split()))
        before = await _songs_found(connection, reordered)
        await connection.rollback()
    assert title in before[0]
    async with engine.begin() as connection:
        await migrate.upgrade_connection(connection)
        expected = INDEXES if connection.dialect.name == "postgresql" else set()
        assert await _name_word_indexes(connection) == expected
    async with engine.connect() as connection:
        assert await _songs_found(connection, reordered) == before
        await connection.rollback()
    async with engine.begin() as connection:
        await migrate.downgrade_connection(connection, BEFORE)
        assert await _name_word_indexes(connection) == set()
        assert await connection.scalar(select(func.count()).select_from(t.song)) == SONGS
        assert await connection.scalar(text("SELECT count(*) FROM search_song")) == SONGS
