"""Concurrent writers against a real server (PostgreSQL, two workers, real TCP).

The playlist row lock must serialize track writes: no lost update, no gap, no duplicate
position, and a snapshot_id can be spent only once.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from fastfm.playlists.models import PlaylistEntry
from tests.conftest import Profile
from tests.factories.playlists import make_songs, quick_user
from tests.factories.users import AuthedUser

CLIENTS = 20
TRACKS_EACH = 5


def http_client(base_url: str) -> httpx.AsyncClient:
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    return httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60.0)


async def open_connections(http: httpx.AsyncClient) -> None:
    """Open all the client's connections first, so the racing requests leave together."""
    responses = await asyncio.gather(*(http.get("/healthz") for _ in range(CLIENTS)))
    assert all(r.status_code == 200 for r in responses)


async def new_playlist(http: httpx.AsyncClient, user: AuthedUser) -> int:
    response = await http.post("/api/v1/playlists", json={"name": "Race"}, headers=user.headers)
    assert response.status_code == 201, response.text
    playlist_id: int = response.json()["id"]
    return playlist_id


async def all_tracks(http: httpx.AsyncClient, user: AuthedUser, playlist_id: int) -> list[Any]:
    found: list[Any] = []
    while True:
        page = await http.get(
            f"/api/v1/playlists/{playlist_id}/tracks",
            params={"limit": 100, "offset": len(found)},
            headers=user.headers,
        )
        assert page.status_code == 200, page.text
        found.extend(page.json()["items"])
        if page.json()["next"] is None:
            return found


@pytest.mark.postgres_only
class TestConcurrentAdds:
    async def test_twenty_clients_adding_five_each_leave_exactly_a_hundred(
        self, live_server: str, profile: Profile
    ) -> None:
        owner = await quick_user(profile, "olga")
        song_ids = await make_songs(profile, CLIENTS * TRACKS_EACH, durations=[1000] * 100)
        batches = [song_ids[i * TRACKS_EACH : (i + 1) * TRACKS_EACH] for i in range(CLIENTS)]
        async with http_client(live_server) as http:
            playlist_id = await new_playlist(http, owner)

            async def add(batch: list[int], index: int) -> httpx.Response:
                # Half append, half insert at the top: both ends race for keys.
                body: dict[str, Any] = {"song_ids": batch}
                if index % 2:
                    body["position"] = 0
                return await http.post(
                    f"/api/v1/playlists/{playlist_id}/tracks", json=body, headers=owner.headers
                )

            await open_connections(http)
            responses = await asyncio.gather(*(add(b, i) for i, b in enumerate(batches)))
            assert [r.status_code for r in responses] == [201] * CLIENTS
            snapshots = {r.json()["snapshot_id"] for r in responses}
            assert len(snapshots) == CLIENTS
            tracks = await all_tracks(http, owner, playlist_id)
            details = (
                await http.get(f"/api/v1/playlists/{playlist_id}", headers=owner.headers)
            ).json()

        assert [t["position"] for t in tracks] == list(range(CLIENTS * TRACKS_EACH))
        order = [t["song"]["id"] for t in tracks]
        assert sorted(order) == song_ids
        # Each request's songs stay together and in order: every add was atomic.
        for batch in batches:
            start = order.index(batch[0])
            assert order[start : start + TRACKS_EACH] == batch
        assert (details["track_count"], details["total_duration_ms"]) == (100, 100_000)
        assert details["snapshot_id"] in snapshots
        async with profile.session() as session:
            rows = await session.scalar(
                select(func.count(func.distinct(PlaylistEntry.sort_key))).where(
                    PlaylistEntry.playlist_id == playlist_id
                )
            )
        assert rows == CLIENTS * TRACKS_EACH


@pytest.mark.postgres_only
class TestConcurrentReorders:
    async def test_one_snapshot_allows_exactly_one_reorder(
        self, live_server: str, profile: Profile
    ) -> None:
        owner = await quick_user(profile, "olga")
        song_ids = await make_songs(profile, 10)
        async with http_client(live_server) as http:
            playlist_id = await new_playlist(http, owner)
            url = f"/api/v1/playlists/{playlist_id}/tracks"
            added = await http.post(url, json={"song_ids": song_ids}, headers=owner.headers)
            snapshot = added.json()["snapshot_id"]

            async def move(index: int) -> httpx.Response:
                body = {
                    "range_start": index % 10,
                    "insert_before": 10 if index % 10 < 5 else 0,
                    "snapshot_id": snapshot,
                }
                return await http.patch(url, json=body, headers=owner.headers)

            await open_connections(http)
            responses = await asyncio.gather(*(move(i) for i in range(CLIENTS)))
            tracks = await all_tracks(http, owner, playlist_id)

        statuses = Counter(r.status_code for r in responses)
        assert statuses == {200: 1, 409: CLIENTS - 1}
        assert all(
            r.json()["code"] == "snapshot_mismatch" for r in responses if r.status_code == 409
        )
        winner = next(i for i, r in enumerate(responses) if r.status_code == 200)
        start, before = winner % 10, 10 if winner % 10 < 5 else 0
        expected = [s for i, s in enumerate(song_ids) if i != start]
        expected.insert(before if before < start else before - 1, song_ids[start])
        assert [t["song"]["id"] for t in tracks] == expected
        assert [t["position"] for t in tracks] == list(range(10))
