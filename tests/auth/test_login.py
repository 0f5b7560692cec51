"""POST /api/v1/auth/login: the OAuth2 password form."""

from __future__ import annotations

import hashlib

import jwt
import pytest
from httpx import AsyncClient
from pwdlib.hashers.argon2 import Argon2Hasher

from tests.auth import db
from tests.conftest import TEST_SECRET, Profile
from tests.factories.users import DEFAULT_PASSWORD, login_response, register

URL = "/api/v1/auth/login"
BAD_CREDENTIALS = {"detail": "Incorrect username or password", "code": "invalid_credentials"}


class TestLogin:
    async def test_username_and_password_give_a_token_pair(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        me = await register(client, "ada")
        response = await login_response(client, "ada", DEFAULT_PASSWORD)
        assert response.status_code == 200
        tokens = response.json()
        assert set(tokens) == {"access_token", "refresh_token", "token_type", "expires_in"}
        assert tokens["token_type"] == "bearer"
        assert tokens["expires_in"] == profile.settings.access_token_minutes * 60
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        assert (await client.get("/api/v1/me", headers=headers)).json()["id"] == me["id"]
        [row] = await db.refresh_tokens(profile, me["id"])
        # Stored only as its SHA-256 hex digest.
        assert row.token_hash == hashlib.sha256(tokens["refresh_token"].encode()).hexdigest()
        assert row.rotated_at is None
        assert row.revoked_at is None

    @pytest.mark.parametrize("name", ["ADA", " ada ", "ada@example.com", "Ada@Example.com"])
    async def test_username_or_email_in_any_case(self, client: AsyncClient, name: str) -> None:
        await register(client, "ada", email="ada@example.com")
        response = await login_response(client, name, DEFAULT_PASSWORD)
        assert response.status_code == 200

    async def test_the_access_token_carries_the_documented_claims(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        me = await register(client, "ada")
        tokens = (await login_response(client, "ada", DEFAULT_PASSWORD)).json()
        claims = jwt.decode(
            tokens["access_token"],
            TEST_SECRET,
            algorithms=["HS256"],
            audience=profile.settings.jwt_audience,
            issuer=profile.settings.jwt_issuer,
        )
        assert jwt.get_unverified_header(tokens["access_token"])["alg"] == "HS256"
        assert claims["sub"] == str(me["id"])
        assert claims["typ"] == "access"
        assert claims["ver"] == 0
        [row] = await db.refresh_tokens(profile, me["id"])
        assert claims["fam"] == row.family_id
        assert claims["exp"] - claims["iat"] == profile.settings.access_token_minutes * 60
        assert claims["jti"]

    async def test_each_login_is_a_separate_family(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        me = await register(client, "ada")
        first = (await login_response(client, "ada", DEFAULT_PASSWORD)).json()
        second = (await login_response(client, "ada", DEFAULT_PASSWORD)).json()
        assert first["refresh_token"] != second["refresh_token"]
        rows = await db.refresh_tokens(profile, me["id"])
        assert len({row.family_id for row in rows}) == 2


class TestLoginFailures:
    async def test_wrong_password_is_401(self, client: AsyncClient, profile: Profile) -> None:
        me = await register(client, "ada")
        response = await login_response(client, "ada", "not the password")
        assert response.status_code == 401
        assert response.json() == BAD_CREDENTIALS
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert await db.refresh_tokens(profile, me["id"]) == []

    @pytest.mark.parametrize("name", ["nobody", "nobody@example.com", "ada@example.org"])
    async def test_unknown_account_answers_exactly_like_a_wrong_password(
        self, client: AsyncClient, name: str
    ) -> None:
        await register(client, "ada", email="ada@example.com")
        wrong_password = await login_response(client, "ada", "not the password")
        unknown = await login_response(client, name, DEFAULT_PASSWORD)
        assert unknown.status_code == wrong_password.status_code == 401
        assert unknown.content == wrong_password.content
        assert unknown.headers["www-authenticate"] == wrong_password.headers["www-authenticate"]

    @pytest.mark.parametrize(
        "form",
        [{"username": "ada"}, {"password": DEFAULT_PASSWORD}, {}],
        ids=["no-password", "no-username", "empty"],
    )
    async def test_missing_form_fields_are_422(
        self, client: AsyncClient, form: dict[str, str]
    ) -> None:
        await register(client, "ada")
        response = await client.post(URL, data=form)
        assert response.status_code == 422

    async def test_json_instead_of_the_form_is_400(self, client: AsyncClient) -> None:
        await register(client, "ada")
        response = await client.post(URL, json={"username": "ada", "password": DEFAULT_PASSWORD})
        assert response.status_code == 400
        assert response.json()["code"] == "malformed_body"

    async def test_a_grant_type_other_than_password_is_422(self, client: AsyncClient) -> None:
        await register(client, "ada")
        response = await client.post(
            URL,
            data={
                "username": "ada",
                "password": DEFAULT_PASSWORD,
                "grant_type": "client_credentials",
            },
        )
        assert response.status_code == 422

    async def test_a_hash_in_an_unsupported_scheme_is_a_failed_login_not_an_error(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        me = await register(client, "ada")
        legacy = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"
        await db.set_user(profile, me["id"], password_hash=legacy)
        response = await login_response(client, "ada", DEFAULT_PASSWORD)
        assert response.status_code == 401
        assert response.json() == BAD_CREDENTIALS


class TestPasswordRehash:
    async def test_an_outdated_hash_is_replaced_on_login(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        me = await register(client, "ada")
        weak = Argon2Hasher(time_cost=1, memory_cost=2048, parallelism=1).hash(DEFAULT_PASSWORD)
        await db.set_user(profile, me["id"], password_hash=weak)
        assert (await login_response(client, "ada", DEFAULT_PASSWORD)).status_code == 200
        user = await db.get_user(profile, me["id"])
        assert user is not None
        assert user.password_hash != weak
        assert user.password_hash.startswith("$argon2id$v=19$m=1024,t=1,p=1$")  # the profile's cost
        assert (await login_response(client, "ada", DEFAULT_PASSWORD)).status_code == 200

    async def test_a_current_hash_is_left_alone(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        me = await register(client, "ada")
        before = await db.get_user(profile, me["id"])
        assert (await login_response(client, "ada", DEFAULT_PASSWORD)).status_code == 200
        after = await db.get_user(profile, me["id"])
        assert before is not None
        assert after is not None
        assert after.password_hash == before.password_hash

    async def test_a_wrong_password_does_not_rehash(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        me = await register(client, "ada")
        weak = Argon2Hasher(time_cost=1, memory_cost=8192, parallelism=1).hash(DEFAULT_PASSWORD)
        await db.set_user(profile, me["id"], password_hash=weak)
        assert (await login_response(client, "ada", "wrong password")).status_code == 401
        user = await db.get_user(profile, me["id"])
        assert user is not None
        assert user.password_hash == weak
