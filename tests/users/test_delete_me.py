"""DELETE /api/v1/me."""

from __future__ import annotations

from httpx import AsyncClient

from tests.auth import db
from tests.conftest import Profile
from tests.factories.users import login_response, refresh_response, register, register_and_login


class TestDeleteMe:
    async def test_the_account_and_its_tokens_are_gone(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.delete("/api/v1/me", headers=ada.headers)
        assert response.status_code == 204
        assert response.content == b""
        assert await db.get_user(profile, ada.id) is None
        assert await db.refresh_tokens(profile, ada.id) == []

    async def test_nothing_of_the_account_works_afterwards(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        await client.delete("/api/v1/me", headers=ada.headers)
        assert (await client.get("/api/v1/me", headers=ada.headers)).status_code == 401
        assert (await refresh_response(client, ada.refresh_token)).status_code == 401
        assert (await login_response(client, "ada", ada.password)).status_code == 401
        assert (await client.get(f"/api/v1/users/{ada.id}")).status_code == 404

    async def test_the_username_and_email_can_be_registered_again(
        self, client: AsyncClient
    ) -> None:
        ada = await register_and_login(client, "ada")
        await client.delete("/api/v1/me", headers=ada.headers)
        again = await register(client, "ada")
        assert again["username"] == "ada"
        assert (await login_response(client, "ada", ada.password)).status_code == 200

    async def test_old_tokens_do_not_open_a_new_account_that_gets_the_same_id(
        self, client: AsyncClient
    ) -> None:
        # SQLite hands the id of a deleted newest row to the next insert.
        ada = await register_and_login(client, "ada")
        await client.delete("/api/v1/me", headers=ada.headers)
        await register(client, "eve")
        response = await client.get("/api/v1/me", headers=ada.headers)
        assert response.status_code == 401
        assert (await refresh_response(client, ada.refresh_token)).status_code == 401

    async def test_other_accounts_stay(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        bob = await register_and_login(client, "bob")
        await client.delete("/api/v1/me", headers=ada.headers)
        assert (await client.get("/api/v1/me", headers=bob.headers)).status_code == 200
        assert len(await db.refresh_tokens(profile, bob.id)) == 1

    async def test_needs_a_token(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        assert (await client.delete("/api/v1/me")).status_code == 401
        assert await db.get_user(profile, ada.id) is not None
