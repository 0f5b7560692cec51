"""PostgreSQL keeps row counts per block of ids by trigger: exact totals, cheap deep pages."""

from __future__ import annotations

import asyncio

import pytest
from httpx import AsyncClient
from sqlalchemy import text

from fastfm.catalog.id_blocks import BLOCK_SIZE
from tests.catalog.helpers import API, ids
from tests.conftest import Profile

SONGS = 3 * BLOCK_SIZE + 123


# Statement triggers and id blocks exist on PostgreSQL only.
pytestmark = pytest.mark.postgres_only


async def _insert_songs(profile: Profile, first_id: int, count: int) -> None:
    """Songs with ids first_id.. in one statement (one trigger call), every 7th id left out."""
    async with profile.engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO song (id, title, duration_ms, created_at, updated_at) "
                "SELECT i, 'Song ' || i, 1000, now(), now() "
                "FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS i "
                "WHERE i % 7 <> 0"
            ),
            {"first": first_id, "last": first_id + count - 1},
        )


async def _block_total(profile: Profile) -> int:
    async with profile.engine.connect() as connection:
        result = await connection.execute(
            text("SELECT coalesce(sum(delta), 0) FROM id_block_count WHERE table_name = 'song'")
        )
        return int(result.scalar_one())


async def _count(profile: Profile) -> int:
    async with profile.engine.connect() as connection:
        return int((await connection.execute(text("SELECT count(*) FROM song"))).scalar_one())


async def test_totals_follow_inserts_and_deletes(client: AsyncClient, profile: Profile) -> None:
    await _insert_songs(profile, 1, SONGS)
    await _insert_songs(profile, SONGS + 1, 10)
    async with profile.engine.begin() as connection:
        await connection.execute(text("DELETE FROM song WHERE id % 5 = 0"))
    exact = await _count(profile)
    assert await _block_total(profile) == exact
    body = (await client.get(f"{API}/songs", params={"limit": 1})).json()
    assert body["total"] == exact
    async with profile.engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT count(*) FROM id_block_count WHERE table_name = 'song'")
        )
        # Folded: about one row per block, not one per statement.
        assert rows.scalar_one() <= SONGS // BLOCK_SIZE + 2


async def test_deep_pages_match_plain_offsets(client: AsyncClient, profile: Profile) -> None:
    await _insert_songs(profile, 1, SONGS)
    async with profile.engine.begin() as connection:
        await connection.execute(text("DELETE FROM song WHERE id BETWEEN 4000 AND 4500"))
    total = await _count(profile)
    for offset in (BLOCK_SIZE - 1, BLOCK_SIZE, 2 * BLOCK_SIZE + 17, total - 3, total - 1):
        async with profile.engine.connect() as connection:
            expected = list(
                (
                    await connection.execute(
                        text("SELECT id FROM song ORDER BY id LIMIT 5 OFFSET :o"), {"o": offset}
                    )
                ).scalars()
            )
        body = (await client.get(f"{API}/songs", params={"limit": 5, "offset": offset})).json()
        assert ids(body) == expected, offset
        assert body["total"] == total
    past = (await client.get(f"{API}/songs", params={"offset": total + BLOCK_SIZE})).json()
    assert (past["items"], past["total"]) == ([], total)


async def test_concurrent_writers_do_not_wait_for_each_other(
    client: AsyncClient, profile: Profile
) -> None:
    """Two open transactions insert songs into the same block; neither blocks the other."""
    engine = profile.engine
    async with engine.connect() as first, engine.connect() as second:
        await first.begin()
        await second.begin()
        insert = text(
            "INSERT INTO song (id, title, duration_ms, created_at, updated_at) "
            "VALUES (:id, 'S', 1000, now(), now())"
        )
        await first.execute(insert, {"id": 1})
        await asyncio.wait_for(second.execute(insert, {"id": 2}), timeout=5)
        await first.commit()
        await asyncio.wait_for(second.execute(insert, {"id": 3}), timeout=5)
        await second.commit()
    assert await _block_total(profile) == 3


async def test_truncate_empties_the_counts(client: AsyncClient, profile: Profile) -> None:
    await _insert_songs(profile, 1, 100)
    async with profile.engine.begin() as connection:
        await connection.execute(text("TRUNCATE song CASCADE"))
    assert await _block_total(profile) == 0
