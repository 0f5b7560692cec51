"""SIGTERM lets requests in flight finish before the server exits."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
import httpx
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.engine import make_url

from fastfm.users.models import User
from tests.conftest import Profile
from tests.factories.playlists import quick_user
from tests.server import PROCESSES, assert_not_answering, running_server

HOLD_SECONDS = 1.5


@asynccontextmanager
async def user_row_locked(profile: Profile, user_id: int) -> AsyncIterator[None]:
    """Hold a write lock that a change of ``user_id``'s row must wait for."""
    url = make_url(profile.settings.resolved_database_url)
    if profile.name == "sqlite":
        connection = sqlite3.connect(str(Path(url.database or "")), isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            connection.execute("ROLLBACK")
            connection.close()
        return
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(dsn)
    try:
        transaction = connection.transaction()
        await transaction.start()
        await connection.execute("SELECT 1 FROM user_account WHERE id = $1 FOR UPDATE", user_id)
        yield
        await transaction.rollback()
    finally:
        await connection.close()


async def test_sigterm_waits_for_the_request_in_flight(profile: Profile, app: FastAPI) -> None:
    """(``app``: the database is emptied afterwards.)"""
    user = await quick_user(profile, "slowpoke")
    async with running_server(profile.settings, workers=2, cli=True) as base_url:
        process = PROCESSES[base_url]
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            async with user_row_locked(profile, user.id):
                slow = asyncio.create_task(
                    http.patch(
                        "/api/v1/me", json={"display_name": "Finished"}, headers=user.headers
                    )
                )
                await asyncio.sleep(0.5)  # the request is in the server, waiting on the lock
                assert not slow.done()
                os.killpg(process.pid, signal.SIGTERM)
                await asyncio.sleep(HOLD_SECONDS)
                assert process.poll() is None  # still finishing the request
            response = await slow
        assert response.status_code == 200
        assert response.json()["display_name"] == "Finished"
        exit_code = await asyncio.to_thread(process.wait, 30)
        assert exit_code == 0
        await assert_not_answering(base_url)
    async with profile.session() as session:
        name = await session.scalar(select(User.display_name).where(User.id == user.id))
    assert name == "Finished"
