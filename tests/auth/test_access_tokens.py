"""Bearer access tokens: only untampered, unexpired, current HS256 access tokens work."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from httpx import AsyncClient

from tests.auth import db
from tests.conftest import TEST_SECRET, Profile
from tests.factories.users import AuthedUser, register_and_login

ME = "/api/v1/me"
REQUIRED = ["iss", "aud", "exp", "iat", "jti", "sub", "typ", "ver", "fam"]


def claims_for(user: AuthedUser, profile: Profile, **changes: Any) -> dict[str, Any]:
    """The claims of ``user``'s real access token, with ``changes`` applied."""
    real = jwt.decode(user.access_token, options={"verify_signature": False})
    now = datetime.now(UTC)
    claims = {**real, "iat": now, "exp": now + timedelta(minutes=5)}
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not ...}


def sign(claims: dict[str, Any], key: str = TEST_SECRET, algorithm: str = "HS256") -> str:
    return jwt.encode(claims, key, algorithm=algorithm)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def assert_rejected(client: AsyncClient, token: str, code: str = "invalid_token") -> None:
    response = await client.get(ME, headers=bearer(token))
    assert response.status_code == 401
    assert response.json()["code"] == code
    assert response.headers["www-authenticate"].startswith("Bearer")


class TestBearerAccepted:
    async def test_a_real_token_works(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.get(ME, headers=ada.headers)
        assert response.status_code == 200
        assert response.json()["username"] == "ada"

    async def test_a_token_signed_here_with_the_right_claims_works(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        # The control for the forgeries below: only the one change each makes matters.
        ada = await register_and_login(client, "ada")
        response = await client.get(ME, headers=bearer(sign(claims_for(ada, profile))))
        assert response.status_code == 200


class TestBearerMissing:
    async def test_no_authorization_header_is_401(self, client: AsyncClient) -> None:
        response = await client.get(ME)
        assert response.status_code == 401
        assert response.json() == {"detail": "Not authenticated", "code": "not_authenticated"}
        assert response.headers["www-authenticate"] == "Bearer"

    @pytest.mark.parametrize("header", ["Basic YWRhOnB3", "Token abc", "Bearer", "Bearer "])
    async def test_a_header_that_is_not_a_bearer_token_is_401(
        self, client: AsyncClient, header: str
    ) -> None:
        response = await client.get(ME, headers={"Authorization": header})
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")


class TestForgedTokens:
    async def test_garbage_is_401(self, client: AsyncClient) -> None:
        await assert_rejected(client, "not.a.jwt")

    async def test_alg_none_is_401(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        unsigned = jwt.encode(claims_for(ada, profile), None, algorithm="none")
        await assert_rejected(client, unsigned)
        # Also hand-made, with an empty signature and "alg": "none" in any case.
        for alg in ("none", "None", "NONE"):
            header = b64({"alg": alg, "typ": "JWT"})
            payload = b64(json.loads(json.dumps(claims_for(ada, profile), default=str)))
            await assert_rejected(client, f"{header}.{payload}.")

    @pytest.mark.filterwarnings("ignore:The HMAC key is")
    async def test_another_hmac_algorithm_is_401(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        await assert_rejected(client, sign(claims_for(ada, profile), algorithm="HS512"))

    async def test_a_tampered_payload_is_401(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        bob = await register_and_login(client, "bob")
        header, payload, signature = ada.access_token.split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["sub"] = str(bob.id)
        await assert_rejected(client, f"{header}.{b64(claims)}.{signature}")

    async def test_a_tampered_signature_is_401(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        header, payload, signature = ada.access_token.split(".")
        flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
        await assert_rejected(client, f"{header}.{payload}.{flipped}")

    async def test_a_wrong_signing_key_is_401(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        other_key = "another-secret-key-that-is-long-enough-for-hs256-9876543210"
        await assert_rejected(client, sign(claims_for(ada, profile), key=other_key))

    async def test_a_wrong_audience_is_401(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        await assert_rejected(client, sign(claims_for(ada, profile, aud="another-api")))

    async def test_a_wrong_issuer_is_401(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        await assert_rejected(client, sign(claims_for(ada, profile, iss="someone-else")))

    async def test_an_expired_token_is_401_token_expired(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        past = datetime.now(UTC) - timedelta(minutes=20)
        expired = claims_for(ada, profile, iat=past, exp=past + timedelta(minutes=15))
        await assert_rejected(client, sign(expired), code="token_expired")

    async def test_a_token_issued_in_the_future_is_401(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        future = datetime.now(UTC) + timedelta(hours=1)
        await assert_rejected(client, sign(claims_for(ada, profile, iat=future)))

    async def test_a_missing_claim_is_401(self, client: AsyncClient, profile: Profile) -> None:
        ada = await register_and_login(client, "ada")
        for claim in REQUIRED:
            token = sign(claims_for(ada, profile, **{claim: ...}))
            response = await client.get(ME, headers=bearer(token))
            assert response.status_code == 401, f"accepted without {claim!r}"
            assert response.json()["code"] == "invalid_token"

    async def test_a_claim_of_the_wrong_kind_is_401(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        wrong: list[tuple[str, object]] = [
            ("typ", "refresh"),
            ("typ", "ACCESS"),
            ("sub", "ada"),
            ("sub", "-1"),
            ("sub", "\u00b2"),
            ("sub", 1),
            ("ver", "0"),
            ("ver", 0.0),
            ("ver", True),
            ("fam", 7),
        ]
        for claim, value in wrong:
            token = sign(claims_for(ada, profile, **{claim: value}))
            response = await client.get(ME, headers=bearer(token))
            assert response.status_code == 401, f"accepted {claim}={value!r}"

    async def test_a_login_that_is_not_the_users_is_401(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        bob = await register_and_login(client, "bob")
        bobs_login = claims_for(bob, profile)["fam"]
        await assert_rejected(client, sign(claims_for(ada, profile, fam=bobs_login)))
        await assert_rejected(client, sign(claims_for(ada, profile, fam="0" * 32)))

    async def test_a_token_for_an_account_that_does_not_exist_is_401(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        await assert_rejected(client, sign(claims_for(ada, profile, sub=str(ada.id + 1000))))

    async def test_a_token_with_an_old_token_version_is_401(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        await db.set_user(profile, ada.id, token_version=3)
        await assert_rejected(client, ada.access_token)
        await assert_rejected(client, sign(claims_for(ada, profile, ver=2)))
        response = await client.get(ME, headers=bearer(sign(claims_for(ada, profile, ver=3))))
        assert response.status_code == 200


class TestTokenKindsAreNotInterchangeable:
    async def test_a_refresh_token_is_not_a_bearer_token(self, client: AsyncClient) -> None:
        ada = await register_and_login(client, "ada")
        await assert_rejected(client, ada.refresh_token)

    async def test_an_access_token_is_not_a_refresh_token(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        response = await client.post(
            "/api/v1/auth/refresh", json={"refresh_token": ada.access_token}
        )
        assert response.status_code == 401
        assert response.json()["code"] == "invalid_refresh_token"
        [row] = await db.refresh_tokens(profile, ada.id)
        assert row.rotated_at is None
        assert row.revoked_at is None
