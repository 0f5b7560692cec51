"""POST /playlists/{id}/tracks: append or insert, exact totals, a new snapshot each time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from fastfm.playlists.models import PlaylistEntry
from tests.conftest import Profile
from tests.factories.playlists import (
    add_tracks,
    create_playlist,
    quick_user,
    track_song_ids,
    tracks,
    user_ref,
)
from tests.factories.users import AuthedUser


def url(playlist: dict[str, Any]) -> str:
    return f"/api/v1/playlists/{playlist['id']}/tracks"


async def details(client: AsyncClient, user: AuthedUser, playlist: dict[str, Any]) -> Any:
    return (await client.get(f"/api/v1/playlists/{playlist['id']}", headers=user.headers)).json()


class TestAddTracks:
    async def test_appends_in_the_order_given(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner)
        response = await client.post(
            url(playlist), json={"song_ids": songs[:3]}, headers=owner.headers
        )
        assert response.status_code == 201
        assert set(response.json()) == {"snapshot_id"}
        await add_tracks(client, owner, playlist["id"], songs[3:5])
        assert await track_song_ids(client, owner, playlist["id"]) == songs[:5]

    @pytest.mark.parametrize(
        ("position", "expected"), [(0, [5, 6, 0, 1, 2]), (1, [0, 5, 6, 1, 2]), (3, [0, 1, 2, 5, 6])]
    )
    async def test_inserts_before_position(
        self,
        client: AsyncClient,
        owner: AuthedUser,
        songs: list[int],
        position: int,
        expected: list[int],
    ) -> None:
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], songs[:3])
        await add_tracks(client, owner, playlist["id"], songs[5:7], position=position)
        assert await track_song_ids(client, owner, playlist["id"]) == [songs[i] for i in expected]

    async def test_duplicates_are_separate_entries(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], [songs[0], songs[0]])
        await add_tracks(client, owner, playlist["id"], [songs[0]])
        assert await track_song_ids(client, owner, playlist["id"]) == [songs[0]] * 3
        body = await details(client, owner, playlist)
        assert (body["track_count"], body["total_duration_ms"]) == (3, 3000)

    async def test_totals_and_snapshot_follow_every_add(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner)
        first = await add_tracks(client, owner, playlist["id"], [songs[1]])
        second = await add_tracks(client, owner, playlist["id"], [songs[2], songs[9]], position=0)
        assert len({playlist["snapshot_id"], first, second}) == 3
        body = await details(client, owner, playlist)
        assert body["snapshot_id"] == second
        assert (body["track_count"], body["total_duration_ms"]) == (3, 2000 + 3000 + 10000)

    async def test_records_who_added_each_entry_and_when(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], profile: Profile
    ) -> None:
        carl = await quick_user(profile, "carl")
        playlist = await create_playlist(client, owner)
        await client.put(
            f"/api/v1/playlists/{playlist['id']}/collaborators/{carl.id}", headers=owner.headers
        )
        await add_tracks(client, owner, playlist["id"], [songs[0]])
        await add_tracks(client, carl, playlist["id"], [songs[1]])
        found = await tracks(client, owner, playlist["id"])
        assert [t["added_by"] for t in found] == [user_ref(owner), user_ref(carl)]
        added = [datetime.fromisoformat(t["added_at"]) for t in found]
        assert added[0] <= added[1]
        assert all(a.utcoffset() is not None for a in added)

    async def test_a_full_hundred_at_once(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner)
        many = [songs[i % 10] for i in range(100)]
        await add_tracks(client, owner, playlist["id"], many)
        assert await track_song_ids(client, owner, playlist["id"]) == many


class TestAddTracksRefused:
    async def test_unknown_song_is_422_and_adds_nothing(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], profile: Profile
    ) -> None:
        playlist = await create_playlist(client, owner)
        before = await add_tracks(client, owner, playlist["id"], [songs[0]])
        response = await client.post(
            url(playlist), json={"song_ids": [songs[1], 999_999]}, headers=owner.headers
        )
        assert response.status_code == 422
        error = response.json()["detail"][0]
        assert error["loc"] == ["body", "song_ids"]
        assert "999999" in error["msg"]
        assert await track_song_ids(client, owner, playlist["id"]) == [songs[0]]
        body = await details(client, owner, playlist)
        assert (body["snapshot_id"], body["track_count"]) == (before, 1)
        async with profile.session() as session:
            assert len(list(await session.scalars(select(PlaylistEntry.id)))) == 1

    async def test_position_past_the_end_is_422(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], songs[:2])
        response = await client.post(
            url(playlist), json={"song_ids": [songs[3]], "position": 3}, headers=owner.headers
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "position"]
        assert await track_song_ids(client, owner, playlist["id"]) == songs[:2]

    async def test_position_equal_to_length_appends(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], songs[:2])
        await add_tracks(client, owner, playlist["id"], [songs[5]], position=2)
        assert await track_song_ids(client, owner, playlist["id"]) == [*songs[:2], songs[5]]

    @pytest.mark.parametrize(
        "payload",
        [
            {},
            {"song_ids": []},
            {"song_ids": list(range(1, 102))},
            {"song_ids": [1], "position": -1},
            {"song_ids": [0]},
            {"song_ids": ["one"]},
            {"song_ids": [1], "snapshot_id": "abc"},
        ],
    )
    async def test_invalid_body_is_422(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], payload: dict[str, Any]
    ) -> None:
        playlist = await create_playlist(client, owner)
        response = await client.post(url(playlist), json=payload, headers=owner.headers)
        assert response.status_code == 422
        assert await track_song_ids(client, owner, playlist["id"]) == []

    async def test_unknown_playlist_is_404(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        response = await client.post(
            "/api/v1/playlists/404/tracks", json={"song_ids": [songs[0]]}, headers=owner.headers
        )
        assert response.status_code == 404
        assert response.json()["code"] == "playlist_not_found"
