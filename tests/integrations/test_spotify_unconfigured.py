"""Without Spotify settings every Spotify endpoint is 503 with Retry-After and a code."""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from fastfm.integrations.spotify.models import SpotifyAuthState
from fastfm.jobs.models import Job
from tests.conftest import Profile
from tests.factories.users import register_and_login

API = "/api/v1"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/auth/spotify"),
        ("GET", "/auth/spotify/callback?code=x&state=y"),
        ("DELETE", "/me/spotify"),
        ("POST", "/spotify/import"),
    ],
)
async def test_unconfigured_is_503(
    client: AsyncClient, profile: Profile, method: str, path: str
) -> None:
    alice = await register_and_login(client, "alice")

    response = await client.request(method, f"{API}{path}", headers=alice.headers, json=None)

    assert response.status_code == 503
    assert response.json()["code"] == "spotify_not_configured"
    assert int(response.headers["retry-after"]) > 0
    async with profile.session() as session:
        assert await session.scalar(select(func.count()).select_from(SpotifyAuthState)) == 0
        assert await session.scalar(select(func.count()).select_from(Job)) == 0
