"""``GET /me/liked/contains``: one true/false per id asked, in order."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from fastfm.kit.ids import MAX_ID
from tests.conftest import Profile
from tests.factories.library import API, add_song, add_songs, like
from tests.factories.users import register_and_login


class TestLikedContains:
    async def test_answers_in_the_order_asked(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        a, b, c = await add_songs(profile, 3)
        await like(client, alice, a)
        await like(client, alice, c)

        response = await client.get(
            f"{API}/me/liked/contains?ids={c},{b},{a},{b},999999", headers=alice.headers
        )

        assert response.status_code == 200
        assert response.json() == [True, False, True, False, False]

    async def test_only_the_callers_likes_count(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        song = await add_song(profile)
        await like(client, bob, song)

        response = await client.get(f"{API}/me/liked/contains?ids={song}", headers=alice.headers)

        assert response.json() == [False]

    async def test_spaces_around_ids_are_accepted(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        song = await add_song(profile)
        await like(client, alice, song)

        response = await client.get(
            f"{API}/me/liked/contains",
            params={"ids": f" {song} , {MAX_ID}"},
            headers=alice.headers,
        )

        assert response.status_code == 200
        assert response.json() == [True, False]

    @pytest.mark.parametrize("ids", ["0", str(MAX_ID + 1), "1,99999999999999", "007"])
    async def test_ids_out_of_range_are_422(self, client: AsyncClient, ids: str) -> None:
        alice = await register_and_login(client, "alice")

        response = await client.get(
            f"{API}/me/liked/contains", params={"ids": ids}, headers=alice.headers
        )

        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "ids"]

    async def test_at_most_100_ids(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        song = await add_song(profile)
        await like(client, alice, song)
        hundred = ",".join([str(song)] * 100)

        ok = await client.get(f"{API}/me/liked/contains?ids={hundred}", headers=alice.headers)
        too_many = await client.get(
            f"{API}/me/liked/contains?ids={hundred},{song}", headers=alice.headers
        )

        assert ok.status_code == 200
        assert ok.json() == [True] * 100
        assert too_many.status_code == 422
        assert too_many.json()["detail"][0]["loc"] == ["query", "ids"]

    async def test_malformed_or_missing_ids_are_422(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")

        for ids in ("", "1,,2", "1,2,", "a", "1;2", "-1", "1.5", "1e3", " "):
            response = await client.get(
                f"{API}/me/liked/contains", params={"ids": ids}, headers=alice.headers
            )
            assert response.status_code == 422, ids
            assert response.json()["detail"][0]["loc"] == ["query", "ids"], ids
        missing = await client.get(f"{API}/me/liked/contains", headers=alice.headers)
        assert missing.status_code == 422
