"""POST /parties, POST /parties/join, GET and DELETE /parties/{id}."""

from __future__ import annotations

import re
from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select

from fastfm.parties.codes import ALPHABET
from fastfm.parties.models import Party
from tests.conftest import Profile
from tests.factories.playlists import create_playlist, user_ref
from tests.factories.users import AuthedUser

CODE = re.compile(f"^[{ALPHABET}]{{8}}$")


async def party_rows(profile: Profile) -> list[Party]:
    async with profile.session() as session:
        return list(await session.scalars(select(Party).order_by(Party.id)))


async def start(client: AsyncClient, user: AuthedUser, playlist_id: int) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/parties", json={"playlist_id": playlist_id}, headers=user.headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


class TestCreateParty:
    async def test_created_with_location_code_and_host(
        self, client: AsyncClient, profile: Profile, host: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        response = await client.post(
            "/api/v1/parties", json={"playlist_id": playlist["id"]}, headers=host.headers
        )
        assert response.status_code == 201, response.text
        body = response.json()
        assert response.headers["location"] == f"/api/v1/parties/{body['id']}"
        assert CODE.match(body["join_code"])
        assert body["host"] == user_ref(host)
        assert body["playlist_id"] == playlist["id"]
        [row] = await party_rows(profile)
        assert (row.id, row.host_id, row.playlist_id, row.join_code) == (
            body["id"],
            host.id,
            playlist["id"],
            body["join_code"],
        )

    async def test_anyone_who_sees_a_public_playlist_may_host(
        self, client: AsyncClient, friend: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        body = await start(client, friend, playlist["id"])
        assert body["host"]["id"] == friend.id

    async def test_codes_are_random_not_sequential(
        self, client: AsyncClient, host: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        codes = {(await start(client, host, playlist["id"]))["join_code"] for _ in range(12)}
        assert len(codes) == 12

    async def test_private_playlist_of_another_is_404_and_nothing_created(
        self, client: AsyncClient, profile: Profile, host: AuthedUser, friend: AuthedUser
    ) -> None:
        private = await create_playlist(client, host, name="Secret")
        response = await client.post(
            "/api/v1/parties", json={"playlist_id": private["id"]}, headers=friend.headers
        )
        assert response.status_code == 404
        assert response.json()["code"] == "playlist_not_found"
        assert await party_rows(profile) == []

    async def test_unknown_playlist_is_404(self, client: AsyncClient, host: AuthedUser) -> None:
        response = await client.post(
            "/api/v1/parties", json={"playlist_id": 999_999}, headers=host.headers
        )
        assert response.status_code == 404

    async def test_needs_a_token(self, client: AsyncClient, playlist: dict[str, Any]) -> None:
        response = await client.post("/api/v1/parties", json={"playlist_id": playlist["id"]})
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"

    async def test_bad_bodies_are_422(
        self, client: AsyncClient, profile: Profile, host: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        for body in (
            {},
            {"playlist_id": 0},
            {"playlist_id": 2**31},
            {"playlist_id": "x"},
            {"playlist_id": playlist["id"], "host_id": 5},
        ):
            response = await client.post("/api/v1/parties", json=body, headers=host.headers)
            assert response.status_code == 422, body
        assert await party_rows(profile) == []


class TestJoinParty:
    async def test_join_by_code_in_any_case_with_dashes(
        self, client: AsyncClient, host: AuthedUser, friend: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        party = await start(client, host, playlist["id"])
        code = party["join_code"]
        pasted = (f" {code} ", f"\t{code}\r\n", f"{code[:4]}\n{code[4:]}")
        for typed in (code, code.lower(), f"{code[:4]}-{code[4:]}", *pasted):
            response = await client.post(
                "/api/v1/parties/join", json={"join_code": typed}, headers=friend.headers
            )
            assert response.status_code == 200, typed
            assert response.json() == party

    async def test_unknown_or_malformed_code(
        self, client: AsyncClient, friend: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        # Blanks count toward the pattern's length as typed: eight characters with a tab
        # are a well-formed request that names no party.
        for code in ("BCDFGHJK", "00000000", "ABCDEFGHIJKLMNOP", "\t2wrcOt2", "\tBCDFGHJ\r"):
            response = await client.post(
                "/api/v1/parties/join", json={"join_code": code}, headers=friend.headers
            )
            assert response.status_code == 404, code
            assert response.json()["code"] == "party_not_found"
        for code in ("", "short", "x" * 40, 12345678, "BCDF\u00a0GHJK", "BCDFGHJK\x0b"):
            response = await client.post(
                "/api/v1/parties/join", json={"join_code": code}, headers=friend.headers
            )
            assert response.status_code == 422, code

    async def test_code_of_a_playlist_you_cannot_see_is_404(
        self, client: AsyncClient, host: AuthedUser, friend: AuthedUser
    ) -> None:
        private = await create_playlist(client, host, name="Secret")
        party = await start(client, host, private["id"])
        response = await client.post(
            "/api/v1/parties/join", json={"join_code": party["join_code"]}, headers=friend.headers
        )
        assert response.status_code == 404
        assert response.json()["code"] == "party_not_found"

    async def test_needs_a_token(self, client: AsyncClient) -> None:
        response = await client.post("/api/v1/parties/join", json={"join_code": "BCDFGHJK"})
        assert response.status_code == 401


class TestGetParty:
    async def test_visible_party(
        self, client: AsyncClient, host: AuthedUser, friend: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        party = await start(client, host, playlist["id"])
        response = await client.get(f"/api/v1/parties/{party['id']}", headers=friend.headers)
        assert response.status_code == 200
        assert response.json() == party

    async def test_invisible_unknown_and_out_of_range(
        self, client: AsyncClient, host: AuthedUser, friend: AuthedUser
    ) -> None:
        private = await create_playlist(client, host, name="Secret")
        party = await start(client, host, private["id"])
        hidden = await client.get(f"/api/v1/parties/{party['id']}", headers=friend.headers)
        unknown = await client.get("/api/v1/parties/999999", headers=friend.headers)
        assert hidden.status_code == unknown.status_code == 404
        assert hidden.json() == unknown.json()
        for bad in ("0", "-1", str(2**31)):
            response = await client.get(f"/api/v1/parties/{bad}", headers=friend.headers)
            assert response.status_code == 422, bad
        # Not a number: no such path (``/parties/join`` lives beside the ids).
        assert (await client.get("/api/v1/parties/x", headers=friend.headers)).status_code == 404


class TestEndParty:
    async def test_host_ends_it(
        self, client: AsyncClient, profile: Profile, host: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        party = await start(client, host, playlist["id"])
        response = await client.delete(f"/api/v1/parties/{party['id']}", headers=host.headers)
        assert response.status_code == 204
        assert await party_rows(profile) == []
        again = await client.get(f"/api/v1/parties/{party['id']}", headers=host.headers)
        assert again.status_code == 404

    async def test_member_may_not_end_it(
        self,
        client: AsyncClient,
        profile: Profile,
        host: AuthedUser,
        friend: AuthedUser,
        playlist: dict[str, Any],
    ) -> None:
        party = await start(client, host, playlist["id"])
        response = await client.delete(f"/api/v1/parties/{party['id']}", headers=friend.headers)
        assert response.status_code == 403
        assert response.json()["code"] == "not_party_host"
        assert len(await party_rows(profile)) == 1

    async def test_invisible_is_404(
        self, client: AsyncClient, profile: Profile, host: AuthedUser, friend: AuthedUser
    ) -> None:
        private = await create_playlist(client, host, name="Secret")
        party = await start(client, host, private["id"])
        response = await client.delete(f"/api/v1/parties/{party['id']}", headers=friend.headers)
        assert response.status_code == 404
        assert len(await party_rows(profile)) == 1

    async def test_deleting_the_playlist_ends_its_parties(
        self, client: AsyncClient, profile: Profile, host: AuthedUser, playlist: dict[str, Any]
    ) -> None:
        await start(client, host, playlist["id"])
        response = await client.delete(f"/api/v1/playlists/{playlist['id']}", headers=host.headers)
        assert response.status_code == 204
        async with profile.session() as session:
            assert await session.scalar(select(func.count()).select_from(Party)) == 0
