"""A database that fails while a GraphQL query runs: 503 with Retry-After, as on REST."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import event
from sqlalchemy.engine import make_url

from tests.conftest import Profile
from tests.graphql.helpers import data_of, graphql, seed

QUERY = "query ($id: Int!) { song(id: $id) { title artists { name } } }"
UNAVAILABLE = {
    "errors": [
        {
            "message": "The database is unavailable; try again shortly",
            "extensions": {"code": "database_unavailable"},
        }
    ]
}


def assert_unavailable(response: Any) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["retry-after"] == "1"
    assert response.json() == UNAVAILABLE


@contextmanager
def failing_reads(profile: Profile, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every statement fails as on a connection the server reset."""
    failed: list[str] = []

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        failed.append(statement)
        raise ConnectionResetError("connection reset by peer")

    async def fetch(_self: asyncpg.Connection, statement: str, *_: Any, **__: Any) -> Any:
        failed.append(statement)
        raise ConnectionResetError("connection reset by peer")

    engine = profile.engine.sync_engine
    with monkeypatch.context() as patch:
        patch.setattr(asyncpg.Connection, "fetch", fetch)
        event.listen(engine, "before_cursor_execute", on_execute)
        try:
            yield failed
        finally:
            event.remove(engine, "before_cursor_execute", on_execute)


async def terminate_own_backends(profile: Profile) -> int:
    """Terminate every other backend of this test's own database (never another's)."""
    url = make_url(profile.settings.resolved_database_url).set(drivername="postgresql")
    connection = await asyncpg.connect(url.render_as_string(hide_password=False))
    others = "datname = current_database() AND pid <> pg_backend_pid()"
    try:
        pids = [
            row["pid"]
            for row in await connection.fetch(
                f"SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE {others}"
            )
        ]
        for _ in range(250):
            left = await connection.fetchval(
                f"SELECT count(*) FROM pg_stat_activity WHERE {others} AND pid = ANY($1)", pids
            )
            if not left:
                break
            await asyncio.sleep(0.02)
        return len(pids)
    finally:
        await connection.close()


class TestDatabaseFailures:
    async def test_failing_statements_are_503_not_a_masked_error(
        self, client: AsyncClient, profile: Profile, app: FastAPI, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        catalog = await seed(profile, 1)
        with failing_reads(profile, monkeypatch) as failed:
            response = await graphql(client, QUERY, {"id": catalog.songs[0]})
        assert failed, "the query never reached the database"
        assert_unavailable(response)
        # The same answer with the GraphQL media type, and nothing of the catalog changed.
        with failing_reads(profile, monkeypatch):
            response = await client.post(
                "/graphql",
                json={"query": QUERY, "variables": {"id": catalog.songs[0]}},
                headers={"Accept": "application/graphql-response+json"},
            )
        assert_unavailable(response)
        assert response.headers["content-type"].startswith("application/graphql-response+json")
        data = await data_of(client, QUERY, {"id": catalog.songs[0]})
        assert data == {
            "song": {"title": "Song 0", "artists": [{"name": "Artist 0"}, {"name": "Star"}]}
        }

    async def test_a_resolver_bug_is_still_a_masked_error(
        self, client: AsyncClient, profile: Profile, app: FastAPI, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        catalog = await seed(profile, 1)

        def on_execute(*_: Any) -> None:
            raise ValueError("not a connection problem")

        async def fetch(*_: Any, **__: Any) -> Any:
            raise ValueError("not a connection problem")

        monkeypatch.setattr(asyncpg.Connection, "fetch", fetch)
        event.listen(profile.engine.sync_engine, "before_cursor_execute", on_execute)
        try:
            response = await graphql(client, QUERY, {"id": catalog.songs[0]})
        finally:
            event.remove(profile.engine.sync_engine, "before_cursor_execute", on_execute)
            monkeypatch.undo()
        assert response.status_code == 200
        body = response.json()
        assert body["data"] == {"song": None}
        assert body["errors"][0]["message"] == "Internal error"

    async def test_terminated_backends_on_postgresql(
        self, client: AsyncClient, profile: Profile, app: FastAPI
    ) -> None:
        if profile.name != "postgresql":
            pytest.skip("PostgreSQL backends only")
        catalog = await seed(profile, 2)
        assert await data_of(client, QUERY, {"id": catalog.songs[0]})
        assert await terminate_own_backends(profile) >= 1
        response = await graphql(client, QUERY, {"id": catalog.songs[1]})
        assert_unavailable(response)
        # The pool drops the dead connections: the next query is answered.
        for _ in range(3):
            response = await graphql(client, QUERY, {"id": catalog.songs[1]})
            if response.status_code == 200:
                break
        assert response.status_code == 200, response.text
        assert response.json() == {
            "data": {
                "song": {"title": "Song 1", "artists": [{"name": "Artist 1"}, {"name": "Star"}]}
            }
        }
