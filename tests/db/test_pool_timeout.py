"""A request that finds every pooled connection busy for the pool timeout gets 503."""

from __future__ import annotations

import pytest
from fastapi import FastAPI

from fastfm.db.reads import direct_reader
from tests.auth import db
from tests.auth.apps import client_for, running_app
from tests.conftest import Profile

# Only PostgreSQL has the fixed pool (SQLite connections are files opened on demand).
pytestmark = pytest.mark.postgres_only

BUSY = {"detail": "The database is busy; try again shortly", "code": "database_busy"}


async def test_no_free_connection_is_503_with_retry_after(profile: Profile, app: FastAPI) -> None:
    async with running_app(profile, database_pool_size=1, database_pool_timeout=0.2) as busy:
        async with direct_reader(busy.state.database.engine), client_for(busy) as client:
            # The pool's only connection is held: a read, a list, and a write all wait.
            for response in (
                await client.get("/api/v1/songs/1"),
                await client.get("/api/v1/songs"),
                await client.post(
                    "/api/v1/auth/register",
                    json={"email": "a@example.com", "username": "ada", "password": "x" * 12},
                ),
            ):
                assert response.status_code == 503, response.text
                assert response.json() == BUSY
                assert response.headers["retry-after"] == "1"
        assert await db.user_count(profile) == 0
        async with client_for(busy) as client:
            assert (await client.get("/api/v1/songs/1")).status_code == 404
