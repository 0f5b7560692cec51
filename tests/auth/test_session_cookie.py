"""The browser session: /api/v1/auth/session with the refresh token in an httpOnly cookie."""

from __future__ import annotations

from httpx import AsyncClient, Response

from tests.auth import db
from tests.conftest import Profile
from tests.factories.users import DEFAULT_PASSWORD, register
from tests.openapi import assert_documented

SESSION = "/api/v1/auth/session"
REFRESH = "/api/v1/auth/session/refresh"
CSRF = {"X-FastFM-CSRF": "1"}
COOKIE = "fastfm_refresh"


async def start(client: AsyncClient, username: str = "ada", **headers: str) -> Response:
    return await client.post(
        SESSION,
        data={"username": username, "password": DEFAULT_PASSWORD},
        headers={**CSRF, **headers},
    )


def set_cookie(response: Response) -> str:
    return response.headers.get("set-cookie", "")


class TestStartSession:
    async def test_sets_an_httponly_strict_cookie_and_returns_only_the_access_token(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register(client, "ada")
        response = await start(client)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"access_token", "token_type", "expires_in"}
        header = set_cookie(response).lower()
        assert header.startswith(f"{COOKIE}=")
        for part in ("httponly", "samesite=strict", "path=/api/v1/auth", "max-age=1209600"):
            assert part in header
        bearer = {"Authorization": f"Bearer {body['access_token']}"}
        me = await client.get("/api/v1/me", headers=bearer)
        assert me.json()["username"] == "ada"
        [row] = await db.refresh_tokens(profile, ada["id"])
        assert row.revoked_at is None

    async def test_without_the_csrf_header_is_403_and_logs_nobody_in(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register(client, "ada")
        response = await client.post(
            SESSION, data={"username": "ada", "password": DEFAULT_PASSWORD}
        )
        assert response.status_code == 403
        assert response.json()["code"] == "csrf_failed"
        assert "set-cookie" not in response.headers
        assert await db.refresh_tokens(profile, ada["id"]) == []

    async def test_from_another_origin_is_403(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register(client, "ada")
        response = await start(client, Origin="https://evil.example")
        assert response.status_code == 403
        assert response.json()["code"] == "csrf_failed"
        assert await db.refresh_tokens(profile, ada["id"]) == []

    async def test_same_origin_is_accepted(self, client: AsyncClient) -> None:
        await register(client, "ada")
        assert (await start(client, Origin="http://testserver")).status_code == 200

    async def test_wrong_password_is_401_without_a_cookie(self, client: AsyncClient) -> None:
        await register(client, "ada")
        response = await client.post(
            SESSION, data={"username": "ada", "password": "wrong password"}, headers=CSRF
        )
        assert response.status_code == 401
        assert response.json()["code"] == "invalid_credentials"
        assert "set-cookie" not in response.headers


class TestRefreshSession:
    async def test_rotates_the_cookie_and_the_old_value_stops_working(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register(client, "ada")
        await start(client)
        first = client.cookies[COOKIE]
        response = await client.post(REFRESH, headers=CSRF)
        assert response.status_code == 200, response.text
        assert set(response.json()) == {"access_token", "token_type", "expires_in"}
        second = client.cookies[COOKIE]
        assert second != first
        rows = await db.refresh_tokens(profile, ada["id"])
        assert len(rows) == 2
        assert rows[0].rotated_at is not None
        # The JSON route accepts the cookie's value too: it is the same refresh token.
        assert (
            await client.post("/api/v1/auth/refresh", json={"refresh_token": second})
        ).status_code == 200

    async def test_without_a_cookie_is_401(self, client: AsyncClient) -> None:
        response = await client.post(REFRESH, headers=CSRF)
        assert response.status_code == 401
        assert response.json()["code"] == "no_session"

    async def test_a_replayed_cookie_is_401_clears_it_and_ends_the_login(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register(client, "ada")
        await start(client)
        stolen = client.cookies[COOKIE]
        assert (await client.post(REFRESH, headers=CSRF)).status_code == 200
        client.cookies.clear()
        client.cookies.set(COOKIE, stolen, path="/api/v1/auth")
        response = await client.post(REFRESH, headers=CSRF)
        assert response.status_code == 401
        assert response.json()["code"] == "refresh_token_reused"
        assert f'{COOKIE}=""' in set_cookie(response) or "max-age=0" in set_cookie(response).lower()
        assert all(row.revoked_at for row in await db.refresh_tokens(profile, ada["id"]))

    async def test_without_the_csrf_header_is_403_and_rotates_nothing(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register(client, "ada")
        await start(client)
        response = await client.post(REFRESH)
        assert response.status_code == 403
        assert response.json()["code"] == "csrf_failed"
        [row] = await db.refresh_tokens(profile, ada["id"])
        assert row.rotated_at is None


class TestEndSession:
    async def test_revokes_the_login_and_clears_the_cookie(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register(client, "ada")
        access = (await start(client)).json()["access_token"]
        response = await client.delete(SESSION, headers=CSRF)
        assert response.status_code == 204
        assert "max-age=0" in set_cookie(response).lower()
        assert COOKIE not in client.cookies
        [row] = await db.refresh_tokens(profile, ada["id"])
        assert row.revoked_at is not None
        me = await client.get("/api/v1/me", headers={"Authorization": f"Bearer {access}"})
        assert me.status_code == 401
        assert (await client.post(REFRESH, headers=CSRF)).status_code == 401

    async def test_without_a_cookie_is_204_and_changes_nothing(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register(client, "ada")
        other = await client.post(
            "/api/v1/auth/login", data={"username": "ada", "password": DEFAULT_PASSWORD}
        )
        response = await client.delete(SESSION, headers=CSRF)
        assert response.status_code == 204
        [row] = await db.refresh_tokens(profile, ada["id"])
        assert row.revoked_at is None
        token = other.json()["refresh_token"]
        assert (
            await client.post("/api/v1/auth/refresh", json={"refresh_token": token})
        ).status_code == 200

    async def test_without_the_csrf_header_is_403_and_revokes_nothing(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register(client, "ada")
        await start(client)
        response = await client.delete(SESSION)
        assert response.status_code == 403
        [row] = await db.refresh_tokens(profile, ada["id"])
        assert row.revoked_at is None


class TestOpenApi:
    async def test_the_session_routes_are_documented(self, client: AsyncClient) -> None:
        spec = (await client.get("/openapi.json")).json()
        session = spec["paths"]["/api/v1/auth/session"]
        assert set(session) == {"post", "delete"}
        errors = {"401", "403", "413", "422", "429", "503"}
        assert_documented(session["post"], "200", errors)
        assert_documented(session["delete"], "204", {"403", "413", "422"})
        refresh = spec["paths"]["/api/v1/auth/session/refresh"]["post"]
        assert_documented(refresh, "200", {"401", "403", "413", "422"})
        assert "Set-Cookie" in refresh["responses"]["200"]["headers"]
        params = {p["name"]: p["in"] for p in refresh["parameters"]}
        assert params == {"fastfm_refresh": "cookie", "X-FastFM-CSRF": "header"}
