"""Shuffle API fixtures: a listener with songs by several artists, a clean session store."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI

from tests.conftest import Profile
from tests.factories.playlists import quick_user
from tests.factories.users import AuthedUser


@pytest.fixture
async def forget_sessions(app: FastAPI) -> AsyncIterator[None]:
    """Drop the in-process session store after the test (Redis keys go with ``reset``)."""
    yield
    if hasattr(app.state, "shuffle_store"):
        del app.state.shuffle_store


@pytest.fixture
async def listener(profile: Profile, app: FastAPI, forget_sessions: None) -> AuthedUser:
    return await quick_user(profile, "lena", display_name="Lena")


@pytest.fixture
async def stranger(profile: Profile, app: FastAPI) -> AuthedUser:
    return await quick_user(profile, "sven")
