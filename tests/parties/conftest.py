"""Party fixtures: a host with a playlist of songs, and a friend."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from websockets.asyncio.client import ClientConnection

from tests.conftest import Profile
from tests.factories.playlists import add_tracks, create_playlist, make_songs, quick_user
from tests.factories.users import AuthedUser
from tests.parties.sockets import members, start
from tests.server import running_server


@pytest.fixture
async def host(profile: Profile, app: FastAPI) -> AuthedUser:
    return await quick_user(profile, "hana", display_name="Hana")


@pytest.fixture
async def friend(profile: Profile, app: FastAPI) -> AuthedUser:
    return await quick_user(profile, "finn")


@pytest.fixture
async def songs(profile: Profile, app: FastAPI) -> list[int]:
    """Three songs of 1, 2 and 3 minutes."""
    return await make_songs(profile, 3, durations=[60_000, 120_000, 180_000])


@pytest.fixture
async def playlist(client: AsyncClient, host: AuthedUser, songs: list[int]) -> dict[str, Any]:
    """The host's public playlist of the three songs."""
    created = await create_playlist(client, host, name="Friday", is_public=True)
    await add_tracks(client, host, created["id"], songs)
    return created


ALLOWED_ORIGIN = "https://app.example"
SERVER_ENV = {
    "FASTFM_PARTY_ACCESS_CHECK_SECONDS": "0.2",
    "FASTFM_CORS_ORIGINS": ALLOWED_ORIGIN,
    "FASTFM_PARTY_MESSAGES_PER_SECOND": "5",
    "FASTFM_PARTY_MESSAGE_BURST": "10",
    "FASTFM_PARTY_MAX_MESSAGE_BYTES": "1024",
}


@pytest.fixture(scope="module")
async def party_server(profile: Profile) -> AsyncIterator[str]:
    """One uvicorn process on the profile's database (and Redis) for the module's tests."""
    async with running_server(profile.settings, env=SERVER_ENV) as base_url:
        yield base_url


@pytest.fixture
async def live(party_server: str, app: FastAPI) -> AsyncIterator[AsyncClient]:
    """An HTTP client of the live server (the ``app`` fixture empties the database after)."""
    async with AsyncClient(base_url=party_server, timeout=10.0) as http:
        yield http


@dataclass
class Scene:
    """A live server and its HTTP client, the host, a friend and the host's playlist."""

    live: AsyncClient
    server: str
    host: AuthedUser
    friend: AuthedUser
    playlist: dict[str, Any]

    async def start(self, by: AuthedUser | None = None) -> dict[str, Any]:
        """A party on the playlist, started by ``by`` (the host unless told)."""
        return await start(self.live, by or self.host, self.playlist["id"])

    def members(
        self, party_id: int, *users: AuthedUser
    ) -> AbstractAsyncContextManager[tuple[ClientConnection, ...]]:
        """Each user joined (the host and the friend unless told), past the first state."""
        chosen = users or (self.host, self.friend)
        return members(self.server, party_id, *(user.access_token for user in chosen))


@pytest.fixture
async def scene(
    live: AsyncClient,
    party_server: str,
    host: AuthedUser,
    friend: AuthedUser,
    playlist: dict[str, Any],
) -> Scene:
    return Scene(live, party_server, host, friend, playlist)
