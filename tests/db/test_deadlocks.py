"""A request PostgreSQL aborts as deadlocked: a read runs once more, a write is 503
``database_busy`` with Retry-After and changes nothing, never a 500.

The deadlock is real: a second connection locks a table the request reads, waits until
the request blocks on it, then locks a table the request already holds. That connection
waits 30 s before it looks for deadlocks, the request's backend 1 s (the default), so
PostgreSQL always aborts the request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import asyncpg
import pytest
from httpx import AsyncClient, Response

from tests.conftest import Profile
from tests.db.faults import driver_dsn
from tests.factories.catalog import API, CatalogFactory
from tests.factories.users import AuthedUser, register_admin
from tests.graphql.helpers import graphql

pytestmark = pytest.mark.postgres_only

BUSY = {"detail": "The database is busy; try again shortly", "code": "database_busy"}
# A table the request holds a lock on while it waits for another one (ours).
_HELD_BY_WAITER = """
SELECT c.relname FROM pg_locks AS waiting
JOIN pg_locks AS held ON held.pid = waiting.pid AND held.granted AND held.locktype = 'relation'
JOIN pg_class AS c ON c.oid = held.relation
WHERE NOT waiting.granted AND waiting.pid <> pg_backend_pid()
  AND waiting.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
ORDER BY c.relname LIMIT 1
"""


async def deadlocked(
    profile: Profile, table: str, request: Coroutine[Any, Any, Response]
) -> tuple[Response, str]:
    """Run ``request`` into a deadlock on ``table``; answer its response and the table it
    held when it blocked. Fails unless PostgreSQL counted the deadlock."""
    deadlocks = await deadlock_count(profile)
    other = await asyncpg.connect(driver_dsn(profile))
    try:
        await other.execute("SET deadlock_timeout = '30s'")
        transaction = other.transaction()
        await transaction.start()
        await other.execute(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')
        task = asyncio.ensure_future(request)
        held = None
        for _ in range(500):
            held = await other.fetchval(_HELD_BY_WAITER)
            if held is not None or task.done():
                break
            await asyncio.sleep(0.01)
        assert held is not None, f"the request never blocked on {table} holding another table"
        # Granted once PostgreSQL has aborted the request (its own check comes first).
        await other.execute(f'LOCK TABLE "{held}" IN ACCESS EXCLUSIVE MODE')
        await transaction.rollback()
        response = await asyncio.wait_for(task, 10)
    finally:
        await other.close()
    # pg_stat_database hears of the abort from the request's backend, asynchronously.
    for _ in range(100):
        if await deadlock_count(profile) > deadlocks:
            return response, str(held)
        await asyncio.sleep(0.05)
    raise AssertionError(f"PostgreSQL counted no deadlock (the request held {held})")


async def deadlock_count(profile: Profile) -> int:
    other = await asyncpg.connect(driver_dsn(profile))
    try:
        count: int = await other.fetchval(
            "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"
        )
        return count
    finally:
        await other.close()


@pytest.fixture
async def admin(client: AsyncClient, profile: Profile) -> AuthedUser:
    return await register_admin(client, profile)


@pytest.fixture
async def song(client: AsyncClient, admin: AuthedUser) -> dict[str, Any]:
    factory = CatalogFactory(client, admin.headers)
    genre = await factory.genre("Jazz")
    artist = await factory.artist("Nina Simone")
    return await factory.song("Sinnerman", [artist["id"]], genre_ids=[genre["id"]])


async def test_a_deadlocked_read_runs_once_more(
    client: AsyncClient, profile: Profile, song: dict[str, Any]
) -> None:
    url = f"{API}/songs/{song['id']}"
    before = (await client.get(url)).json()
    response, _ = await deadlocked(profile, "genre", client.get(url))
    assert response.status_code == 200, response.text
    assert response.json() == before


async def test_a_deadlocked_write_is_503_busy_and_changes_nothing(
    client: AsyncClient, profile: Profile, admin: AuthedUser, song: dict[str, Any]
) -> None:
    url = f"{API}/songs/{song['id']}"
    before = (await client.get(url)).json()
    patch = client.patch(url, json={"title": "Renamed"}, headers=admin.headers)
    response, held = await deadlocked(profile, "catalog_revision", patch)
    assert response.status_code == 503, (held, response.text)
    assert response.json() == BUSY
    assert response.headers["retry-after"] == "1"
    assert (await client.get(url)).json() == before
    renamed = await client.patch(url, json={"title": "Renamed"}, headers=admin.headers)
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["title"] == "Renamed"


async def test_a_deadlocked_graphql_query_is_503_busy_with_no_data(
    client: AsyncClient, profile: Profile, song: dict[str, Any]
) -> None:
    query = "query ($id: Int!) { song(id: $id) { title genres { name } } }"
    response, _ = await deadlocked(profile, "genre", graphql(client, query, {"id": song["id"]}))
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "1"
    assert response.json() == {
        "errors": [{"message": BUSY["detail"], "extensions": {"code": "database_busy"}}]
    }
