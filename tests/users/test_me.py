"""GET and PATCH /api/v1/me."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.auth import db
from tests.conftest import Profile
from tests.factories.users import login_response, register_and_login

ME = "/api/v1/me"


class TestReadMe:
    async def test_returns_the_private_view(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada", display_name="Ada")
        response = await client.get(ME, headers=ada.headers)
        assert response.status_code == 200
        assert response.json() == ada.me
        assert set(response.json()) == {
            "id",
            "email",
            "username",
            "display_name",
            "is_admin",
            "created_at",
        }

    async def test_needs_a_token(self, client: AsyncClient) -> None:
        response = await client.get(ME)
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"


class TestUpdateMe:
    async def test_changes_only_the_fields_sent(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada", display_name="Ada")
        response = await client.patch(ME, json={"display_name": "  Ada L.  "}, headers=ada.headers)
        assert response.status_code == 200
        assert response.json() == {**ada.me, "display_name": "Ada L."}
        user = await db.get_user(profile, ada.id)
        assert user is not None
        assert (user.display_name, user.username, user.email) == (
            "Ada L.",
            "ada",
            "ada@example.com",
        )

    async def test_null_display_name_clears_it(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada", display_name="Ada")
        response = await client.patch(ME, json={"display_name": None}, headers=ada.headers)
        assert response.json()["display_name"] is None
        user = await db.get_user(profile, ada.id)
        assert user is not None
        assert user.display_name is None

    async def test_new_username_and_email_are_lowercased_and_usable_to_log_in(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.patch(
            ME, json={"username": "Lovelace", "email": "Ada@Lovelace.org"}, headers=ada.headers
        )
        assert response.status_code == 200
        assert response.json()["username"] == "lovelace"
        assert response.json()["email"] == "ada@lovelace.org"
        assert (await login_response(client, "lovelace", ada.password)).status_code == 200
        assert (await login_response(client, "ada@lovelace.org", ada.password)).status_code == 200
        assert (await login_response(client, "ada", ada.password)).status_code == 401

    async def test_an_empty_body_changes_nothing(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.patch(ME, json={}, headers=ada.headers)
        assert response.status_code == 200
        assert response.json() == ada.me

    async def test_keeping_ones_own_username_or_email_is_not_a_conflict(
        self, client: AsyncClient
    ) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.patch(
            ME, json={"username": "ADA", "email": ada.email.upper()}, headers=ada.headers
        )
        assert response.status_code == 200

    async def test_the_session_survives_a_username_change(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        await client.patch(ME, json={"username": "lovelace"}, headers=ada.headers)
        assert (await client.get(ME, headers=ada.headers)).json()["username"] == "lovelace"


class TestUpdateMeConflicts:
    @pytest.mark.parametrize(
        ("change", "code"),
        [
            ({"email": "BOB@example.com"}, "email_taken"),
            ({"username": "Bob"}, "username_taken"),
        ],
    )
    async def test_a_value_taken_by_someone_else_is_409(
        self, client: AsyncClient, profile: Profile, change: dict[str, str], code: str
    ) -> None:
        ada = await register_and_login(client, "ada", display_name="Ada")
        await register_and_login(client, "bob")
        response = await client.patch(
            ME, json={**change, "display_name": "Changed"}, headers=ada.headers
        )
        assert response.status_code == 409
        assert response.json()["code"] == code
        user = await db.get_user(profile, ada.id)
        assert user is not None
        assert (user.username, user.email, user.display_name) == (
            "ada",
            "ada@example.com",
            "Ada",
        )


class TestUpdateMeValidation:
    async def test_unknown_fields_are_422_and_nothing_changes(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada", display_name="Ada")
        before = await db.get_user(profile, ada.id)
        bodies: list[dict[str, Any]] = [
            {"is_admin": True},
            {"display_name": "x", "is_admin": True},
            {"id": 99},
            {"password_hash": "x"},
            {"token_version": 0},
            {"created_at": "2020-01-01T00:00:00Z"},
        ]
        for body in bodies:
            response = await client.patch(ME, json=body, headers=ada.headers)
            assert response.status_code == 422, body
            assert response.json()["detail"][-1]["type"] == "extra_forbidden"
        after = await db.get_user(profile, ada.id)
        assert before is not None
        assert after is not None
        assert after.is_admin is False
        assert (after.display_name, after.updated_at) == (before.display_name, before.updated_at)
        assert (await client.get(ME, headers=ada.headers)).json() == ada.me

    async def test_invalid_values_are_422(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada", display_name="Ada")
        bodies: list[dict[str, Any]] = [
            {"email": None},
            {"username": None},
            {"email": "not-an-email"},
            {"username": "no spaces"},
            {"username": "ab"},
            {"display_name": ""},
            {"display_name": "x" * 201},
            {"display_name": "Fine", "username": "x"},
        ]
        for body in bodies:
            response = await client.patch(ME, json=body, headers=ada.headers)
            assert response.status_code == 422, body
        assert (await client.get(ME, headers=ada.headers)).json() == ada.me

    async def test_needs_a_token(self, client: AsyncClient) -> None:
        response = await client.patch(ME, json={"display_name": "x"})
        assert response.status_code == 401
