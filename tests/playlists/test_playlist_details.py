"""Create, read, change and delete playlists."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from fastfm.playlists.models import Playlist, PlaylistCollaborator, PlaylistEntry, PlaylistFollower
from tests.conftest import Profile
from tests.factories.playlists import add_tracks, create_playlist, quick_user, user_ref
from tests.factories.users import AuthedUser

PLAYLIST_FIELDS = {
    "id",
    "name",
    "description",
    "is_public",
    "owner",
    "collaborators",
    "track_count",
    "total_duration_ms",
    "follower_count",
    "snapshot_id",
    "created_at",
    "updated_at",
}


async def count(profile: Profile, model: type[Any], **where: Any) -> int:
    async with profile.session() as session:
        query = select(func.count()).select_from(model).filter_by(**where)
        return int(await session.scalar(query) or 0)


class TestCreatePlaylist:
    async def test_creates_an_empty_private_playlist(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        response = await client.post(
            "/api/v1/playlists", json={"name": "  Late night  "}, headers=owner.headers
        )
        assert response.status_code == 201
        body = response.json()
        assert set(body) == PLAYLIST_FIELDS
        assert response.headers["location"] == f"/api/v1/playlists/{body['id']}"
        assert body["name"] == "Late night"
        assert body["description"] is None
        assert body["is_public"] is False
        assert body["owner"] == user_ref(owner)
        assert body["collaborators"] == []
        assert (body["track_count"], body["total_duration_ms"], body["follower_count"]) == (0, 0, 0)
        assert body["snapshot_id"]
        assert body["created_at"].endswith(("Z", "+00:00"))
        assert await count(profile, Playlist, owner_id=owner.id) == 1

    async def test_accepts_description_and_visibility(
        self, client: AsyncClient, owner: AuthedUser
    ) -> None:
        body = await create_playlist(client, owner, description="Slow", is_public=True)
        assert (body["description"], body["is_public"]) == ("Slow", True)

    @pytest.mark.parametrize(
        "payload",
        [
            {},
            {"name": ""},
            {"name": "   "},
            {"name": "x" * 201},
            {"name": "Mix", "description": "x" * 2001},
            {"name": "Mix", "owner_id": 2},
            {"name": "Mix", "track_count": 5},
            {"name": "Mix", "is_public": "perhaps"},
        ],
    )
    async def test_invalid_bodies_are_422_and_create_nothing(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile, payload: dict[str, Any]
    ) -> None:
        response = await client.post("/api/v1/playlists", json=payload, headers=owner.headers)
        assert response.status_code == 422
        assert await count(profile, Playlist) == 0

    async def test_needs_a_token(self, client: AsyncClient, profile: Profile) -> None:
        response = await client.post("/api/v1/playlists", json={"name": "Mix"})
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert await count(profile, Playlist) == 0


class TestGetPlaylist:
    async def test_body_embeds_the_first_hundred_tracks(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner, is_public=True)
        for _ in range(11):
            await add_tracks(client, owner, playlist["id"], songs)
        response = await client.get(f"/api/v1/playlists/{playlist['id']}")
        assert response.status_code == 200
        body = response.json()
        assert set(body) == PLAYLIST_FIELDS | {"tracks"}
        assert body["track_count"] == 110
        assert body["total_duration_ms"] == 11 * sum(range(1000, 11000, 1000))
        tracks = body["tracks"]
        assert (tracks["total"], tracks["limit"], tracks["offset"]) == (110, 100, 0)
        assert [t["position"] for t in tracks["items"]] == list(range(100))
        assert tracks["next"].startswith(
            f"http://testserver/api/v1/playlists/{playlist['id']}/tracks?"
        )
        assert "offset=100" in tracks["next"]
        assert tracks["previous"] is None

    async def test_unknown_playlist_is_404(self, client: AsyncClient, owner: AuthedUser) -> None:
        response = await client.get("/api/v1/playlists/999", headers=owner.headers)
        assert response.status_code == 404
        assert response.json()["code"] == "playlist_not_found"

    async def test_a_bad_token_is_401_even_on_a_public_playlist(
        self, client: AsyncClient, owner: AuthedUser
    ) -> None:
        playlist = await create_playlist(client, owner, is_public=True)
        response = await client.get(
            f"/api/v1/playlists/{playlist['id']}", headers={"Authorization": "Bearer nope"}
        )
        assert response.status_code == 401


class TestReplaceDetails:
    async def test_put_replaces_every_detail(self, client: AsyncClient, owner: AuthedUser) -> None:
        playlist = await create_playlist(client, owner, description="old")
        response = await client.put(
            f"/api/v1/playlists/{playlist['id']}",
            json={"name": "New", "description": None, "is_public": True},
            headers=owner.headers,
        )
        assert response.status_code == 200
        body = response.json()
        assert (body["name"], body["description"], body["is_public"]) == ("New", None, True)
        assert body["snapshot_id"] == playlist["snapshot_id"]
        again = await client.get(f"/api/v1/playlists/{playlist['id']}")
        assert again.json()["name"] == "New"

    @pytest.mark.parametrize(
        "payload",
        [
            {"name": "New"},
            {"name": "New", "description": None},
            {"name": "", "description": None, "is_public": False},
            {"name": None, "description": None, "is_public": False},
            {"name": "New", "description": None, "is_public": False, "follower_count": 9},
        ],
    )
    async def test_incomplete_or_invalid_put_is_422(
        self, client: AsyncClient, owner: AuthedUser, payload: dict[str, Any]
    ) -> None:
        playlist = await create_playlist(client, owner)
        response = await client.put(
            f"/api/v1/playlists/{playlist['id']}", json=payload, headers=owner.headers
        )
        assert response.status_code == 422
        after = await client.get(f"/api/v1/playlists/{playlist['id']}", headers=owner.headers)
        assert after.json()["name"] == "Mix"


class TestUpdateDetails:
    async def test_patch_changes_only_what_is_sent(
        self, client: AsyncClient, owner: AuthedUser
    ) -> None:
        playlist = await create_playlist(client, owner, description="keep me")
        response = await client.patch(
            f"/api/v1/playlists/{playlist['id']}", json={"name": "Renamed"}, headers=owner.headers
        )
        assert response.status_code == 200
        body = response.json()
        assert (body["name"], body["description"], body["is_public"]) == (
            "Renamed",
            "keep me",
            False,
        )

    async def test_description_null_clears_it(self, client: AsyncClient, owner: AuthedUser) -> None:
        playlist = await create_playlist(client, owner, description="gone soon")
        response = await client.patch(
            f"/api/v1/playlists/{playlist['id']}",
            json={"description": None},
            headers=owner.headers,
        )
        assert response.json()["description"] is None

    @pytest.mark.parametrize(
        "payload", [{"name": None}, {"is_public": None}, {"name": " "}, {"snapshot_id": "x"}]
    )
    async def test_invalid_patch_is_422(
        self, client: AsyncClient, owner: AuthedUser, payload: dict[str, Any]
    ) -> None:
        playlist = await create_playlist(client, owner)
        response = await client.patch(
            f"/api/v1/playlists/{playlist['id']}", json=payload, headers=owner.headers
        )
        assert response.status_code == 422

    async def test_collaborator_may_rename_but_not_change_visibility(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        carl = await quick_user(profile, "carl")
        playlist = await create_playlist(client, owner)
        url = f"/api/v1/playlists/{playlist['id']}"
        await client.put(f"{url}/collaborators/{carl.id}", headers=owner.headers)
        renamed = await client.put(
            url,
            json={"name": "Ours", "description": None, "is_public": False},
            headers=carl.headers,
        )
        assert renamed.status_code == 200
        refused = await client.patch(url, json={"is_public": True}, headers=carl.headers)
        assert refused.status_code == 403
        assert refused.json()["code"] == "not_playlist_owner"
        after = (await client.get(url, headers=owner.headers)).json()
        assert (after["name"], after["is_public"]) == ("Ours", False)


class TestDeletePlaylist:
    async def test_owner_deletes_it_with_everything_attached(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], profile: Profile
    ) -> None:
        carl = await quick_user(profile, "carl")
        playlist = await create_playlist(client, owner, is_public=True)
        url = f"/api/v1/playlists/{playlist['id']}"
        await add_tracks(client, owner, playlist["id"], songs)
        await client.put(f"{url}/collaborators/{carl.id}", headers=owner.headers)
        await client.put(f"{url}/followers", headers=carl.headers)
        response = await client.delete(url, headers=owner.headers)
        assert response.status_code == 204
        assert response.content == b""
        assert (await client.get(url, headers=owner.headers)).status_code == 404
        assert await count(profile, Playlist) == 0
        assert await count(profile, PlaylistEntry) == 0
        assert await count(profile, PlaylistCollaborator) == 0
        assert await count(profile, PlaylistFollower) == 0

    async def test_deleting_twice_is_404(self, client: AsyncClient, owner: AuthedUser) -> None:
        playlist = await create_playlist(client, owner)
        url = f"/api/v1/playlists/{playlist['id']}"
        assert (await client.delete(url, headers=owner.headers)).status_code == 204
        second = await client.delete(url, headers=owner.headers)
        assert second.status_code == 404
        assert second.json()["code"] == "playlist_not_found"
