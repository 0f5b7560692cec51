"""An album's track_count and total_duration_ms are exact after every kind of song write."""

from __future__ import annotations

import asyncio

import pytest
from httpx import AsyncClient

from tests.catalog.helpers import API, album_totals
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import AuthedUser


async def _totals(client: AsyncClient, profile: Profile, album_id: int) -> tuple[int, int]:
    """The totals as the API shows them, checked against the album row."""
    body = (await client.get(f"{API}/albums/{album_id}")).json()
    shown = (body["track_count"], body["total_duration_ms"])
    assert shown == await album_totals(profile, album_id)
    assert shown == (len(body["tracks"]), sum(t["song"]["duration_ms"] for t in body["tracks"]))
    return shown


class TestAlbumTotals:
    async def test_creating_songs_in_the_album(
        self, client: AsyncClient, catalog: CatalogFactory, profile: Profile
    ) -> None:
        album = await catalog.album("A")
        assert await _totals(client, profile, album["id"]) == (0, 0)
        await catalog.song("One", album_id=album["id"], duration_ms=1000)
        await catalog.song("Two", album_id=album["id"], duration_ms=2500)
        await catalog.song("Elsewhere", duration_ms=9999)
        assert await _totals(client, profile, album["id"]) == (2, 3500)

    async def test_moving_a_song_to_another_album_and_out(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        first = await catalog.album("First", release_date="2001-01-01")
        second = await catalog.album("Second", release_date="2002-02-02")
        song = await catalog.song("S", album_id=first["id"], duration_ms=1000)
        await catalog.song("Stays", album_id=first["id"], duration_ms=10)
        moved = await client.patch(
            f"{API}/songs/{song['id']}", json={"album_id": second["id"]}, headers=admin.headers
        )
        assert moved.json()["album"] == {"id": second["id"], "title": "Second"}
        assert moved.json()["release_date"] == "2002-02-02"
        assert await _totals(client, profile, first["id"]) == (1, 10)
        assert await _totals(client, profile, second["id"]) == (1, 1000)
        out = await client.patch(
            f"{API}/songs/{song['id']}", json={"album_id": None}, headers=admin.headers
        )
        assert out.json()["album"] is None
        assert out.json()["release_date"] is None
        assert await _totals(client, profile, second["id"]) == (0, 0)

    async def test_moving_and_resizing_in_one_write(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        first = await catalog.album("First")
        second = await catalog.album("Second")
        song = await catalog.song("S", album_id=first["id"], duration_ms=1000)
        await client.patch(
            f"{API}/songs/{song['id']}",
            json={"album_id": second["id"], "duration_ms": 4000},
            headers=admin.headers,
        )
        assert await _totals(client, profile, first["id"]) == (0, 0)
        assert await _totals(client, profile, second["id"]) == (1, 4000)

    async def test_changing_a_duration(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        album = await catalog.album("A")
        song = await catalog.song("S", album_id=album["id"], duration_ms=1000)
        await catalog.song("T", album_id=album["id"], duration_ms=500)
        await client.patch(
            f"{API}/songs/{song['id']}", json={"duration_ms": 61000}, headers=admin.headers
        )
        assert await _totals(client, profile, album["id"]) == (2, 61500)

    async def test_deleting_a_song(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        album = await catalog.album("A")
        song = await catalog.song("S", album_id=album["id"], duration_ms=1000)
        await catalog.song("T", album_id=album["id"], duration_ms=500)
        response = await client.delete(f"{API}/songs/{song['id']}", headers=admin.headers)
        assert response.status_code == 204
        assert await _totals(client, profile, album["id"]) == (1, 500)

    async def test_refused_write_leaves_totals(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        album = await catalog.album("A")
        song = await catalog.song("S", album_id=album["id"], duration_ms=1000)
        other = await catalog.album("B")
        response = await client.patch(
            f"{API}/songs/{song['id']}",
            json={"album_id": other["id"], "genre_ids": [404]},
            headers=admin.headers,
        )
        assert response.status_code == 422
        assert await _totals(client, profile, album["id"]) == (1, 1000)
        assert await _totals(client, profile, other["id"]) == (0, 0)

    async def test_new_song_takes_the_album_release_date(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        album = await catalog.album("A", release_date="1999-09-09")
        song = await catalog.song("S", album_id=album["id"])
        assert song["release_date"] == "1999-09-09"


@pytest.mark.postgres_only
class TestConcurrentSongWrites:
    async def test_concurrent_creates_and_moves_keep_totals_exact(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        first = await catalog.album("First")
        second = await catalog.album("Second")
        artist = await catalog.artist("A")
        movers = [
            await catalog.song(f"M{i}", [artist["id"]], album_id=first["id"], duration_ms=100)
            for i in range(5)
        ]

        async def create(i: int) -> int:
            body = {
                "title": f"S{i}",
                "duration_ms": 1000 + i,
                "artist_ids": [artist["id"]],
                "album_id": second["id"] if i % 2 else first["id"],
            }
            response = await client.post(f"{API}/songs", json=body, headers=admin.headers)
            return response.status_code

        async def move(song_id: int) -> int:
            response = await client.patch(
                f"{API}/songs/{song_id}", json={"album_id": second["id"]}, headers=admin.headers
            )
            return response.status_code

        statuses = await asyncio.gather(
            *(create(i) for i in range(10)), *(move(s["id"]) for s in movers)
        )
        assert statuses == [201] * 10 + [200] * 5
        assert await _totals(client, profile, first["id"]) == (
            5,
            sum(1000 + i for i in (0, 2, 4, 6, 8)),
        )
        assert await _totals(client, profile, second["id"]) == (
            10,
            sum(1000 + i for i in (1, 3, 5, 7, 9)) + 5 * 100,
        )
