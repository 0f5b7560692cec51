"""Likes, plays and follows racing an account's deletion leave every count exact."""

from __future__ import annotations

import asyncio

import pytest
from httpx import AsyncClient

from fastfm.library.likes.models import SongLike
from tests.conftest import Profile
from tests.factories.library import (
    API,
    add_artist,
    add_songs,
    artist_follower_count,
    count_rows,
    song_counters,
    user_follower_count,
)
from tests.factories.users import register_and_login


class TestDeletionRaces:
    @pytest.mark.postgres_only
    async def test_writes_racing_the_deletion_leave_no_count_behind(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        artist = await add_artist(profile)
        songs = await add_songs(profile, 8, artist)
        h = alice.headers

        writes = [
            *(client.post(f"{API}/me/liked/{song}", headers=h) for song in songs),
            *(client.post(f"{API}/me/plays", json={"song_id": s}, headers=h) for s in songs),
            client.put(f"{API}/me/following/artists/{artist}", headers=h),
            client.put(f"{API}/me/following/users/{bob.id}", headers=h),
        ]
        middle = len(writes) // 2
        responses = await asyncio.gather(
            *writes[:middle], client.delete(f"{API}/me", headers=h), *writes[middle:]
        )

        assert all(r.status_code < 500 for r in responses), [r.status_code for r in responses]
        for song in songs:
            assert await song_counters(profile, song) == (0, 0)
        assert await count_rows(profile, SongLike) == 0
        assert await artist_follower_count(profile, artist) == 0
        assert await user_follower_count(profile, bob.id) == 0
