"""DELETE /playlists/{id}/tracks: by positions, or every occurrence of songs."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories.playlists import add_tracks, create_playlist, delete_with_body, track_song_ids
from tests.factories.users import AuthedUser


def url(playlist: dict[str, Any]) -> str:
    return f"/api/v1/playlists/{playlist['id']}/tracks"


async def details(client: AsyncClient, user: AuthedUser, playlist: dict[str, Any]) -> Any:
    return (await client.get(f"/api/v1/playlists/{playlist['id']}", headers=user.headers)).json()


@pytest.fixture
async def mixed(client: AsyncClient, owner: AuthedUser, songs: list[int]) -> dict[str, Any]:
    """songs[0], songs[1], songs[0], songs[2], songs[0] (durations 1000, 2000, 1000, 3000, 1000)."""
    playlist = await create_playlist(client, owner)
    order = [songs[0], songs[1], songs[0], songs[2], songs[0]]
    playlist["snapshot_id"] = await add_tracks(client, owner, playlist["id"], order)
    playlist["order"] = order
    return playlist


class TestRemoveByPosition:
    async def test_removes_exactly_those_positions(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], mixed: dict[str, Any]
    ) -> None:
        response = await delete_with_body(client, url(mixed), {"positions": [3, 0]}, owner)
        assert response.status_code == 200
        assert response.json()["snapshot_id"] != mixed["snapshot_id"]
        assert await track_song_ids(client, owner, mixed["id"]) == [songs[1], songs[0], songs[0]]
        body = await details(client, owner, mixed)
        assert (body["track_count"], body["total_duration_ms"]) == (3, 4000)

    async def test_repeated_positions_remove_once(
        self, client: AsyncClient, owner: AuthedUser, mixed: dict[str, Any]
    ) -> None:
        await delete_with_body(client, url(mixed), {"positions": [1, 1]}, owner)
        assert (await details(client, owner, mixed))["track_count"] == 4

    async def test_removing_the_last_entry_leaves_an_empty_playlist(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], [songs[4]])
        response = await delete_with_body(client, url(playlist), {"positions": [0]}, owner)
        assert response.status_code == 200
        body = await details(client, owner, playlist)
        assert (body["track_count"], body["total_duration_ms"]) == (0, 0)
        assert body["tracks"]["items"] == []

    async def test_positions_stay_contiguous_after_removal(
        self, client: AsyncClient, owner: AuthedUser, mixed: dict[str, Any]
    ) -> None:
        await delete_with_body(client, url(mixed), {"positions": [1, 3]}, owner)
        page = (await client.get(url(mixed), headers=owner.headers)).json()
        assert [t["position"] for t in page["items"]] == [0, 1, 2]
        assert page["total"] == 3

    async def test_position_outside_is_422_and_removes_nothing(
        self, client: AsyncClient, owner: AuthedUser, mixed: dict[str, Any]
    ) -> None:
        response = await delete_with_body(client, url(mixed), {"positions": [0, 5]}, owner)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "positions"]
        assert await track_song_ids(client, owner, mixed["id"]) == mixed["order"]
        assert (await details(client, owner, mixed))["snapshot_id"] == mixed["snapshot_id"]


class TestRemoveBySong:
    async def test_removes_every_occurrence(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], mixed: dict[str, Any]
    ) -> None:
        response = await delete_with_body(client, url(mixed), {"song_ids": [songs[0]]}, owner)
        assert response.status_code == 200
        assert await track_song_ids(client, owner, mixed["id"]) == [songs[1], songs[2]]
        body = await details(client, owner, mixed)
        assert (body["track_count"], body["total_duration_ms"]) == (2, 5000)
        assert body["snapshot_id"] == response.json()["snapshot_id"] != mixed["snapshot_id"]

    async def test_songs_not_in_the_playlist_change_nothing(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], mixed: dict[str, Any]
    ) -> None:
        response = await delete_with_body(client, url(mixed), {"song_ids": [songs[7]]}, owner)
        assert response.status_code == 200
        assert response.json()["snapshot_id"] == mixed["snapshot_id"]
        assert await track_song_ids(client, owner, mixed["id"]) == mixed["order"]


class TestRemoveRefused:
    async def test_stale_snapshot_is_409_and_removes_nothing(
        self, client: AsyncClient, owner: AuthedUser, mixed: dict[str, Any]
    ) -> None:
        response = await delete_with_body(
            client, url(mixed), {"positions": [0], "snapshot_id": "stale"}, owner
        )
        assert response.status_code == 409
        assert response.json()["code"] == "snapshot_mismatch"
        assert await track_song_ids(client, owner, mixed["id"]) == mixed["order"]

    async def test_current_snapshot_is_accepted(
        self, client: AsyncClient, owner: AuthedUser, mixed: dict[str, Any]
    ) -> None:
        response = await delete_with_body(
            client, url(mixed), {"positions": [0], "snapshot_id": mixed["snapshot_id"]}, owner
        )
        assert response.status_code == 200

    @pytest.mark.parametrize(
        "payload",
        [
            {},
            {"snapshot_id": "x"},
            {"positions": [0], "song_ids": [1]},
            {"positions": []},
            {"song_ids": []},
            {"positions": [-1]},
            {"positions": list(range(101))},
            {"positions": [0], "range_start": 0},
        ],
    )
    async def test_invalid_body_is_422(
        self, client: AsyncClient, owner: AuthedUser, mixed: dict[str, Any], payload: dict[str, Any]
    ) -> None:
        response = await delete_with_body(client, url(mixed), payload, owner)
        assert response.status_code == 422
        assert await track_song_ids(client, owner, mixed["id"]) == mixed["order"]
