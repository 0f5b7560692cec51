"""Catalog test fixtures: an admin, a plain user, and a factory writing as the admin."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import AuthedUser, register_admin, register_and_login


@pytest.fixture
async def admin(client: AsyncClient, profile: Profile) -> AuthedUser:
    return await register_admin(client, profile)


@pytest.fixture
async def user(client: AsyncClient) -> AuthedUser:
    return await register_and_login(client, "listener")


@pytest.fixture
async def catalog(client: AsyncClient, admin: AuthedUser) -> CatalogFactory:
    return CatalogFactory(client, admin.headers)
