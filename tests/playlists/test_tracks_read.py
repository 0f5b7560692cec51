"""GET /playlists/{id}/tracks: pages of full songs in position order."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.factories.playlists import add_tracks, create_playlist
from tests.factories.users import AuthedUser

SONG_FIELDS = {
    "id",
    "title",
    "duration_ms",
    "explicit",
    "isrc",
    "album",
    "disc_number",
    "track_number",
    "release_date",
    "artists",
    "genres",
    "credits",
    "like_count",
    "play_count",
    "created_at",
    "updated_at",
}


@pytest.fixture
async def public(client: AsyncClient, owner: AuthedUser, songs: list[int]) -> dict[str, Any]:
    playlist = await create_playlist(client, owner, is_public=True)
    await add_tracks(client, owner, playlist["id"], songs + songs[:5])
    return playlist


class TestReadTracks:
    async def test_pages_carry_positions_full_songs_and_links(
        self, client: AsyncClient, songs: list[int], public: dict[str, Any]
    ) -> None:
        response = await client.get(
            f"/api/v1/playlists/{public['id']}/tracks", params={"limit": 4, "offset": 8}
        )
        assert response.status_code == 200
        page = response.json()
        assert (page["total"], page["limit"], page["offset"]) == (15, 4, 8)
        assert [t["position"] for t in page["items"]] == [8, 9, 10, 11]
        assert [t["song"]["id"] for t in page["items"]] == [songs[8], songs[9], songs[0], songs[1]]
        track = page["items"][0]
        assert set(track) == {"position", "song", "added_by", "added_at"}
        assert set(track["song"]) == SONG_FIELDS
        assert track["song"]["artists"] == [
            {"id": track["song"]["artists"][0]["id"], "name": "Test Artist"}
        ]
        assert "offset=12" in page["next"]
        assert "offset=4" in page["previous"]

    async def test_default_page_is_twenty(
        self, client: AsyncClient, public: dict[str, Any]
    ) -> None:
        page = (await client.get(f"/api/v1/playlists/{public['id']}/tracks")).json()
        assert (page["limit"], len(page["items"]), page["next"]) == (20, 15, None)

    async def test_past_the_end_is_an_empty_page(
        self, client: AsyncClient, public: dict[str, Any]
    ) -> None:
        page = (
            await client.get(f"/api/v1/playlists/{public['id']}/tracks", params={"offset": 50})
        ).json()
        assert (page["items"], page["total"]) == ([], 15)

    @pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}])
    async def test_bad_page_is_422(
        self, client: AsyncClient, public: dict[str, Any], params: dict[str, int]
    ) -> None:
        response = await client.get(f"/api/v1/playlists/{public['id']}/tracks", params=params)
        assert response.status_code == 422

    async def test_private_playlist_is_404_to_anonymous(
        self, client: AsyncClient, owner: AuthedUser
    ) -> None:
        playlist = await create_playlist(client, owner)
        response = await client.get(f"/api/v1/playlists/{playlist['id']}/tracks")
        assert response.status_code == 404
        assert response.json()["code"] == "playlist_not_found"
