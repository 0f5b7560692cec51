"""PATCH /playlists/{id}/tracks: Spotify's reorder, positions as before the move."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories.playlists import add_tracks, create_playlist, track_song_ids
from tests.factories.users import AuthedUser


def url(playlist: dict[str, Any]) -> str:
    return f"/api/v1/playlists/{playlist['id']}/tracks"


def spotify_reorder(items: list[int], start: int, before: int, length: int) -> list[int]:
    """The reference: take the block out, put it before what was at ``before``."""
    block = items[start : start + length]
    rest = items[:start] + items[start + length :]
    at = before if before < start else before - length
    return rest[:at] + block + rest[at:]


@pytest.fixture
async def ten(client: AsyncClient, owner: AuthedUser, songs: list[int]) -> dict[str, Any]:
    """A playlist holding the ten songs in order."""
    playlist = await create_playlist(client, owner)
    playlist["snapshot_id"] = await add_tracks(client, owner, playlist["id"], songs)
    return playlist


class TestReorder:
    @pytest.mark.parametrize(
        ("start", "before", "length"),
        [
            (0, 10, 1),  # first to last (Spotify's own example)
            (9, 0, 1),  # last to first (Spotify's own example)
            (8, 0, 2),  # the last two to the top
            (0, 10, 3),  # a block to the end
            (2, 7, 3),  # forwards in the middle
            (6, 1, 4),  # backwards in the middle
            (0, 10, 9),  # all but the last to the end
            (1, 0, 9),  # all but the first to the top
        ],
    )
    async def test_moves_the_block_like_spotify(
        self,
        client: AsyncClient,
        owner: AuthedUser,
        songs: list[int],
        ten: dict[str, Any],
        start: int,
        before: int,
        length: int,
    ) -> None:
        response = await client.patch(
            url(ten),
            json={"range_start": start, "insert_before": before, "range_length": length},
            headers=owner.headers,
        )
        assert response.status_code == 200
        assert response.json()["snapshot_id"] != ten["snapshot_id"]
        expected = spotify_reorder(songs, start, before, length)
        assert await track_song_ids(client, owner, ten["id"]) == expected

    async def test_range_length_defaults_to_one(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], ten: dict[str, Any]
    ) -> None:
        response = await client.patch(
            url(ten), json={"range_start": 3, "insert_before": 0}, headers=owner.headers
        )
        assert response.status_code == 200
        assert await track_song_ids(client, owner, ten["id"]) == spotify_reorder(songs, 3, 0, 1)

    @pytest.mark.parametrize(
        ("start", "before", "length"), [(3, 3, 1), (3, 4, 1), (2, 5, 3), (0, 10, 10), (4, 6, 2)]
    )
    async def test_insert_before_inside_the_range_changes_nothing(
        self,
        client: AsyncClient,
        owner: AuthedUser,
        songs: list[int],
        ten: dict[str, Any],
        start: int,
        before: int,
        length: int,
    ) -> None:
        response = await client.patch(
            url(ten),
            json={"range_start": start, "insert_before": before, "range_length": length},
            headers=owner.headers,
        )
        assert response.status_code == 200
        assert response.json()["snapshot_id"] == ten["snapshot_id"]
        assert await track_song_ids(client, owner, ten["id"]) == songs

    async def test_matching_snapshot_is_accepted_and_renewed(
        self, client: AsyncClient, owner: AuthedUser, ten: dict[str, Any]
    ) -> None:
        body = {"range_start": 0, "insert_before": 5, "snapshot_id": ten["snapshot_id"]}
        first = await client.patch(url(ten), json=body, headers=owner.headers)
        assert first.status_code == 200
        stale = await client.patch(url(ten), json=body, headers=owner.headers)
        assert stale.status_code == 409
        assert stale.json()["code"] == "snapshot_mismatch"

    async def test_totals_do_not_change(
        self, client: AsyncClient, owner: AuthedUser, ten: dict[str, Any]
    ) -> None:
        await client.patch(
            url(ten), json={"range_start": 0, "insert_before": 10}, headers=owner.headers
        )
        body = (await client.get(f"/api/v1/playlists/{ten['id']}", headers=owner.headers)).json()
        assert (body["track_count"], body["total_duration_ms"]) == (10, 55000)


class TestReorderRefused:
    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({"range_start": 10, "insert_before": 0}, "range_start"),
            ({"range_start": 8, "insert_before": 0, "range_length": 3}, "range_length"),
            ({"range_start": 0, "insert_before": 11}, "insert_before"),
        ],
    )
    async def test_range_outside_the_playlist_is_422(
        self,
        client: AsyncClient,
        owner: AuthedUser,
        songs: list[int],
        ten: dict[str, Any],
        payload: dict[str, int],
        field: str,
    ) -> None:
        response = await client.patch(url(ten), json=payload, headers=owner.headers)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", field]
        assert await track_song_ids(client, owner, ten["id"]) == songs

    async def test_stale_snapshot_is_409_and_moves_nothing(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], ten: dict[str, Any]
    ) -> None:
        response = await client.patch(
            url(ten),
            json={"range_start": 0, "insert_before": 10, "snapshot_id": "not-the-current-one"},
            headers=owner.headers,
        )
        assert response.status_code == 409
        assert response.json()["code"] == "snapshot_mismatch"
        assert await track_song_ids(client, owner, ten["id"]) == songs

    async def test_empty_playlist_has_no_range(
        self, client: AsyncClient, owner: AuthedUser
    ) -> None:
        playlist = await create_playlist(client, owner)
        response = await client.patch(
            url(playlist), json={"range_start": 0, "insert_before": 0}, headers=owner.headers
        )
        assert response.status_code == 422

    @pytest.mark.parametrize(
        "payload",
        [
            {"insert_before": 0},
            {"range_start": 0},
            {"range_start": -1, "insert_before": 0},
            {"range_start": 0, "insert_before": 1, "range_length": 0},
            {"range_start": 0, "insert_before": 1, "positions": [1]},
        ],
    )
    async def test_invalid_body_is_422(
        self, client: AsyncClient, owner: AuthedUser, ten: dict[str, Any], payload: dict[str, Any]
    ) -> None:
        response = await client.patch(url(ten), json=payload, headers=owner.headers)
        assert response.status_code == 422
