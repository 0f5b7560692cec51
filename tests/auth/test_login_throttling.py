"""Failed logins are throttled per account and per client address; successes never count.

These run on an app with small limits (3 failures per account, 5 per address, in 5
minutes); the limits live in the profile's shared storage (memory, or Redis).
"""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient, Response

from tests.auth.apps import client_for, running_app
from tests.auth.conftest import ACCOUNT_LIMIT, ADDRESS_LIMIT
from tests.conftest import Profile
from tests.factories.users import DEFAULT_PASSWORD, login_response, register

WINDOW_SECONDS = 5 * 60
OTHER_ADDRESS = "198.51.100.9"


def assert_throttled(response: Response) -> None:
    assert response.status_code == 429
    assert response.json() == {
        "detail": "Too many failed login attempts; try again later",
        "code": "too_many_login_attempts",
    }
    assert 1 <= int(response.headers["retry-after"]) <= WINDOW_SECONDS


async def fail(client: AsyncClient, name: str, times: int) -> None:
    for _ in range(times):
        assert (await login_response(client, name, "wrong password")).status_code == 401


class TestAccountLimit:
    async def test_the_attempt_after_the_limit_is_429_even_with_the_right_password(
        self, throttled_app: FastAPI
    ) -> None:
        async with client_for(throttled_app) as client:
            await register(client, "ada")
            await fail(client, "ada", ACCOUNT_LIMIT)
            assert_throttled(await login_response(client, "ada", DEFAULT_PASSWORD))
            assert_throttled(await login_response(client, "ada", "wrong password"))

    async def test_the_block_follows_the_account_to_another_address(
        self, throttled_app: FastAPI
    ) -> None:
        async with client_for(throttled_app) as client:
            await register(client, "ada")
            await fail(client, "ada", ACCOUNT_LIMIT)
        async with client_for(throttled_app, OTHER_ADDRESS) as elsewhere:
            assert_throttled(await login_response(elsewhere, "ada", DEFAULT_PASSWORD))

    async def test_username_and_email_count_against_the_same_account(
        self, throttled_app: FastAPI
    ) -> None:
        async with client_for(throttled_app) as client:
            await register(client, "ada", email="ada@example.com")
            await fail(client, "ada", ACCOUNT_LIMIT - 1)
            await fail(client, "ADA@example.com", 1)
            assert_throttled(await login_response(client, "ada@example.com", DEFAULT_PASSWORD))

    async def test_other_accounts_are_not_blocked(self, throttled_app: FastAPI) -> None:
        async with client_for(throttled_app) as client:
            await register(client, "ada")
            await register(client, "bob")
            await fail(client, "ada", ACCOUNT_LIMIT)
            assert (await login_response(client, "bob", DEFAULT_PASSWORD)).status_code == 200

    async def test_successful_logins_never_count(self, throttled_app: FastAPI) -> None:
        async with client_for(throttled_app) as client:
            await register(client, "ada")
            await fail(client, "ada", ACCOUNT_LIMIT - 1)
            for _ in range(ACCOUNT_LIMIT + 2):
                response = await login_response(client, "ada", DEFAULT_PASSWORD)
                assert response.status_code == 200
            # The last allowed failure is still a plain 401, and only then the block starts.
            await fail(client, "ada", 1)
            assert_throttled(await login_response(client, "ada", DEFAULT_PASSWORD))

    async def test_unknown_accounts_are_throttled_alike(self, throttled_app: FastAPI) -> None:
        async with client_for(throttled_app) as client:
            await register(client, "ada")
            await fail(client, "ada", ACCOUNT_LIMIT)
            known = await login_response(client, "ada", "wrong password")
        async with client_for(throttled_app, OTHER_ADDRESS) as client:
            await fail(client, "ghost", ACCOUNT_LIMIT)
            unknown = await login_response(client, "ghost", "wrong password")
        assert_throttled(known)
        assert_throttled(unknown)
        assert known.json() == unknown.json()

    async def test_blocked_attempts_do_not_create_tokens(self, throttled_app: FastAPI) -> None:
        async with client_for(throttled_app) as client:
            await register(client, "ada")
            await fail(client, "ada", ACCOUNT_LIMIT)
            response = await login_response(client, "ada", DEFAULT_PASSWORD)
            assert "access_token" not in response.json()


class TestAddressLimit:
    async def test_failures_across_accounts_block_the_address(self, throttled_app: FastAPI) -> None:
        async with client_for(throttled_app) as client:
            await register(client, "ada")
            for name in ("ghost1", "ghost2", "ghost3", "ghost4", "ghost5")[:ADDRESS_LIMIT]:
                await fail(client, name, 1)
            assert_throttled(await login_response(client, "ada", DEFAULT_PASSWORD))

    async def test_other_addresses_are_not_blocked(self, throttled_app: FastAPI) -> None:
        async with client_for(throttled_app) as client:
            await register(client, "ada")
            for index in range(ADDRESS_LIMIT):
                await fail(client, f"ghost{index}", 1)
        async with client_for(throttled_app, OTHER_ADDRESS) as elsewhere:
            response = await login_response(elsewhere, "ada", DEFAULT_PASSWORD)
            assert response.status_code == 200


class TestDefaultLimits:
    async def test_ten_failures_are_allowed_and_the_eleventh_attempt_is_429(
        self, client: AsyncClient
    ) -> None:
        await register(client, "ada")
        await fail(client, "ada", 10)
        assert_throttled(await login_response(client, "ada", DEFAULT_PASSWORD))


class TestLimiterStoreDown:
    async def test_logins_fall_back_to_in_process_counters(
        self, profile: Profile, app: FastAPI
    ) -> None:
        # Nothing listens on port 1: every Redis call is refused.
        async with (
            running_app(
                profile,
                redis_url="redis://127.0.0.1:1/0",
                login_account_limit=f"{ACCOUNT_LIMIT}/5minutes",
            ) as broken,
            client_for(broken) as client,
        ):
            await register(client, "ada")
            response = await login_response(client, "ada", DEFAULT_PASSWORD)
            assert response.status_code == 200, response.text
            await fail(client, "ada", ACCOUNT_LIMIT)
            assert_throttled(await login_response(client, "ada", DEFAULT_PASSWORD))
