"""Concurrent writes of one song keep every total exact (PostgreSQL: real row locks).

A song's new duration moves the totals of its album and of every playlist holding it
by the change from its old duration. Two writers of the same song must take turns on
its row, each reading the duration the other committed; otherwise both subtract the
same old duration and a playlist's ``total_duration_ms`` drifts from its songs.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from fastfm.catalog.albums.models import Album
from fastfm.catalog.songs import service as song_service
from fastfm.catalog.songs.models import Song
from fastfm.catalog.songs.schemas import SongUpdate
from fastfm.playlists.models import Playlist, PlaylistEntry
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.playlists import add_tracks, create_playlist, quick_user
from tests.factories.users import AuthedUser
from tests.server import running_server

ROUNDS = 8


async def playlist_drift(profile: Profile) -> dict[int, tuple[int, int, int, int]]:
    """Playlists whose kept ``(track_count, total_duration_ms)`` differ from a recount."""
    recount = (
        select(
            PlaylistEntry.playlist_id,
            func.count(),
            func.coalesce(func.sum(Song.duration_ms), 0),
        )
        .join(Song, Song.id == PlaylistEntry.song_id)
        .group_by(PlaylistEntry.playlist_id)
    )
    async with profile.session() as session:
        counted = {row[0]: (int(row[1]), int(row[2])) for row in await session.execute(recount)}
        kept = (await session.execute(select(Playlist))).scalars().all()
    return {
        p.id: (p.track_count, p.total_duration_ms, *counted.get(p.id, (0, 0)))
        for p in kept
        if (p.track_count, p.total_duration_ms) != counted.get(p.id, (0, 0))
    }


async def album_drift(profile: Profile) -> dict[int, tuple[int, int, int, int]]:
    """Albums whose kept ``(track_count, total_duration_ms)`` differ from a recount."""
    recount = select(
        Song.album_id, func.count(), func.coalesce(func.sum(Song.duration_ms), 0)
    ).group_by(Song.album_id)
    async with profile.session() as session:
        counted = {row[0]: (int(row[1]), int(row[2])) for row in await session.execute(recount)}
        kept = (await session.execute(select(Album))).scalars().all()
    return {
        a.id: (a.track_count, a.total_duration_ms, *counted.get(a.id, (0, 0)))
        for a in kept
        if (a.track_count, a.total_duration_ms) != counted.get(a.id, (0, 0))
    }


async def song_in_playlists(
    client: httpx.AsyncClient, catalog: CatalogFactory, profile: Profile
) -> tuple[int, list[int], AuthedUser]:
    """A song (1000 ms) in album A with another song, and two albums to move it to; three
    playlists: the song twice, the song once among others, and one without it."""
    artist = (await catalog.artist())["id"]
    albums = [(await catalog.album(f"Album {n}", [artist]))["id"] for n in "ABC"]
    song = await catalog.song("Racing", [artist], duration_ms=1000, album_id=albums[0])
    other = await catalog.song("Steady", [artist], duration_ms=5000, album_id=albums[0])
    owner = await quick_user(profile, "olga")
    twice = await create_playlist(client, owner, name="Twice")
    await add_tracks(client, owner, twice["id"], [song["id"], other["id"], song["id"]])
    once = await create_playlist(client, owner, name="Once")
    await add_tracks(client, owner, once["id"], [other["id"], song["id"]])
    without = await create_playlist(client, owner, name="Without")
    await add_tracks(client, owner, without["id"], [other["id"]])
    return song["id"], albums, owner


@pytest.mark.postgres_only
class TestConcurrentDurationPatches:
    async def test_two_servers_patching_one_song_keep_every_total_exact(
        self, client: httpx.AsyncClient, catalog: CatalogFactory, profile: Profile
    ) -> None:
        song_id, albums, _ = await song_in_playlists(client, catalog, profile)
        async with (
            running_server(profile.settings, workers=2) as base_url,
            httpx.AsyncClient(base_url=base_url, timeout=60.0) as http,
        ):
            url = f"/api/v1/songs/{song_id}"
            for round_ in range(ROUNDS):
                first: dict[str, Any] = {"duration_ms": 2000 + round_ * 10}
                second: dict[str, Any] = {"duration_ms": 3000 + round_ * 10}
                if round_ % 2:  # moves race with resizes too
                    second["album_id"] = albums[1 + round_ % 2]
                responses = await asyncio.gather(
                    http.patch(url, json=first, headers=catalog.headers),
                    http.patch(url, json=second, headers=catalog.headers),
                )
                assert [r.status_code for r in responses] == [200, 200], [r.text for r in responses]
        final = (await client.get(f"/api/v1/songs/{song_id}")).json()["duration_ms"]
        assert final in {2000 + (ROUNDS - 1) * 10, 3000 + (ROUNDS - 1) * 10}
        assert await playlist_drift(profile) == {}
        assert await album_drift(profile) == {}


class TestInterleavedDurationWrites:
    """Two sessions in one process, interleaved by hand: on PostgreSQL the second waits
    on the song's row lock, on SQLite on the database's single writer lock."""

    async def test_the_second_writer_waits_and_reads_the_first_ones_duration(
        self, client: httpx.AsyncClient, catalog: CatalogFactory, profile: Profile
    ) -> None:
        song_id, _, _ = await song_in_playlists(client, catalog, profile)
        first, second = profile.session(), profile.session()
        try:
            await song_service.update_song(first, song_id, SongUpdate(duration_ms=4000))
            waiting = asyncio.create_task(
                song_service.update_song(second, song_id, SongUpdate(duration_ms=7000))
            )
            await asyncio.sleep(0.5)
            assert not waiting.done(), "the second writer did not wait for the song's lock"
            await first.commit()
            await asyncio.wait_for(waiting, 10)
            await second.commit()
        finally:
            await first.close()
            await second.close()
        assert await playlist_drift(profile) == {}
        assert await album_drift(profile) == {}
        async with profile.session() as session:
            totals = dict(
                (await session.execute(select(Playlist.name, Playlist.total_duration_ms))).all()
            )
        assert totals == {"Twice": 7000 * 2 + 5000, "Once": 5000 + 7000, "Without": 5000}
