"""GET /api/v1/users/{id}: public profiles."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.factories.users import register


class TestReadUser:
    async def test_returns_the_public_view_without_a_token(self, client: AsyncClient) -> None:
        me = await register(client, "ada", display_name="Ada")
        response = await client.get(f"/api/v1/users/{me['id']}")
        assert response.status_code == 200
        assert response.json() == {
            "id": me["id"],
            "username": "ada",
            "display_name": "Ada",
            "follower_count": 0,
            "created_at": me["created_at"],
        }

    async def test_never_shows_the_email_or_admin_flag(self, client: AsyncClient) -> None:
        me = await register(client, "ada")
        body = (await client.get(f"/api/v1/users/{me['id']}")).json()
        assert "email" not in body
        assert "is_admin" not in body
        assert "ada@example.com" not in str(body)

    async def test_an_unknown_id_is_404(self, client: AsyncClient) -> None:
        me = await register(client, "ada")
        response = await client.get(f"/api/v1/users/{me['id'] + 1}")
        assert response.status_code == 404
        assert response.json() == {"detail": "User not found", "code": "user_not_found"}

    @pytest.mark.parametrize(
        "user_id", ["0", "-1", "abc", "1.5", str(2**31), "99999999999999999999"]
    )
    async def test_a_malformed_id_is_422(self, client: AsyncClient, user_id: str) -> None:
        response = await client.get(f"/api/v1/users/{user_id}")
        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"
