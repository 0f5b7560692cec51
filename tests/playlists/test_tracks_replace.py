"""PUT /playlists/{id}/tracks: replace every track at once."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.playlists import add_tracks, create_playlist, make_songs, track_song_ids
from tests.factories.users import AuthedUser


def url(playlist: dict[str, Any]) -> str:
    return f"/api/v1/playlists/{playlist['id']}/tracks"


async def details(client: AsyncClient, user: AuthedUser, playlist: dict[str, Any]) -> Any:
    return (await client.get(f"/api/v1/playlists/{playlist['id']}", headers=user.headers)).json()


class TestReplaceTracks:
    async def test_replaces_all_tracks_in_order(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner)
        before = await add_tracks(client, owner, playlist["id"], songs[:5])
        wanted = [songs[9], songs[0], songs[9]]
        response = await client.put(url(playlist), json={"song_ids": wanted}, headers=owner.headers)
        assert response.status_code == 200
        snapshot = response.json()["snapshot_id"]
        assert snapshot != before
        assert await track_song_ids(client, owner, playlist["id"]) == wanted
        body = await details(client, owner, playlist)
        assert (body["track_count"], body["total_duration_ms"], body["snapshot_id"]) == (
            3,
            10000 + 1000 + 10000,
            snapshot,
        )

    async def test_an_empty_list_empties_the_playlist(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], songs)
        response = await client.put(url(playlist), json={"song_ids": []}, headers=owner.headers)
        assert response.status_code == 200
        body = await details(client, owner, playlist)
        assert (body["track_count"], body["total_duration_ms"]) == (0, 0)
        assert body["tracks"]["items"] == []

    async def test_ten_thousand_tracks(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        many = await make_songs(profile, 100, durations=[1] * 100)
        wanted = [many[i % 100] for i in range(10_000)]
        playlist = await create_playlist(client, owner)
        response = await client.put(url(playlist), json={"song_ids": wanted}, headers=owner.headers)
        assert response.status_code == 200
        body = await details(client, owner, playlist)
        assert (body["track_count"], body["total_duration_ms"]) == (10_000, 10_000)
        last = await client.get(
            url(playlist), params={"offset": 9_990, "limit": 20}, headers=owner.headers
        )
        assert [t["song"]["id"] for t in last.json()["items"]] == wanted[9_990:]
        assert [t["position"] for t in last.json()["items"]] == list(range(9_990, 10_000))


class TestReplaceTracksRefused:
    async def test_unknown_song_is_422_and_changes_nothing(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner)
        before = await add_tracks(client, owner, playlist["id"], songs[:2])
        response = await client.put(
            url(playlist), json={"song_ids": [songs[3], 777_777]}, headers=owner.headers
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "song_ids"]
        assert await track_song_ids(client, owner, playlist["id"]) == songs[:2]
        assert (await details(client, owner, playlist))["snapshot_id"] == before

    @pytest.mark.parametrize(
        "payload",
        [
            {},
            {"song_ids": [1] * 10_001},
            {"song_ids": [1], "position": 0},
            {"song_ids": [1], "snapshot_id": "x"},
        ],
    )
    async def test_invalid_body_is_422(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], payload: dict[str, Any]
    ) -> None:
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], songs[:2])
        response = await client.put(url(playlist), json=payload, headers=owner.headers)
        assert response.status_code == 422
        assert await track_song_ids(client, owner, playlist["id"]) == songs[:2]
