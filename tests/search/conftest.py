"""Search test fixtures: an admin writing the catalog through the API, and a search call."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import AuthedUser, register_admin

SEARCH = "/api/v1/search"


@pytest.fixture
async def admin(client: AsyncClient, profile: Profile) -> AuthedUser:
    return await register_admin(client, profile)


@pytest.fixture
async def catalog(client: AsyncClient, admin: AuthedUser) -> CatalogFactory:
    return CatalogFactory(client, admin.headers)


async def search(
    client: AsyncClient, q: str, *, headers: dict[str, str] | None = None, **params: Any
) -> dict[str, Any]:
    """A successful search's body."""
    response = await client.get(SEARCH, params={"q": q, **params}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def names(envelope: dict[str, Any]) -> list[str]:
    """The titles or names of a result envelope's items, in order."""
    return [item.get("title") or item["name"] for item in envelope["items"]]
