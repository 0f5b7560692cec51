"""Members closed when the party ends, their login is revoked or the playlist hidden."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.factories.users import AuthedUser, login, register_and_login
from tests.parties.sockets import closed, joined, quiet, receive_state, start


class TestDisconnects:
    async def test_ending_the_party_tells_members(
        self,
        live: AsyncClient,
        party_server: str,
        host: AuthedUser,
        friend: AuthedUser,
        playlist: dict[str, Any],
    ) -> None:
        party = await start(live, host, playlist["id"])
        async with joined(party_server, party["id"], friend.access_token) as f:
            await receive_state(f)
            response = await live.delete(f"/api/v1/parties/{party['id']}", headers=host.headers)
            assert response.status_code == 204
            assert await closed(f) == (1000, [{"type": "ended"}])

    async def test_logout_all_disconnects_the_member(
        self,
        live: AsyncClient,
        party_server: str,
        host: AuthedUser,
        friend: AuthedUser,
        playlist: dict[str, Any],
    ) -> None:
        party = await start(live, host, playlist["id"])
        async with (
            joined(party_server, party["id"], host.access_token) as h,
            joined(party_server, party["id"], friend.access_token) as f,
        ):
            await receive_state(h)
            await receive_state(f)
            response = await live.post("/api/v1/auth/logout-all", headers=friend.headers)
            assert response.status_code == 204
            assert await closed(f) == (4401, [])
            assert await quiet(h)  # the host stays

    async def test_logout_disconnects_that_login(
        self,
        live: AsyncClient,
        party_server: str,
        host: AuthedUser,
        friend: AuthedUser,
        playlist: dict[str, Any],
    ) -> None:
        party = await start(live, host, playlist["id"])
        async with joined(party_server, party["id"], friend.access_token) as f:
            await receive_state(f)
            response = await live.post(
                "/api/v1/auth/logout",
                json={"refresh_token": friend.refresh_token},
                headers=friend.headers,
            )
            assert response.status_code == 204
            assert await closed(f) == (4401, [])

    async def test_password_change_disconnects_the_other_sessions(
        self, live: AsyncClient, party_server: str, playlist: dict[str, Any]
    ) -> None:
        alice = await register_and_login(live, "alice")
        other = await login(live, "alice")
        party = await start(live, alice, playlist["id"])
        async with (
            joined(party_server, party["id"], alice.access_token) as kept,
            joined(party_server, party["id"], other["access_token"]) as dropped,
        ):
            await receive_state(kept)
            await receive_state(dropped)
            response = await live.put(
                "/api/v1/me/password",
                json={"current_password": alice.password, "new_password": "another long secret"},
                headers=alice.headers,
            )
            assert response.status_code == 204
            assert await closed(dropped) == (4401, [])
            assert await quiet(kept)  # the session that changed it keeps working

    async def test_playlist_made_private_disconnects_others(
        self,
        live: AsyncClient,
        party_server: str,
        host: AuthedUser,
        friend: AuthedUser,
        playlist: dict[str, Any],
    ) -> None:
        party = await start(live, host, playlist["id"])
        async with (
            joined(party_server, party["id"], host.access_token) as h,
            joined(party_server, party["id"], friend.access_token) as f,
        ):
            await receive_state(h)
            await receive_state(f)
            response = await live.patch(
                f"/api/v1/playlists/{playlist['id']}",
                json={"is_public": False},
                headers=host.headers,
            )
            assert response.status_code == 200
            assert await closed(f) == (4403, [])
            assert await quiet(h)

    async def test_deleting_the_playlist_ends_the_party(
        self, live: AsyncClient, party_server: str, host: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        party = await start(live, host, playlist["id"])
        async with joined(party_server, party["id"], host.access_token) as h:
            await receive_state(h)
            response = await live.delete(
                f"/api/v1/playlists/{playlist['id']}", headers=host.headers
            )
            assert response.status_code == 204
            assert await closed(h) == (1000, [{"type": "ended"}])
