"""Collaborators, followers, and the lists built on them."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select

from fastfm.playlists.models import PlaylistCollaborator, PlaylistFollower
from tests.conftest import Profile
from tests.factories.playlists import create_playlist, quick_user, user_ref
from tests.factories.users import AuthedUser


def url(playlist: dict[str, Any]) -> str:
    return f"/api/v1/playlists/{playlist['id']}"


async def details(client: AsyncClient, user: AuthedUser, playlist: dict[str, Any]) -> Any:
    return (await client.get(url(playlist), headers=user.headers)).json()


class TestCollaborators:
    async def test_owner_adds_collaborators_in_order(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        carl = await quick_user(profile, "carl", display_name="Carl")
        dana = await quick_user(profile, "dana")
        playlist = await create_playlist(client, owner)
        for user in (carl, dana, carl):
            response = await client.put(
                f"{url(playlist)}/collaborators/{user.id}", headers=owner.headers
            )
            assert response.status_code == 204
        listed = await client.get(f"{url(playlist)}/collaborators", headers=carl.headers)
        assert listed.status_code == 200
        assert listed.json() == [user_ref(carl), user_ref(dana)]
        assert (await details(client, owner, playlist))["collaborators"] == listed.json()
        async with profile.session() as session:
            rows = list(await session.scalars(select(PlaylistCollaborator.user_id)))
        assert sorted(rows) == sorted([carl.id, dana.id])

    async def test_unknown_user_is_404(self, client: AsyncClient, owner: AuthedUser) -> None:
        playlist = await create_playlist(client, owner)
        response = await client.put(f"{url(playlist)}/collaborators/9999", headers=owner.headers)
        assert response.status_code == 404
        assert response.json()["code"] == "user_not_found"

    async def test_adding_yourself_is_422(self, client: AsyncClient, owner: AuthedUser) -> None:
        playlist = await create_playlist(client, owner)
        response = await client.put(
            f"{url(playlist)}/collaborators/{owner.id}", headers=owner.headers
        )
        assert response.status_code == 422
        assert (await details(client, owner, playlist))["collaborators"] == []

    async def test_collaborator_cannot_add_others(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        carl = await quick_user(profile, "carl")
        dana = await quick_user(profile, "dana")
        playlist = await create_playlist(client, owner)
        await client.put(f"{url(playlist)}/collaborators/{carl.id}", headers=owner.headers)
        response = await client.put(
            f"{url(playlist)}/collaborators/{dana.id}", headers=carl.headers
        )
        assert response.status_code == 403
        assert response.json()["code"] == "not_playlist_owner"

    async def test_owner_removes_and_collaborator_leaves(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        carl = await quick_user(profile, "carl")
        dana = await quick_user(profile, "dana")
        playlist = await create_playlist(client, owner)
        for user in (carl, dana):
            await client.put(f"{url(playlist)}/collaborators/{user.id}", headers=owner.headers)
        removed = await client.delete(
            f"{url(playlist)}/collaborators/{carl.id}", headers=owner.headers
        )
        left = await client.delete(f"{url(playlist)}/collaborators/{dana.id}", headers=dana.headers)
        assert (removed.status_code, left.status_code) == (204, 204)
        assert (await details(client, owner, playlist))["collaborators"] == []
        # A private playlist is invisible to its former collaborators.
        assert (await client.get(url(playlist), headers=dana.headers)).status_code == 404

    async def test_collaborator_cannot_remove_another(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        carl = await quick_user(profile, "carl")
        dana = await quick_user(profile, "dana")
        playlist = await create_playlist(client, owner)
        for user in (carl, dana):
            await client.put(f"{url(playlist)}/collaborators/{user.id}", headers=owner.headers)
        response = await client.delete(
            f"{url(playlist)}/collaborators/{dana.id}", headers=carl.headers
        )
        assert response.status_code == 403
        assert len((await details(client, owner, playlist))["collaborators"]) == 2

    async def test_removing_a_non_collaborator_is_204(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        carl = await quick_user(profile, "carl")
        playlist = await create_playlist(client, owner)
        response = await client.delete(
            f"{url(playlist)}/collaborators/{carl.id}", headers=owner.headers
        )
        assert response.status_code == 204


class TestFollowers:
    async def test_follow_counts_once_and_unfollow_uncounts(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        fay = await quick_user(profile, "fay")
        gus = await quick_user(profile, "gus")
        playlist = await create_playlist(client, owner, is_public=True)
        for user in (fay, fay, gus):
            response = await client.put(f"{url(playlist)}/followers", headers=user.headers)
            assert response.status_code == 204
        assert (await details(client, owner, playlist))["follower_count"] == 2
        for user in (fay, fay):
            response = await client.delete(f"{url(playlist)}/followers", headers=user.headers)
            assert response.status_code == 204
        assert (await details(client, owner, playlist))["follower_count"] == 1
        async with profile.session() as session:
            rows = list(await session.scalars(select(PlaylistFollower.user_id)))
        assert rows == [gus.id]

    async def test_a_private_playlist_cannot_be_followed_by_strangers(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        fay = await quick_user(profile, "fay")
        playlist = await create_playlist(client, owner)
        response = await client.put(f"{url(playlist)}/followers", headers=fay.headers)
        assert response.status_code == 404
        assert (await details(client, owner, playlist))["follower_count"] == 0

    async def test_following_needs_a_token(self, client: AsyncClient, owner: AuthedUser) -> None:
        playlist = await create_playlist(client, owner, is_public=True)
        assert (await client.put(f"{url(playlist)}/followers")).status_code == 401


class TestFollowedPlaylists:
    async def test_lists_visible_followed_playlists_newest_follow_first(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        fay = await quick_user(profile, "fay")
        first = await create_playlist(client, owner, name="First", is_public=True)
        second = await create_playlist(client, owner, name="Second", is_public=True)
        hidden = await create_playlist(client, owner, name="Hidden", is_public=True)
        await create_playlist(client, owner, name="Not followed", is_public=True)
        for playlist in (first, second, hidden):
            await client.put(f"{url(playlist)}/followers", headers=fay.headers)
        await client.patch(url(hidden), json={"is_public": False}, headers=owner.headers)
        response = await client.get("/api/v1/me/following/playlists", headers=fay.headers)
        assert response.status_code == 200
        body = response.json()
        assert body["total"] == 2
        assert [p["name"] for p in body["items"]] == ["Second", "First"]
        assert body["items"][0]["follower_count"] == 1

    async def test_paginates(self, client: AsyncClient, owner: AuthedUser) -> None:
        for name in ("a", "b", "c"):
            playlist = await create_playlist(client, owner, name=name)
            await client.put(f"{url(playlist)}/followers", headers=owner.headers)
        page = await client.get(
            "/api/v1/me/following/playlists",
            params={"limit": 2, "offset": 2},
            headers=owner.headers,
        )
        body = page.json()
        assert (body["total"], len(body["items"]), body["next"]) == (3, 1, None)
        assert body["previous"] is not None

    async def test_needs_a_token(self, client: AsyncClient) -> None:
        assert (await client.get("/api/v1/me/following/playlists")).status_code == 401


class TestMyPlaylists:
    async def test_owned_and_collaborating_not_followed(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        carl = await quick_user(profile, "carl")
        mine = await create_playlist(client, carl, name="Mine")
        shared = await create_playlist(client, owner, name="Shared")
        followed = await create_playlist(client, owner, name="Followed", is_public=True)
        await create_playlist(client, owner, name="Other")
        await client.put(f"{url(shared)}/collaborators/{carl.id}", headers=owner.headers)
        await client.put(f"{url(followed)}/followers", headers=carl.headers)
        response = await client.get(
            "/api/v1/playlists", params={"sort": "name"}, headers=carl.headers
        )
        assert response.status_code == 200
        body = response.json()
        assert [p["id"] for p in body["items"]] == [mine["id"], shared["id"]]
        assert body["total"] == 2

    @pytest.mark.parametrize(
        ("sort", "expected"),
        [
            ("name", ["a", "b", "c"]),
            ("-name", ["c", "b", "a"]),
            ("created_at", ["b", "c", "a"]),
            ("-created_at", ["a", "c", "b"]),
            (None, ["b", "a", "c"]),  # default: most recently updated first
            ("updated_at", ["c", "a", "b"]),
        ],
    )
    async def test_sorts(
        self, client: AsyncClient, owner: AuthedUser, sort: str | None, expected: list[str]
    ) -> None:
        created = {name: await create_playlist(client, owner, name=name) for name in "bca"}
        for name in "ab":
            await client.patch(
                url(created[name]), json={"description": "touched"}, headers=owner.headers
            )
        params = {"sort": sort} if sort is not None else {}
        response = await client.get("/api/v1/playlists", params=params, headers=owner.headers)
        assert [p["name"] for p in response.json()["items"]] == expected

    @pytest.mark.parametrize("sort", ["title", "name,name", "-", "follower_count"])
    async def test_unknown_sort_is_422(
        self, client: AsyncClient, owner: AuthedUser, sort: str
    ) -> None:
        response = await client.get(
            "/api/v1/playlists", params={"sort": sort}, headers=owner.headers
        )
        assert response.status_code == 422

    @pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}])
    async def test_bad_page_is_422(
        self, client: AsyncClient, owner: AuthedUser, params: dict[str, int]
    ) -> None:
        response = await client.get("/api/v1/playlists", params=params, headers=owner.headers)
        assert response.status_code == 422

    async def test_needs_a_token(self, client: AsyncClient) -> None:
        assert (await client.get("/api/v1/playlists")).status_code == 401


class TestUserPlaylists:
    async def test_only_public_playlists_of_that_user(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile
    ) -> None:
        carl = await quick_user(profile, "carl")
        public = await create_playlist(client, owner, name="Public", is_public=True)
        private = await create_playlist(client, owner, name="Private")
        await client.put(f"{url(private)}/collaborators/{carl.id}", headers=owner.headers)
        await create_playlist(client, carl, name="Carl's", is_public=True)
        for headers in ({}, carl.headers, owner.headers):
            response = await client.get(f"/api/v1/users/{owner.id}/playlists", headers=headers)
            assert response.status_code == 200
            body = response.json()
            assert [p["id"] for p in body["items"]] == [public["id"]]
            assert body["total"] == 1

    async def test_unknown_user_is_404(self, client: AsyncClient) -> None:
        response = await client.get("/api/v1/users/4242/playlists")
        assert response.status_code == 404
        assert response.json()["code"] == "user_not_found"
