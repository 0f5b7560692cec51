"""Concurrent refreshes of one token on PostgreSQL: exactly one wins."""

from __future__ import annotations

import asyncio

import pytest
from httpx import AsyncClient

from tests.auth import db
from tests.conftest import Profile
from tests.factories.users import login, refresh_response, register_and_login

CONCURRENT = 10


@pytest.mark.postgres_only
class TestConcurrentRefresh:
    async def test_exactly_one_of_ten_concurrent_refreshes_succeeds(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        ada = await register_and_login(client, "ada")
        responses = await asyncio.gather(
            *(refresh_response(client, ada.refresh_token) for _ in range(CONCURRENT))
        )
        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200] + [401] * (CONCURRENT - 1)
        # The losers presented a token that had just been rotated: that is a replay,
        # so the winner's new token is revoked with the rest of the family.
        [winner] = [r for r in responses if r.status_code == 200]
        assert (await refresh_response(client, winner.json()["refresh_token"])).status_code == 401
        rows = await db.refresh_tokens(profile, ada.id)
        assert len(rows) == 2
        assert all(row.revoked_at is not None for row in rows)

    async def test_concurrent_refreshes_of_different_logins_all_succeed(
        self, client: AsyncClient
    ) -> None:
        ada = await register_and_login(client, "ada")
        tokens = [ada.refresh_token]
        for _ in range(CONCURRENT - 1):
            tokens.append((await login(client, "ada"))["refresh_token"])
        responses = await asyncio.gather(*(refresh_response(client, t) for t in tokens))
        assert [r.status_code for r in responses] == [200] * CONCURRENT
