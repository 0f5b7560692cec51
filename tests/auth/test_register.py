"""POST /api/v1/auth/register."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.auth import db
from tests.conftest import Profile
from tests.factories.users import DEFAULT_PASSWORD, login_response, register

URL = "/api/v1/auth/register"


def body(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "email": "ada@example.com",
        "username": "ada",
        "password": DEFAULT_PASSWORD,
        "display_name": "Ada Lovelace",
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not ...}


class TestRegister:
    async def test_creates_the_account_and_returns_me(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        response = await client.post(URL, json=body())
        assert response.status_code == 201
        me = response.json()
        assert set(me) == {"id", "email", "username", "display_name", "is_admin", "created_at"}
        assert me["email"] == "ada@example.com"
        assert me["username"] == "ada"
        assert me["display_name"] == "Ada Lovelace"
        assert me["is_admin"] is False
        assert me["created_at"].endswith(("Z", "+00:00"))
        assert response.headers["location"] == f"/api/v1/users/{me['id']}"
        assert (await client.get(response.headers["location"])).status_code == 200
        [user] = await db.users(profile)
        assert user.id == me["id"]
        assert user.is_admin is False
        assert user.password_hash.startswith("$argon2id$")
        assert DEFAULT_PASSWORD not in user.password_hash

    async def test_display_name_is_optional(self, client: AsyncClient) -> None:
        response = await client.post(URL, json=body(display_name=...))
        assert response.status_code == 201
        assert response.json()["display_name"] is None

    async def test_email_and_username_are_stored_lowercased(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        response = await client.post(
            URL, json=body(email="Ada.L@Example.COM", username="  Ada_L.ove-1 ")
        )
        assert response.status_code == 201
        assert response.json()["email"] == "ada.l@example.com"
        assert response.json()["username"] == "ada_l.ove-1"
        [user] = await db.users(profile)
        assert (user.email, user.username) == ("ada.l@example.com", "ada_l.ove-1")

    async def test_the_password_is_kept_exactly_as_typed(self, client: AsyncClient) -> None:
        await register(client, "ada", password="  spaced out  ")
        assert (await login_response(client, "ada", "  spaced out  ")).status_code == 200
        assert (await login_response(client, "ada", "spaced out")).status_code == 401

    @pytest.mark.parametrize("length", [8, 128])
    async def test_password_length_bounds_are_inclusive(
        self, client: AsyncClient, length: int
    ) -> None:
        response = await client.post(URL, json=body(password="p" * length))
        assert response.status_code == 201


class TestRegisterConflicts:
    @pytest.mark.parametrize("email", ["ada@example.com", "ADA@Example.com"])
    async def test_taken_email_is_409(
        self, client: AsyncClient, profile: Profile, email: str
    ) -> None:
        await register(client, "ada", email="ada@example.com")
        response = await client.post(URL, json=body(username="other", email=email))
        assert response.status_code == 409
        assert response.json() == {
            "detail": "An account with this email already exists",
            "code": "email_taken",
        }
        assert await db.user_count(profile) == 1

    @pytest.mark.parametrize("username", ["ada", "ADA", " Ada "])
    async def test_taken_username_is_409(
        self, client: AsyncClient, profile: Profile, username: str
    ) -> None:
        await register(client, "ada")
        response = await client.post(URL, json=body(username=username, email="x@example.com"))
        assert response.status_code == 409
        assert response.json()["code"] == "username_taken"
        assert await db.user_count(profile) == 1


class TestRegisterValidation:
    @pytest.mark.parametrize(
        "email", ["not-an-email", "a@b", "@example.com", "ada@", "", "ada@@example.com"]
    )
    async def test_invalid_email_is_422(
        self, client: AsyncClient, profile: Profile, email: str
    ) -> None:
        response = await client.post(URL, json=body(email=email))
        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"
        assert response.json()["detail"][0]["loc"] == ["body", "email"]
        assert await db.user_count(profile) == 0

    @pytest.mark.parametrize(
        "username", ["ab", "x" * 31, "has space", "émile", "a/b", "ada@home", "", "   "]
    )
    async def test_invalid_username_is_422(
        self, client: AsyncClient, profile: Profile, username: str
    ) -> None:
        response = await client.post(URL, json=body(username=username))
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "username"]
        assert await db.user_count(profile) == 0

    @pytest.mark.parametrize("password", ["", "seven77", "p" * 129])
    async def test_password_outside_8_to_128_is_422(
        self, client: AsyncClient, profile: Profile, password: str
    ) -> None:
        response = await client.post(URL, json=body(password=password))
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "password"]
        assert await db.user_count(profile) == 0

    @pytest.mark.parametrize("display_name", ["", "   ", "x" * 201])
    async def test_invalid_display_name_is_422(
        self, client: AsyncClient, profile: Profile, display_name: str
    ) -> None:
        response = await client.post(URL, json=body(display_name=display_name))
        assert response.status_code == 422
        assert await db.user_count(profile) == 0

    @pytest.mark.parametrize("missing", ["email", "username", "password"])
    async def test_missing_field_is_422(
        self, client: AsyncClient, profile: Profile, missing: str
    ) -> None:
        response = await client.post(URL, json=body(**{missing: ...}))
        assert response.status_code == 422
        assert await db.user_count(profile) == 0

    @pytest.mark.parametrize(
        "extra",
        [
            {"is_admin": True},
            {"is_admin": False},
            {"id": 1},
            {"token_version": 5},
            {"created_at": "2020-01-01T00:00:00Z"},
        ],
    )
    async def test_unknown_fields_are_422_and_nothing_is_created(
        self, client: AsyncClient, profile: Profile, extra: dict[str, Any]
    ) -> None:
        response = await client.post(URL, json=body(**extra))
        assert response.status_code == 422
        [error] = response.json()["detail"]
        assert error["type"] == "extra_forbidden"
        assert await db.user_count(profile) == 0

    async def test_a_non_json_body_is_400(self, client: AsyncClient, profile: Profile) -> None:
        response = await client.post(
            URL, content=b"email=a", headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400
        assert response.json()["code"] == "malformed_body"
        assert await db.user_count(profile) == 0
