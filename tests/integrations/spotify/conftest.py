"""Spotify tests: both profiles, configured against a fake Spotify on a real local port."""

from __future__ import annotations

import base64
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from fastfm.config import Settings
from tests.backends import postgres_database, require_redis
from tests.conftest import Profile, _running, make_settings
from tests.integrations.spotify.fake import CLIENT_ID, CLIENT_SECRET, FakeSpotify, serving

TOKEN_KEY = base64.urlsafe_b64encode(b"k" * 32).decode()
REDIRECT_URI = "http://127.0.0.1:9/api/v1/auth/spotify/callback"


@pytest.fixture(scope="session")
async def fake_server() -> AsyncIterator[FakeSpotify]:
    async with serving(FakeSpotify()) as fake:
        yield fake


def spotify_settings(fake: FakeSpotify, **overrides: Any) -> dict[str, Any]:
    return {
        "spotify_client_id": CLIENT_ID,
        "spotify_client_secret": CLIENT_SECRET,
        "spotify_redirect_uri": REDIRECT_URI,
        "spotify_accounts_url": fake.base_url,
        "spotify_api_url": fake.api_url,
        "spotify_token_keys": [TOKEN_KEY],
        "spotify_timeout_seconds": 1.0,
        "spotify_retry_base_seconds": 0.01,
        "spotify_max_retries": 2,
        "spotify_max_retry_after_seconds": 5.0,
        **overrides,
    }


def spotify_server_env(fake: FakeSpotify) -> dict[str, str]:
    """The environment that configures a server process (tests.server) against ``fake``."""
    return {
        "FASTFM_SPOTIFY_CLIENT_ID": CLIENT_ID,
        "FASTFM_SPOTIFY_CLIENT_SECRET": CLIENT_SECRET,
        "FASTFM_SPOTIFY_REDIRECT_URI": REDIRECT_URI,
        "FASTFM_SPOTIFY_ACCOUNTS_URL": fake.base_url,
        "FASTFM_SPOTIFY_API_URL": fake.api_url,
        "FASTFM_SPOTIFY_TOKEN_KEYS": TOKEN_KEY,
    }


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
async def profile(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    fake_server: FakeSpotify,
) -> AsyncIterator[Profile]:
    data_dir = tmp_path_factory.mktemp(f"spotify-{request.param}")
    extra = spotify_settings(fake_server)
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{(data_dir / 'fastfm.db').as_posix()}"
        async for running in _running(request.param, make_settings(url, data_dir, **extra)):
            yield running
        return
    redis_url = await require_redis()
    async with postgres_database() as url:
        settings: Settings = make_settings(
            url,
            data_dir,
            redis_url=redis_url,
            redis_key_prefix=f"fastfm-test-{uuid.uuid4().hex[:8]}",
            **extra,
        )
        async for running in _running(request.param, settings):
            yield running


@pytest.fixture
def fake(fake_server: FakeSpotify) -> AsyncIterator[FakeSpotify] | FakeSpotify:
    fake_server.reset()
    return fake_server
