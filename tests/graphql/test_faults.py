"""A database that fails while a GraphQL query runs: 503 with Retry-After, as on REST."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import event

from tests.conftest import Profile
from tests.db.faults import kill_on_statement, terminate
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

    @pytest.mark.postgres_only
    async def test_terminated_backends_on_postgresql(
        self, client: AsyncClient, profile: Profile, app: FastAPI
    ) -> None:
        catalog = await seed(profile, 2)
        expected = {
            "data": {
                "song": {"title": "Song 1", "artists": [{"name": "Artist 1"}, {"name": "Star"}]}
            }
        }
        assert await data_of(client, QUERY, {"id": catalog.songs[0]})
        # Pooled connections closed under the app: the read is sent again, and answered.
        assert await terminate(profile) >= 1
        response = await graphql(client, QUERY, {"id": catalog.songs[1]})
        assert response.status_code == 200, response.text
        assert response.json() == expected
        # Every connection the read gets is terminated as it runs: 503, not a masked error.
        with kill_on_statement(profile, "SELECT", times=10) as seen:
            response = await graphql(client, QUERY, {"id": catalog.songs[1]})
        assert seen, "the query never reached the database"
        assert_unavailable(response)
        response = await graphql(client, QUERY, {"id": catalog.songs[1]})
        assert response.status_code == 200, response.text
        assert response.json() == expected
