"""GET /api/v1/users/by-username/{username}: find someone to share a playlist with."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.factories.users import register
from tests.openapi import assert_documented


class TestReadUserByUsername:
    async def test_returns_the_public_profile_in_any_case(self, client: AsyncClient) -> None:
        me = await register(client, "ada", display_name="Ada")
        response = await client.get("/api/v1/users/by-username/ADA")
        assert response.status_code == 200
        assert response.json() == {
            "id": me["id"],
            "username": "ada",
            "display_name": "Ada",
            "follower_count": 0,
            "created_at": me["created_at"],
        }
        assert "email" not in response.json()

    async def test_an_unknown_username_is_404(self, client: AsyncClient) -> None:
        await register(client, "ada")
        response = await client.get("/api/v1/users/by-username/bob")
        assert response.status_code == 404
        assert response.json()["code"] == "user_not_found"

    @pytest.mark.parametrize("username", ["ab", "a" * 31, "ad%20a", "ad!a"])
    async def test_a_name_no_account_can_have_is_422(
        self, client: AsyncClient, username: str
    ) -> None:
        response = await client.get(f"/api/v1/users/by-username/{username}")
        assert response.status_code == 422

    async def test_numeric_ids_still_reach_the_profile_by_id(self, client: AsyncClient) -> None:
        me = await register(client, "ada")
        assert (await client.get(f"/api/v1/users/{me['id']}")).json()["username"] == "ada"

    async def test_is_documented(self, client: AsyncClient) -> None:
        spec = (await client.get("/openapi.json")).json()
        operation = spec["paths"]["/api/v1/users/by-username/{username}"]["get"]
        assert_documented(operation, "200", {"404", "422"})
        [param] = operation["parameters"]
        assert param["schema"]["pattern"] == "^[A-Za-z0-9_.-]+$"
        assert (param["schema"]["minLength"], param["schema"]["maxLength"]) == (3, 30)
