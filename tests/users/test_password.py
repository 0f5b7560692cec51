"""PUT /api/v1/me/password."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.auth import db
from tests.conftest import Profile
from tests.factories.users import login, login_response, refresh_response, register_and_login

URL = "/api/v1/me/password"
NEW_PASSWORD = "a brand new passphrase"


class TestChangePassword:
    async def test_the_new_password_replaces_the_old(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.put(
            URL,
            json={"current_password": ada.password, "new_password": NEW_PASSWORD},
            headers=ada.headers,
        )
        assert response.status_code == 204
        assert response.content == b""
        assert (await login_response(client, "ada", NEW_PASSWORD)).status_code == 200
        assert (await login_response(client, "ada", ada.password)).status_code == 401

    async def test_the_callers_session_keeps_working(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        await client.put(
            URL,
            json={"current_password": ada.password, "new_password": NEW_PASSWORD},
            headers=ada.headers,
        )
        assert (await client.get("/api/v1/me", headers=ada.headers)).status_code == 200
        refreshed = await refresh_response(client, ada.refresh_token)
        assert refreshed.status_code == 200
        assert (
            await refresh_response(client, refreshed.json()["refresh_token"])
        ).status_code == 200

    async def test_every_other_sessions_refresh_tokens_stop_working(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        laptop = await login(client, "ada")
        phone = await login(client, "ada")
        await client.put(
            URL,
            json={"current_password": ada.password, "new_password": NEW_PASSWORD},
            headers=ada.headers,
        )
        for other in (laptop, phone):
            headers = {"Authorization": f"Bearer {other['access_token']}"}
            assert (await client.get("/api/v1/me", headers=headers)).status_code == 401
            assert (await refresh_response(client, other["refresh_token"])).status_code == 401
        rows = await db.refresh_tokens(profile, ada.id)
        live = [row for row in rows if row.revoked_at is None]
        assert [row.token_hash for row in live] == [
            row.token_hash for row in rows if row.family_id == live[0].family_id
        ]
        assert len(live) == 1

    async def test_after_a_refresh_the_new_access_token_still_names_the_callers_login(
        self, client: AsyncClient
    ) -> None:
        ada = await register_and_login(client, "ada")
        other = await login(client, "ada")
        tokens = (await refresh_response(client, ada.refresh_token)).json()
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        await client.put(
            URL,
            json={"current_password": ada.password, "new_password": NEW_PASSWORD},
            headers=headers,
        )
        assert (await refresh_response(client, tokens["refresh_token"])).status_code == 200
        assert (await refresh_response(client, other["refresh_token"])).status_code == 401

    async def test_other_users_are_not_affected(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        bob = await register_and_login(client, "bob")
        await client.put(
            URL,
            json={"current_password": ada.password, "new_password": NEW_PASSWORD},
            headers=ada.headers,
        )
        assert (await refresh_response(client, bob.refresh_token)).status_code == 200


class TestChangePasswordRejected:
    async def test_a_wrong_current_password_is_403_and_changes_nothing(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        other = await login(client, "ada")
        before = await db.get_user(profile, ada.id)
        response = await client.put(
            URL,
            json={"current_password": "not my password", "new_password": NEW_PASSWORD},
            headers=ada.headers,
        )
        assert response.status_code == 403
        assert response.json() == {
            "detail": "The current password is not correct",
            "code": "wrong_password",
        }
        after = await db.get_user(profile, ada.id)
        assert before is not None
        assert after is not None
        assert after.password_hash == before.password_hash
        assert (await refresh_response(client, other["refresh_token"])).status_code == 200
        assert (await login_response(client, "ada", ada.password)).status_code == 200

    async def test_invalid_bodies_are_422(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        current = ada.password
        bodies: list[dict[str, Any]] = [
            {"current_password": current, "new_password": "short"},
            {"current_password": current, "new_password": "p" * 129},
            {"current_password": "", "new_password": NEW_PASSWORD},
            {"new_password": NEW_PASSWORD},
            {"current_password": current},
            {"current_password": current, "new_password": NEW_PASSWORD, "user_id": 1},
        ]
        for body in bodies:
            response = await client.put(URL, json=body, headers=ada.headers)
            assert response.status_code == 422, body
        assert (await login_response(client, "ada", ada.password)).status_code == 200

    async def test_needs_a_token(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.put(
            URL, json={"current_password": ada.password, "new_password": NEW_PASSWORD}
        )
        assert response.status_code == 401
        assert (await login_response(client, "ada", ada.password)).status_code == 200
