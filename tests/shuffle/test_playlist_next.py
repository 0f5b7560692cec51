"""``GET /playlists/{id}/shuffle/next``: cycles, balance, visibility, concurrency."""

from __future__ import annotations

import asyncio
from collections import Counter

from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.users import AuthedUser
from tests.shuffle.helpers import (
    adjacent_same_artist,
    interleaved,
    next_response,
    playlist_with,
    song_ids,
    songs_by_artist,
    take,
    url,
)


class TestNextTrack:
    async def test_plays_every_entry_once_per_cycle_with_artists_apart(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        groups = await songs_by_artist(profile, [4, 4, 3, 3])
        songs = interleaved(groups)
        playlist_id = await playlist_with(client, listener, songs)

        cycle = await take(client, listener, playlist_id, len(songs))

        assert sorted(song_ids(cycle)) == sorted(songs)
        assert sorted(body["position"] for body in cycle) == list(range(len(songs)))
        for body in cycle:
            assert songs[body["position"]] == body["song"]["id"]
            assert set(body["song"]) >= {"title", "duration_ms", "album", "artists", "genres"}
        assert [body["cycle"] for body in cycle] == [1] * len(songs)
        assert [body["remaining_in_cycle"] for body in cycle] == list(range(len(songs)))[::-1]
        assert adjacent_same_artist(cycle) == 0

    async def test_the_next_cycle_starts_with_another_track(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        (songs,) = await songs_by_artist(profile, [3])
        playlist_id = await playlist_with(client, listener, songs)

        played = await take(client, listener, playlist_id, 9)

        assert [body["cycle"] for body in played] == [1, 1, 1, 2, 2, 2, 3, 3, 3]
        for start in (0, 3, 6):
            assert sorted(song_ids(played[start : start + 3])) == songs
        ids = song_ids(played)
        assert ids[3] != ids[2]
        assert ids[6] != ids[5]

    async def test_a_single_track_repeats_cycle_after_cycle(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        (songs,) = await songs_by_artist(profile, [1])
        playlist_id = await playlist_with(client, listener, songs)
        played = await take(client, listener, playlist_id, 3)
        assert [(b["song"]["id"], b["cycle"], b["remaining_in_cycle"]) for b in played] == [
            (songs[0], 1, 0),
            (songs[0], 2, 0),
            (songs[0], 3, 0),
        ]

    async def test_duplicate_songs_are_separate_entries(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        (songs,) = await songs_by_artist(profile, [2])
        playlist_id = await playlist_with(client, listener, [*songs, *songs])
        cycle = await take(client, listener, playlist_id, 4)
        assert sorted(body["position"] for body in cycle) == [0, 1, 2, 3]
        assert Counter(song_ids(cycle)) == Counter({songs[0]: 2, songs[1]: 2})
        assert {body["cycle"] for body in cycle} == {1}

    async def test_an_empty_playlist_is_204_and_starts_a_session(
        self, client: AsyncClient, listener: AuthedUser
    ) -> None:
        playlist_id = await playlist_with(client, listener, [])
        response = await next_response(client, listener, playlist_id)
        assert response.status_code == 204
        assert response.content == b""
        session = await client.get(url(playlist_id), headers=listener.headers)
        assert session.status_code == 200
        assert session.json() | {"seed": 0} == {
            "mode": "balanced",
            "seed": 0,
            "cycle": 1,
            "played": 0,
            "remaining_in_cycle": 0,
            "upcoming": [],
        }

    async def test_same_seed_gives_every_user_the_same_order(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser, stranger: AuthedUser
    ) -> None:
        songs = interleaved(await songs_by_artist(profile, [3, 3, 2, 2, 2]))
        playlist_id = await playlist_with(client, listener, songs, is_public=True)
        orders = []
        for user in (listener, stranger):
            started = await client.post(url(playlist_id), json={"seed": 42}, headers=user.headers)
            assert started.status_code == 201
            orders.append([b["position"] for b in await take(client, user, playlist_id, 24)])
        assert orders[0] == orders[1]
        other = await client.post(url(playlist_id), json={"seed": 43}, headers=listener.headers)
        assert other.status_code == 201
        assert [b["position"] for b in await take(client, listener, playlist_id, 12)] != orders[0][
            :12
        ]

    async def test_each_user_and_playlist_has_its_own_session(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser, stranger: AuthedUser
    ) -> None:
        (songs,) = await songs_by_artist(profile, [4])
        first = await playlist_with(client, listener, songs, is_public=True)
        second = await playlist_with(client, listener, songs)
        await take(client, listener, first, 3)
        assert (await take(client, stranger, first, 1))[0]["remaining_in_cycle"] == 3
        assert (await take(client, listener, second, 1))[0]["remaining_in_cycle"] == 3
        assert (await take(client, listener, first, 1))[0]["remaining_in_cycle"] == 0


class TestNextTrackRefusals:
    async def test_requires_a_bearer_token(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        playlist_id = await playlist_with(client, listener, [], is_public=True)
        response = await client.get(url(playlist_id, "/next"))
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        bad = await client.get(url(playlist_id, "/next"), headers={"Authorization": "Bearer x"})
        assert bad.status_code == 401

    async def test_unknown_playlist_is_404(self, client: AsyncClient, listener: AuthedUser) -> None:
        response = await next_response(client, listener, 999_999)
        assert response.status_code == 404
        assert response.json()["code"] == "playlist_not_found"

    async def test_a_private_playlist_of_someone_else_is_404_and_starts_nothing(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser, stranger: AuthedUser
    ) -> None:
        (songs,) = await songs_by_artist(profile, [2])
        playlist_id = await playlist_with(client, listener, songs)
        response = await next_response(client, stranger, playlist_id)
        assert response.status_code == 404
        assert response.json()["code"] == "playlist_not_found"
        await client.patch(
            f"/api/v1/playlists/{playlist_id}", json={"is_public": True}, headers=listener.headers
        )
        session = await client.get(url(playlist_id), headers=stranger.headers)
        assert session.status_code == 404
        assert session.json()["code"] == "shuffle_session_not_found"


class TestConcurrentNext:
    async def test_fifty_concurrent_calls_return_fifty_distinct_entries(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        songs = interleaved(await songs_by_artist(profile, [15, 15, 15, 15]))
        playlist_id = await playlist_with(client, listener, songs)

        responses = await asyncio.gather(
            *(next_response(client, listener, playlist_id) for _ in range(50))
        )

        assert [r.status_code for r in responses] == [200] * 50
        positions = [r.json()["position"] for r in responses]
        assert len(set(positions)) == 50
        assert sorted(r.json()["remaining_in_cycle"] for r in responses) == list(range(10, 60))
        rest = await take(client, listener, playlist_id, 10)
        assert sorted(positions + [b["position"] for b in rest]) == list(range(60))
        assert {b["cycle"] for b in rest} == {1}
