"""Deleting a song or an account elsewhere keeps every playlist exact."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select

from fastfm.playlists.models import Playlist, PlaylistEntry
from tests.conftest import Profile
from tests.factories.playlists import (
    add_tracks,
    create_playlist,
    quick_user,
    track_song_ids,
    tracks,
)
from tests.factories.users import AuthedUser, make_admin


async def details(client: AsyncClient, user: AuthedUser, playlist: dict[str, Any]) -> Any:
    return (await client.get(f"/api/v1/playlists/{playlist['id']}", headers=user.headers)).json()


class TestSongDurationChange:
    async def test_playlist_totals_follow_a_song_that_changes_length(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], profile: Profile
    ) -> None:
        admin = await quick_user(profile, "admin")
        await make_admin(profile, admin.id)
        holding = await create_playlist(client, owner, name="Holding")
        other = await create_playlist(client, owner, name="Other")
        snapshot = await add_tracks(client, owner, holding["id"], [songs[0], songs[1], songs[1]])
        await add_tracks(client, owner, other["id"], [songs[2]])

        response = await client.patch(
            f"/api/v1/songs/{songs[1]}", json={"duration_ms": 5000}, headers=admin.headers
        )
        assert response.status_code == 200

        body = await details(client, owner, holding)
        assert (body["track_count"], body["total_duration_ms"]) == (3, 1000 + 2 * 5000)
        assert body["snapshot_id"] == snapshot  # the tracks themselves did not change
        body = await details(client, owner, other)
        assert body["total_duration_ms"] == 3000


class TestSongDeletion:
    async def test_entries_go_and_totals_and_snapshots_follow(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], profile: Profile
    ) -> None:
        admin = await quick_user(profile, "admin")
        await make_admin(profile, admin.id)
        first = await create_playlist(client, owner, name="First")
        second = await create_playlist(client, owner, name="Second")
        untouched = await create_playlist(client, owner, name="Untouched")
        first_before = await add_tracks(
            client, owner, first["id"], [songs[0], songs[3], songs[1], songs[3]]
        )
        second_before = await add_tracks(client, owner, second["id"], [songs[3]])
        untouched_before = await add_tracks(client, owner, untouched["id"], [songs[2]])

        response = await client.delete(f"/api/v1/songs/{songs[3]}", headers=admin.headers)
        assert response.status_code == 204

        body = await details(client, owner, first)
        assert (body["track_count"], body["total_duration_ms"]) == (2, 1000 + 2000)
        assert body["snapshot_id"] != first_before
        assert await track_song_ids(client, owner, first["id"]) == [songs[0], songs[1]]
        assert [t["position"] for t in body["tracks"]["items"]] == [0, 1]
        body = await details(client, owner, second)
        assert (body["track_count"], body["total_duration_ms"]) == (0, 0)
        assert body["snapshot_id"] != second_before
        body = await details(client, owner, untouched)
        assert (body["track_count"], body["snapshot_id"]) == (1, untouched_before)
        async with profile.session() as session:
            left = await session.scalar(
                select(func.count()).select_from(PlaylistEntry).filter_by(song_id=songs[3])
            )
        assert left == 0

    async def test_playlists_stay_writable_at_the_right_positions(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], profile: Profile
    ) -> None:
        admin = await quick_user(profile, "admin")
        await make_admin(profile, admin.id)
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], songs[:4])
        await client.delete(f"/api/v1/songs/{songs[1]}", headers=admin.headers)
        await add_tracks(client, owner, playlist["id"], [songs[9]], position=3)
        expected = [songs[0], songs[2], songs[3], songs[9]]
        assert await track_song_ids(client, owner, playlist["id"]) == expected
        past_end = await client.post(
            f"/api/v1/playlists/{playlist['id']}/tracks",
            json={"song_ids": [songs[9]], "position": 5},
            headers=owner.headers,
        )
        assert past_end.status_code == 422


class TestAccountDeletion:
    async def test_own_playlists_go_added_entries_stay_anonymous(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], profile: Profile
    ) -> None:
        leaver = await quick_user(profile, "leaver")
        theirs = await create_playlist(client, leaver, is_public=True)
        await add_tracks(client, leaver, theirs["id"], songs[:3])
        shared = await create_playlist(client, owner, is_public=True)
        shared_url = f"/api/v1/playlists/{shared['id']}"
        await client.put(f"{shared_url}/collaborators/{leaver.id}", headers=owner.headers)
        await client.put(f"{shared_url}/followers", headers=leaver.headers)
        await add_tracks(client, owner, shared["id"], [songs[0]])
        await add_tracks(client, leaver, shared["id"], [songs[1]])
        assert (await details(client, owner, shared))["follower_count"] == 1

        response = await client.delete("/api/v1/me", headers=leaver.headers)
        assert response.status_code == 204

        assert (await client.get(f"/api/v1/playlists/{theirs['id']}")).status_code == 404
        body = await details(client, owner, shared)
        assert body["collaborators"] == []
        assert body["follower_count"] == 0
        assert (body["track_count"], body["total_duration_ms"]) == (2, 3000)
        entries = await tracks(client, owner, shared["id"])
        assert [t["added_by"] for t in entries] == [
            {"id": owner.id, "username": "olga", "display_name": "Olga"},
            None,
        ]
        async with profile.session() as session:
            owned = await session.scalar(
                select(func.count()).select_from(Playlist).filter_by(owner_id=leaver.id)
            )
            orphaned = await session.scalar(
                select(func.count()).select_from(PlaylistEntry).filter_by(playlist_id=theirs["id"])
            )
        assert (owned, orphaned) == (0, 0)

    async def test_a_follower_of_their_own_playlist_counts_nowhere(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        leaver = await quick_user(profile, "leaver")
        theirs = await create_playlist(client, leaver, is_public=True)
        await client.put(f"/api/v1/playlists/{theirs['id']}/followers", headers=leaver.headers)
        await client.put(f"/api/v1/playlists/{theirs['id']}/followers", headers=owner.headers)
        assert (await client.delete("/api/v1/me", headers=leaver.headers)).status_code == 204
        following = await client.get("/api/v1/me/following/playlists", headers=owner.headers)
        assert following.json()["total"] == 0
