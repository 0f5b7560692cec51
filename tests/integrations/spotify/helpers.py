"""Linking through the real flow: FastFM's authorize URL, the fake's consent, the callback."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from httpx import AsyncClient, Response

from fastfm.integrations.spotify.models import SpotifyLink
from tests.conftest import Profile
from tests.factories.users import AuthedUser

API = "/api/v1"
JSON = {"Accept": "application/json"}


async def authorize_url(client: AsyncClient, user: AuthedUser) -> str:
    response = await client.get(f"{API}/auth/spotify", headers={**user.headers, **JSON})
    assert response.status_code == 200, response.text
    url: str = response.json()["authorize_url"]
    return url


async def consent(url: str) -> dict[str, str]:
    """What Spotify's consent page sends back to the redirect URI (code or error, state)."""
    async with httpx.AsyncClient() as http:
        answer = await http.get(url)
    assert answer.status_code == 302, answer.text
    query = parse_qs(urlsplit(answer.headers["location"]).query)
    return {key: values[0] for key, values in query.items()}


async def callback(client: AsyncClient, params: dict[str, str], **kwargs: Any) -> Response:
    return await client.get(f"{API}/auth/spotify/callback", params=params, **kwargs)


async def link(client: AsyncClient, user: AuthedUser) -> dict[str, Any]:
    """Link ``user`` to the fake's account; returns the callback's body."""
    response = await callback(client, await consent(await authorize_url(client, user)))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def stored_link(profile: Profile, user_id: int) -> SpotifyLink | None:
    async with profile.session() as session:
        return await session.get(SpotifyLink, user_id)
