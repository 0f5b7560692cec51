"""``/me/top/songs`` and ``/me/top/artists`` over the short, medium and long ranges."""

from __future__ import annotations

from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.library import API, add_artist, add_song, add_songs, play
from tests.factories.users import AuthedUser, register_and_login


async def _top(
    client: AsyncClient, user: AuthedUser, kind: str, query: str = ""
) -> list[tuple[int, int]]:
    response = await client.get(f"{API}/me/top/{kind}?{query}", headers=user.headers)
    assert response.status_code == 200, response.text
    key = "song" if kind == "songs" else "artist"
    return [(item[key]["id"], item["play_count"]) for item in response.json()["items"]]


class TestTopSongs:
    async def test_ranges_cut_at_4_weeks_and_6_months(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        recent, older, oldest = await add_songs(profile, 3)
        await play(client, alice, recent, days_ago=1, times=2)
        await play(client, alice, recent, days_ago=27)
        await play(client, alice, older, days_ago=29, times=4)
        await play(client, alice, older, days_ago=170)
        await play(client, alice, oldest, days_ago=190, times=9)

        short = await _top(client, alice, "songs", "range=short")
        medium = await _top(client, alice, "songs", "range=medium")
        default = await _top(client, alice, "songs")
        long = await _top(client, alice, "songs", "range=long")

        assert short == [(recent, 3)]
        assert medium == [(older, 5), (recent, 3)]
        assert default == medium
        assert long == [(oldest, 9), (older, 5), (recent, 3)]

    async def test_ties_are_broken_by_song_id_and_total_counts_songs(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        songs = await add_songs(profile, 4)
        for song in reversed(songs):
            await play(client, alice, song, days_ago=2, times=2)
        await play(client, alice, songs[3], days_ago=2)

        response = await client.get(f"{API}/me/top/songs?limit=2", headers=alice.headers)

        body = response.json()
        assert [(i["song"]["id"], i["play_count"]) for i in body["items"]] == [
            (songs[3], 3),
            (songs[0], 2),
        ]
        assert body["total"] == 4
        assert body["next"] is not None
        assert body["items"][0]["song"]["play_count"] == 3

    async def test_a_page_past_the_end_still_has_the_total(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        artist = await add_artist(profile)
        songs = await add_songs(profile, 3, artist)
        for song in songs:
            await play(client, alice, song, days_ago=1)

        for kind, total in (("songs", 3), ("artists", 1)):
            body = (
                await client.get(f"{API}/me/top/{kind}?offset=10", headers=alice.headers)
            ).json()
            assert (body["items"], body["total"]) == ([], total)
            assert "offset=" in body["previous"]

    async def test_only_the_callers_plays(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        mine, theirs = await add_songs(profile, 2)
        await play(client, alice, mine)
        await play(client, bob, theirs, times=5)

        assert await _top(client, alice, "songs") == [(mine, 1)]

    async def test_nothing_played(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        body = (await client.get(f"{API}/me/top/songs", headers=alice.headers)).json()

        assert (body["items"], body["total"]) == ([], 0)

    async def test_unknown_range_is_422(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        for query in ("range=year", "range=", "range=SHORT", "limit=0"):
            response = await client.get(f"{API}/me/top/songs?{query}", headers=alice.headers)
            assert response.status_code == 422, query


class TestTopArtists:
    async def test_plays_count_for_the_primary_artist_only(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        lead = await add_artist(profile, "Lead")
        featured = await add_artist(profile, "Featured")
        solo = await add_artist(profile, "Solo")
        duet = await add_song(profile, "Duet", [lead, featured])
        single = await add_song(profile, "Single", [solo])
        side = await add_song(profile, "Side", [featured])
        await play(client, alice, duet, days_ago=3, times=3)
        await play(client, alice, single, days_ago=3, times=2)
        await play(client, alice, side, days_ago=3)

        response = await client.get(f"{API}/me/top/artists", headers=alice.headers)

        assert response.status_code == 200
        body = response.json()
        assert [(i["artist"]["id"], i["play_count"]) for i in body["items"]] == [
            (lead, 3),
            (solo, 2),
            (featured, 1),
        ]
        assert body["items"][0]["artist"]["name"] == "Lead"
        assert body["total"] == 3

    async def test_songs_of_one_artist_add_up_and_ranges_apply(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        first = await add_artist(profile, "First")
        second = await add_artist(profile, "Second")
        a1 = await add_song(profile, "A1", [first])
        a2 = await add_song(profile, "A2", [first])
        b1 = await add_song(profile, "B1", [second])
        await play(client, alice, a1, days_ago=1)
        await play(client, alice, a2, days_ago=100)
        await play(client, alice, b1, days_ago=200, times=5)

        assert await _top(client, alice, "artists", "range=short") == [(first, 1)]
        assert await _top(client, alice, "artists", "range=medium") == [(first, 2)]
        assert await _top(client, alice, "artists", "range=long") == [(second, 5), (first, 2)]

    async def test_ties_by_artist_id(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        artists = [await add_artist(profile, name) for name in ("Zed", "Amy")]
        songs = [await add_song(profile, f"S{n}", [a]) for n, a in enumerate(artists)]
        for song in reversed(songs):
            await play(client, alice, song, days_ago=1)

        assert await _top(client, alice, "artists") == [(artists[0], 1), (artists[1], 1)]

    async def test_unknown_range_is_422(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        response = await client.get(f"{API}/me/top/artists?range=forever", headers=alice.headers)

        assert response.status_code == 422
