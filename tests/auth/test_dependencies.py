"""CurrentUser, OptionalUser and AdminUser, as other domains' routes see them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import APIRouter, FastAPI
from httpx import AsyncClient

from fastfm.auth.dependencies import AdminUser, CurrentUser, OptionalUser
from tests.auth.apps import client_for, running_app
from tests.conftest import Profile
from tests.factories.users import make_admin, register_admin, register_and_login

probe = APIRouter(prefix="/probe")


@probe.get("/current")
async def current(user: CurrentUser) -> dict[str, object]:
    return {"id": user.id}


@probe.get("/optional")
async def optional(user: OptionalUser) -> dict[str, object]:
    return {"id": user.id if user else None}


@probe.get("/admin")
async def admin(user: AdminUser) -> dict[str, object]:
    return {"id": user.id}


@pytest.fixture
async def probe_client(profile: Profile, app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with running_app(profile, routers=[probe]) as probed, client_for(probed) as client:
        yield client


class TestCurrentUser:
    async def test_the_signed_in_user(self, probe_client: AsyncClient) -> None:
        ada = await register_and_login(probe_client, "ada")
        response = await probe_client.get("/probe/current", headers=ada.headers)
        assert response.json() == {"id": ada.id}

    async def test_anonymous_is_401(self, probe_client: AsyncClient) -> None:
        response = await probe_client.get("/probe/current")
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"


class TestOptionalUser:
    async def test_anonymous_is_none(self, probe_client: AsyncClient) -> None:
        response = await probe_client.get("/probe/optional")
        assert response.status_code == 200
        assert response.json() == {"id": None}

    async def test_the_signed_in_user(self, probe_client: AsyncClient) -> None:
        ada = await register_and_login(probe_client, "ada")
        response = await probe_client.get("/probe/optional", headers=ada.headers)
        assert response.json() == {"id": ada.id}

    @pytest.mark.parametrize("header", ["Bearer not-a-token", "Basic YWRhOnB3"])
    async def test_a_bad_token_is_still_401(self, probe_client: AsyncClient, header: str) -> None:
        response = await probe_client.get("/probe/optional", headers={"Authorization": header})
        assert response.status_code == 401
        assert response.json()["code"] == "invalid_token"

    async def test_a_revoked_token_is_401_not_anonymous(self, probe_client: AsyncClient) -> None:
        ada = await register_and_login(probe_client, "ada")
        await probe_client.post("/api/v1/auth/logout-all", headers=ada.headers)
        response = await probe_client.get("/probe/optional", headers=ada.headers)
        assert response.status_code == 401


class TestAdminUser:
    async def test_an_admin_passes(self, probe_client: AsyncClient, profile: Profile) -> None:
        root = await register_admin(probe_client, profile)
        response = await probe_client.get("/probe/admin", headers=root.headers)
        assert response.status_code == 200
        assert response.json() == {"id": root.id}

    async def test_a_non_admin_is_403(self, probe_client: AsyncClient) -> None:
        ada = await register_and_login(probe_client, "ada")
        response = await probe_client.get("/probe/admin", headers=ada.headers)
        assert response.status_code == 403
        assert response.json() == {
            "detail": "Administrator rights required",
            "code": "admin_required",
        }

    async def test_anonymous_is_401(self, probe_client: AsyncClient) -> None:
        response = await probe_client.get("/probe/admin")
        assert response.status_code == 401

    async def test_promotion_applies_to_tokens_already_issued(
        self, probe_client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(probe_client, "ada")
        assert (await probe_client.get("/probe/admin", headers=ada.headers)).status_code == 403
        await make_admin(profile, ada.id)
        assert (await probe_client.get("/probe/admin", headers=ada.headers)).status_code == 200
