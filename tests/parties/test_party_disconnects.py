"""Members closed when the party ends, their login is revoked or the playlist hidden."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.playlists import quick_user
from tests.factories.users import login, register_and_login
from tests.parties.conftest import Scene
from tests.parties.sockets import closed, members, quiet, start


class TestDisconnects:
    async def test_ending_the_party_tells_members(self, scene: Scene) -> None:
        party = await scene.start()
        async with scene.members(party["id"], scene.friend) as (f,):
            response = await scene.live.delete(
                f"/api/v1/parties/{party['id']}", headers=scene.host.headers
            )
            assert response.status_code == 204
            assert await closed(f) == (1000, [{"type": "ended"}])

    async def test_logout_all_disconnects_the_member(self, scene: Scene) -> None:
        party = await scene.start()
        async with scene.members(party["id"]) as (h, f):
            response = await scene.live.post(
                "/api/v1/auth/logout-all", headers=scene.friend.headers
            )
            assert response.status_code == 204
            assert await closed(f) == (4401, [])
            assert await quiet(h)  # the host stays

    async def test_logout_disconnects_that_login(self, scene: Scene) -> None:
        party = await scene.start()
        async with scene.members(party["id"], scene.friend) as (f,):
            response = await scene.live.post(
                "/api/v1/auth/logout",
                json={"refresh_token": scene.friend.refresh_token},
                headers=scene.friend.headers,
            )
            assert response.status_code == 204
            assert await closed(f) == (4401, [])

    async def test_password_change_disconnects_the_other_sessions(
        self, live: AsyncClient, party_server: str, playlist: dict[str, Any]
    ) -> None:
        alice = await register_and_login(live, "alice")
        other = await login(live, "alice")
        party = await start(live, alice, playlist["id"])
        async with members(
            party_server, party["id"], alice.access_token, other["access_token"]
        ) as (kept, dropped):
            response = await live.put(
                "/api/v1/me/password",
                json={"current_password": alice.password, "new_password": "another long secret"},
                headers=alice.headers,
            )
            assert response.status_code == 204
            assert await closed(dropped) == (4401, [])
            assert await quiet(kept)  # the session that changed it keeps working

    async def test_playlist_made_private_disconnects_others(self, scene: Scene) -> None:
        party = await scene.start()
        async with scene.members(party["id"]) as (h, f):
            response = await scene.live.patch(
                f"/api/v1/playlists/{scene.playlist['id']}",
                json={"is_public": False},
                headers=scene.host.headers,
            )
            assert response.status_code == 200
            assert await closed(f) == (4403, [])
            assert await quiet(h)

    async def test_a_collaborator_stays_when_the_playlist_is_made_private(
        self, scene: Scene, profile: Profile
    ) -> None:
        carl = await quick_user(profile, "carl")
        url = f"/api/v1/playlists/{scene.playlist['id']}"
        added = await scene.live.put(f"{url}/collaborators/{carl.id}", headers=scene.host.headers)
        assert added.status_code == 204, added.text
        party = await scene.start()
        async with scene.members(party["id"], carl, scene.friend) as (c, f):
            response = await scene.live.patch(
                url, json={"is_public": False}, headers=scene.host.headers
            )
            assert response.status_code == 200
            assert await closed(f) == (4403, [])
            assert await quiet(c, 1.0)  # seen by the access checks since, and kept
            removed = await scene.live.delete(
                f"{url}/collaborators/{carl.id}", headers=scene.host.headers
            )
            assert removed.status_code == 204
            assert await closed(c) == (4403, [])

    async def test_deleting_the_playlist_ends_the_party(self, scene: Scene) -> None:
        party = await scene.start()
        async with scene.members(party["id"], scene.host) as (h,):
            response = await scene.live.delete(
                f"/api/v1/playlists/{scene.playlist['id']}", headers=scene.host.headers
            )
            assert response.status_code == 204
            assert await closed(h) == (1000, [{"type": "ended"}])
