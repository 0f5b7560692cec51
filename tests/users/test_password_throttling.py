"""Wrong current passwords on PUT /me/password count as failed logins of the account."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response

from tests.auth import db
from tests.auth.apps import client_for, running_app
from tests.conftest import Profile
from tests.factories.users import AuthedUser, login_response, register_and_login

URL = "/api/v1/me/password"
NEW_PASSWORD = "a brand new passphrase"
LIMIT = 3


@pytest.fixture
async def throttled(profile: Profile, app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with (
        running_app(profile, login_account_limit=f"{LIMIT}/5minutes") as throttled_app,
        client_for(throttled_app) as client,
    ):
        yield client


async def change(client: AsyncClient, user: AuthedUser, current: str) -> Response:
    body = {"current_password": current, "new_password": NEW_PASSWORD}
    return await client.put(URL, json=body, headers=user.headers)


def assert_throttled(response: Response) -> None:
    assert response.status_code == 429, response.text
    assert response.json()["code"] == "too_many_login_attempts"
    assert 1 <= int(response.headers["retry-after"]) <= 300


async def test_past_the_limit_even_the_right_password_is_429_and_nothing_changes(
    throttled: AsyncClient, profile: Profile
) -> None:
    ada = await register_and_login(throttled, "ada")
    before = await db.get_user(profile, ada.id)
    for _ in range(LIMIT):
        assert (await change(throttled, ada, "not my password")).status_code == 403
    assert_throttled(await change(throttled, ada, ada.password))
    after = await db.get_user(profile, ada.id)
    assert before is not None
    assert after is not None
    assert after.password_hash == before.password_hash


async def test_password_guesses_and_login_failures_share_one_budget(
    throttled: AsyncClient,
) -> None:
    ada = await register_and_login(throttled, "ada")
    assert (await change(throttled, ada, "not my password")).status_code == 403
    for _ in range(LIMIT - 1):
        assert (await login_response(throttled, "ada", "wrong")).status_code == 401
    assert_throttled(await login_response(throttled, "ada", ada.password))
    assert_throttled(await change(throttled, ada, ada.password))


async def test_a_right_password_under_the_limit_still_works(throttled: AsyncClient) -> None:
    ada = await register_and_login(throttled, "ada")
    for _ in range(LIMIT - 1):
        assert (await change(throttled, ada, "not my password")).status_code == 403
    assert (await change(throttled, ada, ada.password)).status_code == 204
    assert (await login_response(throttled, "ada", NEW_PASSWORD)).status_code == 200
