"""A song deleted from the catalog leaves every library; so do an artist's follows."""

from __future__ import annotations

from httpx import AsyncClient

from fastfm.library.follows.models import ArtistFollow
from fastfm.library.likes.models import SongLike
from fastfm.library.plays.models import Play
from tests.conftest import Profile
from tests.factories.library import (
    API,
    add_artist,
    add_songs,
    count_rows,
    follow_artist,
    like,
    play,
)
from tests.factories.users import register_admin, register_and_login


class TestSongDeletion:
    async def test_likes_and_plays_of_a_deleted_song_go(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        admin = await register_admin(client, profile)
        alice = await register_and_login(client, "alice")
        doomed, kept = await add_songs(profile, 2)
        for song in (doomed, kept):
            await like(client, alice, song)
            await play(client, alice, song, hours_ago=1)

        deleted = await client.delete(f"{API}/songs/{doomed}", headers=admin.headers)

        assert deleted.status_code == 204
        liked = (await client.get(f"{API}/me/liked", headers=alice.headers)).json()
        recent = (await client.get(f"{API}/me/plays/recent", headers=alice.headers)).json()
        charts = (await client.get(f"{API}/charts/songs")).json()
        contains = await client.get(f"{API}/me/liked/contains?ids={doomed}", headers=alice.headers)
        assert [i["song"]["id"] for i in liked["items"]] == [kept]
        assert liked["total"] == 1
        assert [i["song"]["id"] for i in recent["items"]] == [kept]
        assert recent["total"] == 1
        assert [i["song"]["id"] for i in charts["items"]] == [kept]
        assert contains.json() == [False]
        assert await count_rows(profile, SongLike, SongLike.song_id == doomed) == 0
        assert await count_rows(profile, Play, Play.song_id == doomed) == 0
        unlike = await client.delete(f"{API}/me/liked/{doomed}", headers=alice.headers)
        assert unlike.status_code == 404


class TestArtistDeletion:
    async def test_follows_of_a_deleted_artist_go(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        admin = await register_admin(client, profile)
        alice = await register_and_login(client, "alice")
        doomed = await add_artist(profile, "Doomed")
        kept = await add_artist(profile, "Kept")
        await follow_artist(client, alice, doomed)
        await follow_artist(client, alice, kept)

        deleted = await client.delete(f"{API}/artists/{doomed}", headers=admin.headers)

        assert deleted.status_code == 204
        body = (await client.get(f"{API}/me/following/artists", headers=alice.headers)).json()
        assert [a["id"] for a in body["items"]] == [kept]
        assert body["total"] == 1
        assert await count_rows(profile, ArtistFollow, ArtistFollow.artist_id == doomed) == 0
