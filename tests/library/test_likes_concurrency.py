"""Concurrent likes of one song by one user: one row, one 201, like_count 1.

Raced through the in-process client, and against a real two-worker server over TCP.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest
from httpx import AsyncClient

from fastfm.library.likes.models import SongLike
from tests.conftest import Profile
from tests.factories.library import API, add_song, count_rows, song_counters
from tests.factories.users import register_and_login
from tests.server import running_server

CONCURRENT = 20


class TestConcurrentLikes:
    @pytest.mark.postgres_only
    async def test_twenty_concurrent_likes_write_one_row(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        song = await add_song(profile)

        responses = await asyncio.gather(
            *(
                client.post(f"{API}/me/liked/{song}", headers=alice.headers)
                for _ in range(CONCURRENT)
            )
        )

        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200] * (CONCURRENT - 1) + [201]
        assert await count_rows(profile, SongLike, SongLike.song_id == song) == 1
        assert await song_counters(profile, song) == (1, 0)

    @pytest.mark.postgres_only
    async def test_twenty_concurrent_likes_against_a_two_worker_server(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        song = await add_song(profile)
        limits = httpx.Limits(max_connections=CONCURRENT, max_keepalive_connections=CONCURRENT)
        async with (
            running_server(profile.settings, workers=2) as base_url,
            httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60.0) as http,
        ):
            # Open every connection first, so the racing requests leave together.
            await asyncio.gather(*(http.get("/healthz") for _ in range(CONCURRENT)))
            responses = await asyncio.gather(
                *(
                    http.post(f"{API}/me/liked/{song}", headers=alice.headers)
                    for _ in range(CONCURRENT)
                )
            )

        statuses = sorted(r.status_code for r in responses)
        assert statuses == [200] * (CONCURRENT - 1) + [201]
        assert await count_rows(profile, SongLike, SongLike.song_id == song) == 1
        assert await song_counters(profile, song) == (1, 0)

    @pytest.mark.postgres_only
    async def test_concurrent_likes_and_unlikes_leave_the_count_matching_the_rows(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        users = [await register_and_login(client, f"user{n}") for n in range(4)]
        song = await add_song(profile)

        calls = [
            (client.post if (n + k) % 2 == 0 else client.delete)(
                f"{API}/me/liked/{song}", headers=user.headers
            )
            for k in range(5)
            for n, user in enumerate(users)
        ]
        responses = await asyncio.gather(*calls)

        assert all(r.status_code in (200, 201, 204) for r in responses)
        rows = await count_rows(profile, SongLike, SongLike.song_id == song)
        assert await song_counters(profile, song) == (rows, 0)
