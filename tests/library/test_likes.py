"""``/me/liked``: liking, unliking, listing and checking songs, with an exact like_count."""

from __future__ import annotations

from httpx import AsyncClient

from fastfm.library.likes.models import SongLike
from tests.conftest import Profile
from tests.factories.library import (
    API,
    add_artist,
    add_song,
    add_songs,
    count_rows,
    like,
    song_counters,
)
from tests.factories.users import register_and_login


class TestLikeSong:
    async def test_a_new_like_is_201_with_the_full_song(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        artist = await add_artist(profile, "Nina Simone")
        song = await add_song(profile, "Sinnerman", [artist])

        response = await client.post(f"{API}/me/liked/{song}", headers=alice.headers)

        assert response.status_code == 201
        body = response.json()
        assert body["song"]["id"] == song
        assert body["song"]["title"] == "Sinnerman"
        assert body["song"]["artists"] == [{"id": artist, "name": "Nina Simone"}]
        assert body["song"]["like_count"] == 1
        assert body["liked_at"].endswith(("Z", "+00:00"))
        assert await count_rows(profile, SongLike, SongLike.user_id == alice.id) == 1
        assert await song_counters(profile, song) == (1, 0)

    async def test_liking_again_is_200_and_writes_nothing(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        song = await add_song(profile)
        first = await like(client, alice, song)

        again = await client.post(f"{API}/me/liked/{song}", headers=alice.headers)

        assert again.status_code == 200
        assert again.json()["liked_at"] == first["liked_at"]
        assert again.json()["song"]["like_count"] == 1
        assert await count_rows(profile, SongLike) == 1
        assert await song_counters(profile, song) == (1, 0)

    async def test_likes_of_different_users_each_count(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        song = await add_song(profile)

        await like(client, alice, song)
        await like(client, bob, song)

        assert await song_counters(profile, song) == (2, 0)
        assert await count_rows(profile, SongLike, SongLike.song_id == song) == 2

    async def test_unknown_song_is_404(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        song = await add_song(profile)

        response = await client.post(f"{API}/me/liked/{song + 1000}", headers=alice.headers)
        assert response.status_code == 404
        assert response.json()["code"] == "song_not_found"
        assert await count_rows(profile, SongLike) == 0

    async def test_an_id_out_of_range_is_422(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")

        for out_of_range in (0, -1, 2**31, 10**30):
            like = await client.post(f"{API}/me/liked/{out_of_range}", headers=alice.headers)
            unlike = await client.delete(f"{API}/me/liked/{out_of_range}", headers=alice.headers)
            assert (like.status_code, unlike.status_code) == (422, 422), out_of_range
            assert like.json()["detail"][0]["loc"] == ["path", "song_id"]
        assert await count_rows(profile, SongLike) == 0

    async def test_a_non_numeric_id_matches_no_song(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        response = await client.post(f"{API}/me/liked/abc", headers=alice.headers)

        assert response.status_code in (404, 405)


class TestUnlikeSong:
    async def test_unlike_removes_the_like_and_decrements(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        song = await add_song(profile)
        await like(client, alice, song)

        response = await client.delete(f"{API}/me/liked/{song}", headers=alice.headers)

        assert response.status_code == 204
        assert response.content == b""
        assert await count_rows(profile, SongLike) == 0
        assert await song_counters(profile, song) == (0, 0)

    async def test_unlike_of_a_song_not_liked_is_204_and_changes_no_count(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        song = await add_song(profile)
        await like(client, bob, song)

        first = await client.delete(f"{API}/me/liked/{song}", headers=alice.headers)
        second = await client.delete(f"{API}/me/liked/{song}", headers=alice.headers)

        assert (first.status_code, second.status_code) == (204, 204)
        assert await song_counters(profile, song) == (1, 0)
        assert await count_rows(profile, SongLike, SongLike.user_id == bob.id) == 1

    async def test_unknown_song_is_404(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")

        response = await client.delete(f"{API}/me/liked/999999", headers=alice.headers)

        assert response.status_code == 404
        assert response.json()["code"] == "song_not_found"


class TestLikeCounterStaysExact:
    async def test_like_unlike_relike_sequence(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        song = await add_song(profile)
        url = f"{API}/me/liked/{song}"

        steps = [
            (client.post, alice, 201, 1),
            (client.post, alice, 200, 1),
            (client.post, bob, 201, 2),
            (client.delete, alice, 204, 1),
            (client.delete, alice, 204, 1),
            (client.post, alice, 201, 2),
            (client.delete, bob, 204, 1),
            (client.delete, alice, 204, 0),
            (client.delete, alice, 204, 0),
        ]
        for call, user, status, expected in steps:
            response = await call(url, headers=user.headers)
            assert response.status_code == status
            assert await song_counters(profile, song) == (expected, 0)
            assert await count_rows(profile, SongLike, SongLike.song_id == song) == expected


class TestListLikedSongs:
    async def test_newest_first_by_default(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        songs = await add_songs(profile, 3)
        for song in songs:
            await like(client, alice, song)

        response = await client.get(f"{API}/me/liked", headers=alice.headers)

        assert response.status_code == 200
        body = response.json()
        assert [item["song"]["id"] for item in body["items"]] == list(reversed(songs))
        assert body["total"] == 3
        assert (body["limit"], body["offset"], body["next"], body["previous"]) == (
            20,
            0,
            None,
            None,
        )
        liked_at = [item["liked_at"] for item in body["items"]]
        assert liked_at == sorted(liked_at, reverse=True)
        catalog_view = (await client.get(f"{API}/songs/{songs[2]}")).json()
        assert body["items"][0]["song"] == catalog_view

    async def test_sort_oldest_first_and_by_title(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        artist = await add_artist(profile)
        titles = ["Bravo", "Alpha", "Charlie"]
        ids = [await add_song(profile, title, [artist]) for title in titles]
        for song in ids:
            await like(client, alice, song)

        oldest = await client.get(f"{API}/me/liked?sort=liked_at", headers=alice.headers)
        by_title = await client.get(f"{API}/me/liked?sort=title", headers=alice.headers)
        by_title_desc = await client.get(f"{API}/me/liked?sort=-title", headers=alice.headers)

        assert [i["song"]["id"] for i in oldest.json()["items"]] == ids
        assert [i["song"]["title"] for i in by_title.json()["items"]] == [
            "Alpha",
            "Bravo",
            "Charlie",
        ]
        assert [i["song"]["title"] for i in by_title_desc.json()["items"]] == [
            "Charlie",
            "Bravo",
            "Alpha",
        ]

    async def test_equal_titles_are_ordered_by_song_id(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        artist = await add_artist(profile)
        ids = [await add_song(profile, "Same", [artist]) for _ in range(3)]
        for song in reversed(ids):
            await like(client, alice, song)

        response = await client.get(f"{API}/me/liked?sort=-title", headers=alice.headers)

        assert [i["song"]["id"] for i in response.json()["items"]] == ids

    async def test_pages(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        songs = await add_songs(profile, 5)
        for song in songs:
            await like(client, alice, song)

        first = (await client.get(f"{API}/me/liked?limit=2", headers=alice.headers)).json()
        last = (await client.get(f"{API}/me/liked?limit=2&offset=4", headers=alice.headers)).json()

        assert [i["song"]["id"] for i in first["items"]] == [songs[4], songs[3]]
        assert first["total"] == 5
        assert "offset=2" in first["next"]
        assert first["previous"] is None
        assert [i["song"]["id"] for i in last["items"]] == [songs[0]]
        assert last["next"] is None
        assert "offset=2" in last["previous"]

    async def test_only_the_callers_likes(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        songs = await add_songs(profile, 2)
        await like(client, alice, songs[0])
        await like(client, bob, songs[1])

        body = (await client.get(f"{API}/me/liked", headers=alice.headers)).json()

        assert [i["song"]["id"] for i in body["items"]] == [songs[0]]
        assert body["total"] == 1

    async def test_empty(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        body = (await client.get(f"{API}/me/liked", headers=alice.headers)).json()

        assert body["items"] == []
        assert body["total"] == 0

    async def test_bad_sort_and_paging_are_422(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        for query in ("sort=duration_ms", "sort=title,title", "limit=0", "limit=101", "offset=-1"):
            response = await client.get(f"{API}/me/liked?{query}", headers=alice.headers)
            assert response.status_code == 422, query
