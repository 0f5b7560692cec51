"""``POST``, ``GET`` and ``DELETE /playlists/{id}/shuffle``: starting, inspecting, stopping."""

from __future__ import annotations

from httpx import AsyncClient
from redis.asyncio import Redis

from tests.conftest import Profile
from tests.factories.users import AuthedUser
from tests.shuffle.helpers import (
    adjacent_same_artist,
    interleaved,
    playlist_with,
    song_ids,
    songs_by_artist,
    take,
    url,
)


class TestStartSession:
    async def test_starts_a_fresh_session_with_the_options_given(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        songs = interleaved(await songs_by_artist(profile, [6, 6]))
        playlist_id = await playlist_with(client, listener, songs)

        response = await client.post(
            url(playlist_id), json={"mode": "random", "seed": 7}, headers=listener.headers
        )

        assert response.status_code == 201
        assert response.headers["location"] == url(playlist_id)
        body = response.json()
        assert {k: v for k, v in body.items() if k != "upcoming"} == {
            "mode": "random",
            "seed": 7,
            "cycle": 1,
            "played": 0,
            "remaining_in_cycle": 12,
        }
        assert len(body["upcoming"]) == 10
        played = await take(client, listener, playlist_id, 12)
        assert song_ids(played)[:10] == [song["id"] for song in body["upcoming"]]

    async def test_defaults_to_balanced_with_a_random_seed(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        songs = interleaved(await songs_by_artist(profile, [3, 3]))
        playlist_id = await playlist_with(client, listener, songs)
        seeds = set()
        bodies: tuple[dict[str, object] | None, ...] = (None, {})
        for body in bodies:
            response = await client.post(url(playlist_id), json=body, headers=listener.headers)
            assert response.status_code == 201
            assert response.json()["mode"] == "balanced"
            seeds.add(response.json()["seed"])
        assert len(seeds) == 2
        assert adjacent_same_artist(await take(client, listener, playlist_id, 6)) == 0

    async def test_replaces_a_session_in_progress(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        (songs,) = await songs_by_artist(profile, [3])
        playlist_id = await playlist_with(client, listener, songs)
        await take(client, listener, playlist_id, 5)
        response = await client.post(url(playlist_id), json={}, headers=listener.headers)
        assert (response.json()["cycle"], response.json()["played"]) == (1, 0)
        played = await take(client, listener, playlist_id, 3)
        assert [b["cycle"] for b in played] == [1, 1, 1]
        assert sorted(song_ids(played)) == songs

    async def test_rejects_bad_options(self, client: AsyncClient, listener: AuthedUser) -> None:
        playlist_id = await playlist_with(client, listener, [])
        for body in (
            {"mode": "alphabetical"},
            {"seed": -1},
            {"seed": 2**53},
            {"seed": 2**63},
            {"seed": "abc"},
            {"cycle": 3},
        ):
            response = await client.post(url(playlist_id), json=body, headers=listener.headers)
            assert response.status_code == 422, body
            assert response.json()["code"] == "validation_error"
        missing = await client.get(url(playlist_id), headers=listener.headers)
        assert missing.status_code == 404

    async def test_refuses_anonymous_callers_and_invisible_playlists(
        self, client: AsyncClient, listener: AuthedUser, stranger: AuthedUser
    ) -> None:
        playlist_id = await playlist_with(client, listener, [])
        assert (await client.post(url(playlist_id), json={})).status_code == 401
        response = await client.post(url(playlist_id), json={}, headers=stranger.headers)
        assert response.status_code == 404
        assert response.json()["code"] == "playlist_not_found"
        unknown = await client.post(url(999_999), json={}, headers=listener.headers)
        assert unknown.status_code == 404


class TestGetSession:
    async def test_counts_and_the_next_ten_songs(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        songs = interleaved(await songs_by_artist(profile, [5, 5, 5]))
        playlist_id = await playlist_with(client, listener, songs)
        await take(client, listener, playlist_id, 4)

        response = await client.get(url(playlist_id), headers=listener.headers)

        assert response.status_code == 200
        body = response.json()
        assert (body["mode"], body["cycle"], body["played"]) == ("balanced", 1, 4)
        assert body["remaining_in_cycle"] == 11
        upcoming = [song["id"] for song in body["upcoming"]]
        assert song_ids(await take(client, listener, playlist_id, 10)) == upcoming

    async def test_upcoming_runs_on_into_the_next_cycle(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        songs = interleaved(await songs_by_artist(profile, [2, 2]))
        playlist_id = await playlist_with(client, listener, songs)
        await take(client, listener, playlist_id, 2)

        body = (await client.get(url(playlist_id), headers=listener.headers)).json()

        assert (body["played"], body["remaining_in_cycle"]) == (2, 2)
        played = await take(client, listener, playlist_id, 10)
        assert [b["cycle"] for b in played] == [1, 1, 2, 2, 2, 2, 3, 3, 3, 3]
        assert [song["id"] for song in body["upcoming"]] == song_ids(played)

    async def test_without_a_session_is_404(
        self, client: AsyncClient, listener: AuthedUser
    ) -> None:
        playlist_id = await playlist_with(client, listener, [])
        response = await client.get(url(playlist_id), headers=listener.headers)
        assert response.status_code == 404
        assert response.json() == {
            "detail": "No shuffle session: start one with POST, or ask for the next track",
            "code": "shuffle_session_not_found",
        }

    async def test_refuses_anonymous_callers_and_invisible_playlists(
        self, client: AsyncClient, listener: AuthedUser, stranger: AuthedUser
    ) -> None:
        playlist_id = await playlist_with(client, listener, [])
        await client.post(url(playlist_id), json={}, headers=listener.headers)
        assert (await client.get(url(playlist_id))).status_code == 401
        response = await client.get(url(playlist_id), headers=stranger.headers)
        assert response.status_code == 404
        assert response.json()["code"] == "playlist_not_found"


class TestStopSession:
    async def test_forgets_the_session(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        (songs,) = await songs_by_artist(profile, [4])
        playlist_id = await playlist_with(client, listener, songs)
        await take(client, listener, playlist_id, 2)

        response = await client.delete(url(playlist_id), headers=listener.headers)

        assert response.status_code == 204
        assert (await client.get(url(playlist_id), headers=listener.headers)).status_code == 404
        redis: Redis | None = profile.shared.redis
        if redis is not None:
            pattern = f"{profile.settings.redis_key_prefix}:shuffle:*"
            assert [key async for key in redis.scan_iter(match=pattern)] == []
        again = await client.delete(url(playlist_id), headers=listener.headers)
        assert again.status_code == 204
        restarted = await take(client, listener, playlist_id, 1)
        assert (restarted[0]["cycle"], restarted[0]["remaining_in_cycle"]) == (1, 3)

    async def test_refuses_anonymous_callers_and_invisible_playlists(
        self, client: AsyncClient, listener: AuthedUser, stranger: AuthedUser
    ) -> None:
        playlist_id = await playlist_with(client, listener, [])
        await client.post(url(playlist_id), json={}, headers=listener.headers)
        assert (await client.delete(url(playlist_id))).status_code == 401
        response = await client.delete(url(playlist_id), headers=stranger.headers)
        assert response.status_code == 404
        assert response.json()["code"] == "playlist_not_found"
        assert (await client.get(url(playlist_id), headers=listener.headers)).status_code == 200
