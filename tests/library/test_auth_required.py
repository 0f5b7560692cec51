"""Every ``/me`` library route needs a valid bearer token."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories.library import API

ME_ROUTES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", "/me/liked", None),
    ("GET", "/me/liked/contains?ids=1,2", None),
    ("POST", "/me/liked/1", None),
    ("DELETE", "/me/liked/1", None),
    ("GET", "/me/following/artists", None),
    ("PUT", "/me/following/artists/1", None),
    ("DELETE", "/me/following/artists/1", None),
    ("GET", "/me/following/users", None),
    ("PUT", "/me/following/users/1", None),
    ("DELETE", "/me/following/users/1", None),
    ("POST", "/me/plays", {"song_id": 1}),
    ("GET", "/me/plays/recent", None),
    ("GET", "/me/top/songs", None),
    ("GET", "/me/top/artists?range=long", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ME_ROUTES)
class TestLibraryNeedsAToken:
    async def test_no_token_is_401(
        self, client: AsyncClient, method: str, path: str, body: dict[str, Any] | None
    ) -> None:
        response = await client.request(method, f"{API}{path}", json=body)

        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.json()["code"] == "not_authenticated"

    async def test_bad_token_is_401(
        self, client: AsyncClient, method: str, path: str, body: dict[str, Any] | None
    ) -> None:
        response = await client.request(
            method, f"{API}{path}", json=body, headers={"Authorization": "Bearer not-a-jwt"}
        )

        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
