"""``/me/plays``: recording listens (exact play_count) and the recently-played list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from httpx import AsyncClient

from fastfm.library.plays.models import Play
from tests.conftest import Profile
from tests.factories.library import API, add_song, add_songs, ago, count_rows, play, song_counters
from tests.factories.users import register_and_login


class TestRecordPlay:
    async def test_defaults_to_now(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        song = await add_song(profile)
        before = datetime.now(UTC)

        response = await client.post(
            f"{API}/me/plays", json={"song_id": song}, headers=alice.headers
        )

        assert response.status_code == 201
        body = response.json()
        assert set(body) == {"id", "song_id", "played_at", "ms_played"}
        assert body["song_id"] == song
        assert body["ms_played"] is None
        played_at = datetime.fromisoformat(body["played_at"])
        assert before <= played_at <= datetime.now(UTC)
        assert await count_rows(profile, Play, Play.user_id == alice.id) == 1
        assert await song_counters(profile, song) == (0, 1)

    async def test_explicit_time_and_duration(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        song = await add_song(profile)

        response = await client.post(
            f"{API}/me/plays",
            json={"song_id": song, "played_at": "2025-03-01T10:00:00+02:00", "ms_played": 0},
            headers=alice.headers,
        )

        assert response.status_code == 201
        body = response.json()
        assert datetime.fromisoformat(body["played_at"]) == datetime(2025, 3, 1, 8, tzinfo=UTC)
        assert body["played_at"].endswith(("Z", "+00:00"))
        assert body["ms_played"] == 0

    async def test_every_listen_counts(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        song = await add_song(profile)

        await play(client, alice, song, times=3)
        await play(client, bob, song, days_ago=400)

        assert await song_counters(profile, song) == (0, 4)
        assert await count_rows(profile, Play, Play.song_id == song) == 4

    async def test_unknown_song_is_404(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")

        response = await client.post(
            f"{API}/me/plays", json={"song_id": 424242}, headers=alice.headers
        )
        assert response.status_code == 404
        assert response.json()["code"] == "song_not_found"
        assert await count_rows(profile, Play) == 0

    async def test_an_id_out_of_range_is_422(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")

        for out_of_range in (0, -5, 2**31, 10**25):
            response = await client.post(
                f"{API}/me/plays", json={"song_id": out_of_range}, headers=alice.headers
            )
            assert response.status_code == 422, out_of_range
            assert response.json()["detail"][0]["loc"] == ["body", "song_id"]
        assert await count_rows(profile, Play) == 0

    async def test_future_time_is_422(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        song = await add_song(profile)
        future = (datetime.now(UTC) + timedelta(minutes=5)).isoformat()

        response = await client.post(
            f"{API}/me/plays", json={"song_id": song, "played_at": future}, headers=alice.headers
        )

        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "played_at"]
        assert await song_counters(profile, song) == (0, 0)

    async def test_invalid_bodies_are_422_and_record_nothing(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        song = await add_song(profile)

        for body in (
            {},
            {"song_id": "abc"},
            {"song_id": song, "ms_played": -1},
            {"song_id": song, "ms_played": 2**31},
            {"song_id": song, "played_at": "yesterday"},
            {"song_id": song, "played_at": "2025-03-01T10:00:00"},
            {"song_id": song, "user_id": alice.id},
            {"song_id": song, "id": 5},
        ):
            response = await client.post(f"{API}/me/plays", json=body, headers=alice.headers)
            assert response.status_code == 422, body
        assert await count_rows(profile, Play) == 0
        assert await song_counters(profile, song) == (0, 0)


class TestRecentlyPlayed:
    async def test_newest_first_with_full_songs(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        a, b, c = await add_songs(profile, 3)
        await play(client, alice, b, days_ago=1)
        await play(client, alice, a, days_ago=3)
        await play(client, alice, c)
        await play(client, alice, a, days_ago=2)

        response = await client.get(f"{API}/me/plays/recent", headers=alice.headers)

        assert response.status_code == 200
        body = response.json()
        assert [i["song"]["id"] for i in body["items"]] == [c, b, a, a]
        assert body["total"] == 4
        times = [i["played_at"] for i in body["items"]]
        assert times == sorted(times, reverse=True)
        assert set(body["items"][0]) == {"song", "played_at"}
        assert body["items"][0]["song"]["play_count"] == 1
        assert body["items"][2]["song"]["play_count"] == 2

    async def test_equal_times_list_the_later_recorded_first(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        first, second = await add_songs(profile, 2)
        when = ago(days=1)
        for song in (first, second):
            response = await client.post(
                f"{API}/me/plays", json={"song_id": song, "played_at": when}, headers=alice.headers
            )
            assert response.status_code == 201

        body = (await client.get(f"{API}/me/plays/recent", headers=alice.headers)).json()

        assert [i["song"]["id"] for i in body["items"]] == [second, first]

    async def test_pages_and_only_the_callers_plays(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        songs = await add_songs(profile, 3)
        for n, song in enumerate(songs):
            await play(client, alice, song, days_ago=10 - n)
        await play(client, bob, songs[0])

        body = (
            await client.get(f"{API}/me/plays/recent?limit=2&offset=1", headers=alice.headers)
        ).json()

        assert [i["song"]["id"] for i in body["items"]] == [songs[1], songs[0]]
        assert body["total"] == 3
        assert body["next"] is None
        assert body["previous"] is not None

    async def test_empty_and_bad_paging(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        empty = await client.get(f"{API}/me/plays/recent", headers=alice.headers)
        bad = await client.get(f"{API}/me/plays/recent?limit=101", headers=alice.headers)

        assert (empty.json()["items"], empty.json()["total"]) == ([], 0)
        assert bad.status_code == 422
