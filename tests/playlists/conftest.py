"""Playlist test fixtures: an owner with songs, and a real server for concurrency tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI

from tests.conftest import Profile
from tests.factories.playlists import make_songs, quick_user
from tests.factories.users import AuthedUser
from tests.server import running_server

LIVE_SERVER_WORKERS = 2


@pytest.fixture
async def owner(profile: Profile, app: FastAPI) -> AuthedUser:
    return await quick_user(profile, "olga", display_name="Olga")


@pytest.fixture
async def songs(profile: Profile, app: FastAPI) -> list[int]:
    """Ten songs; song ``songs[i]`` lasts ``(i + 1) * 1000`` ms."""
    return await make_songs(profile, 10)


@pytest.fixture
async def live_server(profile: Profile, app: FastAPI) -> AsyncIterator[str]:
    """A uvicorn server (two workers) on the PostgreSQL profile's database: its base URL.

    Concurrency needs real concurrent writers: mark tests that use it ``postgres_only``.
    """
    assert profile.name == "postgresql", "mark tests using live_server postgres_only"
    async with running_server(profile.settings, workers=LIVE_SERVER_WORKERS) as base_url:
        yield base_url
