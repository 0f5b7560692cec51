"""Two API processes sharing PostgreSQL and a Redis of the test's own: the host on one,
members on the other; delivery resumes after that Redis restarts."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.users import AuthedUser
from tests.parties.sockets import joined, quiet, receive, receive_state, send
from tests.redis_server import PrivateRedis, private_redis
from tests.server import running_server

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    """Append-only, so the party state it holds survives its restart."""
    with private_redis(tmp_path, append_only=True) as redis:
        yield redis


@pytest.fixture
async def two_servers(
    profile: Profile, app: FastAPI, own_redis: PrivateRedis
) -> AsyncIterator[tuple[str, str]]:
    settings = profile.settings.model_copy(
        update={"redis_url": own_redis.url, "redis_key_prefix": f"party-{uuid.uuid4().hex[:8]}"}
    )
    async with running_server(settings) as first, running_server(settings) as second:
        yield first, second


async def test_delivery_across_processes_and_after_a_redis_restart(
    two_servers: tuple[str, str],
    own_redis: PrivateRedis,
    host: AuthedUser,
    friend: AuthedUser,
    playlist: dict[str, Any],
    songs: list[int],
) -> None:
    one, other = two_servers
    async with AsyncClient(base_url=one) as http:
        response = await http.post(
            "/api/v1/parties", json={"playlist_id": playlist["id"]}, headers=host.headers
        )
    party_id = response.json()["id"]
    async with (
        joined(one, party_id, host.access_token) as h,
        joined(other, party_id, friend.access_token) as f1,
        joined(other, party_id, friend.access_token) as f2,
    ):
        members = (h, f1, f2)
        for ws in members:
            await receive_state(ws)
        await send(h, {"type": "play"})
        playing = [await receive_state(ws) for ws in members]
        assert {s["song"]["id"] for s in playing} == {songs[0]}
        assert all(s["is_playing"] for s in playing)
        # A quiet channel is no gap: nothing more arrives while nothing changes (reads
        # would otherwise hit the client's 2 s command timeout and resubscribe).
        assert await quiet(f1, 4.0)

        await asyncio.to_thread(own_redis.stop)
        # Redis down: the host's control is refused with a reason, nobody is disconnected.
        await send(h, {"type": "pause"})
        refusal = await receive(h, within=15)
        assert (refusal["type"], refusal["code"]) == ("error", "party_state_unavailable")
        await asyncio.to_thread(own_redis.start)
        # After the gap each process sends its members a fresh snapshot of the kept state
        # (the refused pause changed nothing).
        for ws in members:
            snapshot = await receive_state(ws, within=15)
            assert (snapshot["song"]["id"], snapshot["is_playing"]) == (songs[0], True)

        await send(h, {"type": "next"})
        for ws in members:
            state = await receive_state(ws)
            assert state["song"]["id"] == songs[1]
