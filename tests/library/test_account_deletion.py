"""Deleting an account takes its likes, plays and follows with it, and fixes every count."""

from __future__ import annotations

from httpx import AsyncClient

from fastfm.library.follows.models import ArtistFollow, UserFollow
from fastfm.library.likes.models import SongLike
from fastfm.library.plays.models import Play
from tests.conftest import Profile
from tests.factories.library import (
    API,
    add_artist,
    add_songs,
    artist_follower_count,
    count_rows,
    follow_artist,
    follow_user,
    like,
    play,
    song_counters,
    user_follower_count,
)
from tests.factories.users import register_and_login


class TestDeleteAccount:
    async def test_removes_the_library_and_gives_back_every_count(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        carol = await register_and_login(client, "carol")
        artist = await add_artist(profile, "Shared")
        shared, only_alice = await add_songs(profile, 2, artist)
        for user in (alice, bob):
            await like(client, user, shared)
            await play(client, user, shared, hours_ago=1, times=2)
            await follow_artist(client, user, artist)
        await like(client, alice, only_alice)
        await play(client, alice, only_alice, days_ago=2, times=3)
        await follow_user(client, alice, bob.id)
        await follow_user(client, carol, bob.id)
        await follow_user(client, bob, alice.id)
        await follow_user(client, carol, alice.id)

        response = await client.delete(f"{API}/me", headers=alice.headers)

        assert response.status_code == 204
        for model, column in (
            (SongLike, SongLike.user_id),
            (Play, Play.user_id),
            (ArtistFollow, ArtistFollow.user_id),
            (UserFollow, UserFollow.follower_id),
            (UserFollow, UserFollow.followee_id),
        ):
            assert await count_rows(profile, model, column == alice.id) == 0
        assert await song_counters(profile, shared) == (1, 2)
        assert await song_counters(profile, only_alice) == (0, 0)
        assert await artist_follower_count(profile, artist) == 1
        assert await user_follower_count(profile, bob.id) == 1
        assert (await client.get(f"{API}/users/{bob.id}")).json()["follower_count"] == 1

    async def test_what_others_see_afterwards(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        song, other = await add_songs(profile, 2)
        await play(client, alice, song, hours_ago=1, times=5)
        await play(client, bob, other, hours_ago=1)
        await follow_user(client, bob, alice.id)

        assert (await client.delete(f"{API}/me", headers=alice.headers)).status_code == 204

        charts = (await client.get(f"{API}/charts/songs")).json()
        all_time = (await client.get(f"{API}/charts/songs?period=all")).json()
        following = (await client.get(f"{API}/me/following/users", headers=bob.headers)).json()
        assert [(i["song"]["id"], i["play_count"]) for i in charts["items"]] == [(other, 1)]
        assert [(i["song"]["id"], i["play_count"]) for i in all_time["items"]] == [(other, 1)]
        assert (following["items"], following["total"]) == ([], 0)
        again = await client.put(f"{API}/me/following/users/{alice.id}", headers=bob.headers)
        assert again.status_code == 404

    async def test_the_deleted_token_no_longer_reaches_the_library(
        self, client: AsyncClient
    ) -> None:
        alice = await register_and_login(client, "alice")

        assert (await client.delete(f"{API}/me", headers=alice.headers)).status_code == 204

        response = await client.get(f"{API}/me/liked", headers=alice.headers)
        assert response.status_code == 401
