"""Auth test fixtures: PostgreSQL-only tests, and an app with small login limits."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fastapi import FastAPI

from tests.auth.apps import running_app
from tests.conftest import Profile

ACCOUNT_LIMIT = 3
ADDRESS_LIMIT = 5


@pytest.fixture
async def throttled_app(profile: Profile, app: FastAPI) -> AsyncIterator[FastAPI]:
    """The app with login limits small enough to reach: 3 per account, 5 per address."""
    async with running_app(
        profile,
        login_account_limit=f"{ACCOUNT_LIMIT}/5minutes",
        login_address_limit=f"{ADDRESS_LIMIT}/5minutes",
    ) as throttled:
        yield throttled
