"""POST /api/v1/auth/logout and /api/v1/auth/logout-all."""

from __future__ import annotations

from httpx import AsyncClient

from tests.auth import db
from tests.conftest import Profile
from tests.factories.users import AuthedUser, login, refresh_response, register_and_login

LOGOUT = "/api/v1/auth/logout"
LOGOUT_ALL = "/api/v1/auth/logout-all"


async def logout(client: AsyncClient, user: AuthedUser, refresh_token: str) -> int:
    response = await client.post(
        LOGOUT, json={"refresh_token": refresh_token}, headers=user.headers
    )
    return response.status_code


class TestLogout:
    async def test_signs_out_that_login(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.post(
            LOGOUT, json={"refresh_token": ada.refresh_token}, headers=ada.headers
        )
        assert response.status_code == 204
        assert response.content == b""
        assert (await refresh_response(client, ada.refresh_token)).status_code == 401
        [row] = await db.refresh_tokens(profile, ada.id)
        assert row.revoked_at is not None

    async def test_the_logins_access_token_stops_working_too(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        assert await logout(client, ada, ada.refresh_token) == 204
        response = await client.get("/api/v1/me", headers=ada.headers)
        assert response.status_code == 401
        assert response.json()["code"] == "invalid_token"

    async def test_revokes_the_whole_family_given_any_of_its_tokens(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        newest = (await refresh_response(client, ada.refresh_token)).json()["refresh_token"]
        # Logging out with the already-rotated token still ends that login.
        assert await logout(client, ada, ada.refresh_token) == 204
        assert (await refresh_response(client, newest)).status_code == 401
        assert all(row.revoked_at for row in await db.refresh_tokens(profile, ada.id))

    async def test_other_logins_of_the_same_user_keep_working(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        other = await login(client, "ada")
        assert await logout(client, ada, ada.refresh_token) == 204
        other_headers = {"Authorization": f"Bearer {other['access_token']}"}
        assert (await client.get("/api/v1/me", headers=other_headers)).status_code == 200
        assert (await refresh_response(client, other["refresh_token"])).status_code == 200

    async def test_someone_elses_token_is_204_but_revokes_nothing(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        bob = await register_and_login(client, "bob")
        assert await logout(client, ada, bob.refresh_token) == 204
        assert (await client.get("/api/v1/me", headers=bob.headers)).status_code == 200
        [row] = await db.refresh_tokens(profile, bob.id)
        assert row.revoked_at is None
        assert (await refresh_response(client, bob.refresh_token)).status_code == 200

    async def test_an_unknown_token_is_204(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        assert await logout(client, ada, "no-such-token") == 204
        [row] = await db.refresh_tokens(profile, ada.id)
        assert row.revoked_at is None

    async def test_needs_a_bearer_token(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.post(LOGOUT, json={"refresh_token": ada.refresh_token})
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        [row] = await db.refresh_tokens(profile, ada.id)
        assert row.revoked_at is None

    async def test_unknown_fields_are_422(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.post(
            LOGOUT,
            json={"refresh_token": ada.refresh_token, "everywhere": True},
            headers=ada.headers,
        )
        assert response.status_code == 422
        [row] = await db.refresh_tokens(profile, ada.id)
        assert row.revoked_at is None


class TestLogoutAll:
    async def test_every_token_issued_before_stops_working(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        second = await login(client, "ada")
        second_headers = {"Authorization": f"Bearer {second['access_token']}"}
        response = await client.post(LOGOUT_ALL, headers=ada.headers)
        assert response.status_code == 204
        assert response.content == b""
        for headers in (ada.headers, second_headers):
            stale = await client.get("/api/v1/me", headers=headers)
            assert stale.status_code == 401
            assert stale.json()["code"] == "invalid_token"
        for token in (ada.refresh_token, second["refresh_token"]):
            assert (await refresh_response(client, token)).status_code == 401
        assert all(row.revoked_at for row in await db.refresh_tokens(profile, ada.id))
        user = await db.get_user(profile, ada.id)
        assert user is not None
        assert user.token_version == 1

    async def test_a_login_afterwards_works(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        assert (await client.post(LOGOUT_ALL, headers=ada.headers)).status_code == 204
        tokens = await login(client, "ada")
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        assert (await client.get("/api/v1/me", headers=headers)).status_code == 200
        refreshed = await refresh_response(client, tokens["refresh_token"])
        assert refreshed.status_code == 200
        headers = {"Authorization": f"Bearer {refreshed.json()['access_token']}"}
        assert (await client.get("/api/v1/me", headers=headers)).status_code == 200

    async def test_other_users_are_not_affected(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        bob = await register_and_login(client, "bob")
        assert (await client.post(LOGOUT_ALL, headers=ada.headers)).status_code == 204
        assert (await client.get("/api/v1/me", headers=bob.headers)).status_code == 200
        assert (await refresh_response(client, bob.refresh_token)).status_code == 200

    async def test_needs_a_bearer_token(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        assert (await client.post(LOGOUT_ALL)).status_code == 401
        user = await db.get_user(profile, ada.id)
        assert user is not None
        assert user.token_version == 0
        assert (await client.get("/api/v1/me", headers=ada.headers)).status_code == 200
