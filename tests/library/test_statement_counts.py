"""Library lists load a page in a fixed number of SQL statements, whatever its size."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import event

from tests.conftest import Profile
from tests.factories.library import (
    API,
    add_artist,
    add_song,
    follow_artist,
    like,
    play,
)
from tests.factories.users import AuthedUser, register_and_login

PAGE_SIZES = (1, 20)


@contextmanager
def counting_statements(profile: Profile) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    engine = profile.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


async def _statements_per_page(
    client: AsyncClient, profile: Profile, user: AuthedUser | None, path: str
) -> dict[int, int]:
    counts: dict[int, int] = {}
    headers = user.headers if user else {}
    for size in PAGE_SIZES:
        separator = "&" if "?" in path else "?"
        with counting_statements(profile) as statements:
            response = await client.get(f"{API}{path}{separator}limit={size}", headers=headers)
        assert response.status_code == 200, response.text
        assert len(response.json()["items"]) == size
        counts[size] = len(statements)
    return counts


@pytest.fixture
async def listener(client: AsyncClient, profile: Profile) -> AuthedUser:
    """A user with 25 liked, played and followed songs by many artists."""
    user = await register_and_login(client, "listener")
    for n in range(25):
        lead = await add_artist(profile, f"Lead {n}")
        guest = await add_artist(profile, f"Guest {n}")
        song = await add_song(profile, f"Song {n:02d}", [lead, guest])
        await like(client, user, song)
        await play(client, user, song, days_ago=1 + n % 3)
        await follow_artist(client, user, lead)
    return user


LISTS = [
    "/me/liked",
    "/me/liked?sort=title",
    "/me/plays/recent",
    "/me/top/songs",
    "/me/top/artists",
    "/me/following/artists",
]


async def test_page_size_does_not_change_the_statement_count(
    client: AsyncClient, profile: Profile, listener: AuthedUser
) -> None:
    # One test over every list, so the 25-song library is built once per profile.
    counts = {path: await _statements_per_page(client, profile, listener, path) for path in LISTS}
    for period in ("week", "all"):
        path = f"/charts/songs?period={period}"
        counts[path] = await _statements_per_page(client, profile, None, path)

    varying = {path: c for path, c in counts.items() if c[1] != c[20]}
    assert varying == {}
    # The count, the page, the songs (and, with a token, the caller): a handful at most.
    assert max(c[20] for c in counts.values()) <= 6, counts
