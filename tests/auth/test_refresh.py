"""POST /api/v1/auth/refresh: rotation, replay detection, expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from httpx import AsyncClient

from tests.auth import db
from tests.conftest import Profile
from tests.factories.users import login, refresh_response, register_and_login

URL = "/api/v1/auth/refresh"


async def assert_refresh_rejected(
    client: AsyncClient, token: str, code: str = "invalid_refresh_token"
) -> None:
    response = await refresh_response(client, token)
    assert response.status_code == 401
    assert response.json()["code"] == code
    assert response.headers["www-authenticate"].startswith("Bearer")


class TestRotation:
    async def test_a_refresh_returns_a_new_pair_and_retires_the_old_token(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        response = await refresh_response(client, ada.refresh_token)
        assert response.status_code == 200
        tokens = response.json()
        assert tokens["token_type"] == "bearer"
        assert tokens["refresh_token"] != ada.refresh_token
        assert tokens["access_token"] != ada.access_token
        me = await client.get(
            "/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
        )
        assert me.json()["id"] == ada.id
        old = await db.token_row(profile, ada.refresh_token)
        new = await db.token_row(profile, tokens["refresh_token"])
        assert old is not None
        assert new is not None
        assert old.rotated_at is not None
        assert new.rotated_at is None
        assert new.family_id == old.family_id
        assert new.family_expires_at == old.family_expires_at

    async def test_a_chain_of_refreshes_keeps_working(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        token = ada.refresh_token
        for _ in range(3):
            response = await refresh_response(client, token)
            assert response.status_code == 200
            token = response.json()["refresh_token"]

    async def test_the_new_token_idles_out_after_the_idle_lifetime(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        before = datetime.now(UTC)
        tokens = (await refresh_response(client, ada.refresh_token)).json()
        row = await db.token_row(profile, tokens["refresh_token"])
        assert row is not None
        idle = timedelta(days=profile.settings.refresh_token_idle_days)
        assert before + idle <= row.expires_at <= datetime.now(UTC) + idle

    async def test_the_new_token_never_outlives_its_login(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        family_end = datetime.now(UTC) + timedelta(hours=1)
        await db.set_token_times(profile, ada.refresh_token, family_expires_at=family_end)
        tokens = (await refresh_response(client, ada.refresh_token)).json()
        row = await db.token_row(profile, tokens["refresh_token"])
        assert row is not None
        assert row.expires_at == row.family_expires_at
        assert abs(row.family_expires_at - family_end) < timedelta(seconds=1)


class TestReplay:
    async def test_reusing_a_rotated_token_is_401_and_revokes_the_family(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        newest = (await refresh_response(client, ada.refresh_token)).json()["refresh_token"]
        response = await refresh_response(client, ada.refresh_token)
        assert response.status_code == 401
        assert response.json()["code"] == "refresh_token_reused"
        # The revocation was committed although the request failed.
        rows = await db.refresh_tokens(profile, ada.id)
        assert len(rows) == 2
        assert all(row.revoked_at is not None for row in rows)
        await assert_refresh_rejected(client, newest)

    async def test_replay_also_ends_the_access_tokens_of_that_login(
        self, client: AsyncClient
    ) -> None:
        ada = await register_and_login(client, "ada")
        tokens = (await refresh_response(client, ada.refresh_token)).json()
        await refresh_response(client, ada.refresh_token)
        for access_token in (ada.access_token, tokens["access_token"]):
            headers = {"Authorization": f"Bearer {access_token}"}
            assert (await client.get("/api/v1/me", headers=headers)).status_code == 401

    async def test_replay_after_several_rotations_kills_the_newest_token(
        self, client: AsyncClient
    ) -> None:
        ada = await register_and_login(client, "ada")
        first = ada.refresh_token
        second = (await refresh_response(client, first)).json()["refresh_token"]
        third = (await refresh_response(client, second)).json()["refresh_token"]
        await assert_refresh_rejected(client, first, code="refresh_token_reused")
        await assert_refresh_rejected(client, third)
        await assert_refresh_rejected(client, second)

    async def test_replay_leaves_the_other_logins_alone(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        other_login = (await login(client, "ada"))["refresh_token"]
        await refresh_response(client, ada.refresh_token)
        await assert_refresh_rejected(client, ada.refresh_token, code="refresh_token_reused")
        assert (await refresh_response(client, other_login)).status_code == 200


class TestRefreshRejected:
    async def test_an_unknown_token_is_401(self, client: AsyncClient) -> None:
        await register_and_login(client, "ada")
        await assert_refresh_rejected(client, "no-such-token")

    async def test_an_idle_expired_token_is_401(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        past = datetime.now(UTC) - timedelta(seconds=1)
        await db.set_token_times(profile, ada.refresh_token, expires_at=past)
        await assert_refresh_rejected(client, ada.refresh_token)
        row = await db.token_row(profile, ada.refresh_token)
        assert row is not None
        assert row.rotated_at is None
        assert len(await db.refresh_tokens(profile, ada.id)) == 1

    async def test_a_token_past_its_logins_absolute_expiry_is_401(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        past = datetime.now(UTC) - timedelta(seconds=1)
        await db.set_token_times(profile, ada.refresh_token, family_expires_at=past)
        row = await db.token_row(profile, ada.refresh_token)
        assert row is not None
        assert row.expires_at > datetime.now(UTC)
        await assert_refresh_rejected(client, ada.refresh_token)

    async def test_a_revoked_token_is_401(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.post(
            "/api/v1/auth/logout", json={"refresh_token": ada.refresh_token}, headers=ada.headers
        )
        assert response.status_code == 204
        await assert_refresh_rejected(client, ada.refresh_token)

    @pytest.mark.parametrize(
        "body",
        [{}, {"refresh_token": ""}, {"refresh_token": None}, {"refresh_token": ["x"]}],
        ids=["missing", "empty", "null", "list"],
    )
    async def test_a_malformed_body_is_422(
        self, client: AsyncClient, body: dict[str, object]
    ) -> None:
        response = await client.post(URL, json=body)
        assert response.status_code == 422

    async def test_unknown_fields_are_422_and_the_token_is_not_used(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.post(URL, json={"refresh_token": ada.refresh_token, "user_id": 1})
        assert response.status_code == 422
        row = await db.token_row(profile, ada.refresh_token)
        assert row is not None
        assert row.rotated_at is None
