"""``/charts/songs``: most played across everyone over day, week, month and all time."""

from __future__ import annotations

from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.library import API, add_songs, play
from tests.factories.users import register_and_login


async def _chart(client: AsyncClient, query: str = "") -> list[tuple[int, int]]:
    response = await client.get(f"{API}/charts/songs?{query}")
    assert response.status_code == 200, response.text
    return [(item["song"]["id"], item["play_count"]) for item in response.json()["items"]]


class TestChartSongs:
    async def test_periods_are_rolling_windows_across_all_users(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        today, this_week, this_month, long_ago = await add_songs(profile, 4)
        await play(client, alice, today, hours_ago=2)
        await play(client, bob, today, hours_ago=23)
        await play(client, alice, this_week, days_ago=2, times=2)
        await play(client, bob, this_week, days_ago=6, times=2)
        await play(client, alice, this_month, days_ago=8, times=5)
        await play(client, bob, this_month, days_ago=29)
        await play(client, alice, long_ago, days_ago=31, times=7)
        await play(client, alice, today, days_ago=40, times=2)

        assert await _chart(client, "period=day") == [(today, 2)]
        assert await _chart(client, "period=week") == [(this_week, 4), (today, 2)]
        assert await _chart(client) == [(this_week, 4), (today, 2)]
        assert await _chart(client, "period=month") == [
            (this_month, 6),
            (this_week, 4),
            (today, 2),
        ]
        assert await _chart(client, "period=all") == [
            (long_ago, 7),
            (this_month, 6),
            (today, 4),
            (this_week, 4),
        ]

    async def test_public_with_full_songs_and_a_total(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        songs = await add_songs(profile, 3)
        for n, song in enumerate(songs):
            await play(client, alice, song, hours_ago=1, times=n + 1)

        response = await client.get(f"{API}/charts/songs?limit=2")

        assert response.status_code == 200
        body = response.json()
        assert [i["song"]["id"] for i in body["items"]] == [songs[2], songs[1]]
        assert body["total"] == 3
        assert body["items"][0]["song"]["title"] == "Song 02"
        assert body["items"][0]["song"]["play_count"] == 3
        assert body["next"] is not None

    async def test_a_page_past_the_end_still_has_the_total(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        for song in await add_songs(profile, 2):
            await play(client, alice, song, hours_ago=1)

        for period in ("day", "all"):
            body = (await client.get(f"{API}/charts/songs?period={period}&offset=5")).json()
            assert (body["items"], body["total"]) == ([], 2), period

    async def test_ties_by_song_id(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        songs = await add_songs(profile, 3)
        for song in reversed(songs):
            await play(client, alice, song, hours_ago=1)

        assert await _chart(client) == [(s, 1) for s in songs]
        assert await _chart(client, "period=all") == [(s, 1) for s in songs]

    async def test_a_bearer_token_is_not_needed_but_is_accepted(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        anonymous = await client.get(f"{API}/charts/songs")
        signed_in = await client.get(f"{API}/charts/songs", headers=alice.headers)

        assert anonymous.status_code == signed_in.status_code == 200
        assert anonymous.json() == {
            "items": [],
            "total": 0,
            "limit": 20,
            "offset": 0,
            "next": None,
            "previous": None,
        }

    async def test_unknown_period_and_bad_paging_are_422(self, client: AsyncClient) -> None:
        for query in ("period=year", "period=", "period=Week", "limit=101", "offset=-1"):
            response = await client.get(f"{API}/charts/songs?{query}")
            assert response.status_code == 422, query
