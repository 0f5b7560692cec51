"""PostgreSQL connections killed under the app: reads retried once, writes 503 or applied
whole, never a 500; a database that does not answer at all is 503 with Retry-After."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from fastfm.catalog import tables as t
from fastfm.db.session import Database
from fastfm.playlists.models import Playlist, PlaylistEntry
from tests.auth.apps import client_for, running_app
from tests.conftest import Profile
from tests.db.faults import (
    UNAVAILABLE,
    closed_port,
    kill_on_statement,
    notice_without_close,
    terminate,
)
from tests.factories.catalog import API, CatalogFactory
from tests.factories.playlists import add_tracks, create_playlist, make_songs
from tests.factories.users import AuthedUser, register_admin, register_and_login

pytestmark = pytest.mark.postgres_only


def assert_unavailable(response: Response) -> None:
    assert response.status_code == 503, response.text
    assert response.json() == UNAVAILABLE
    assert response.headers["retry-after"] == "1"


async def scalar(profile: Profile, statement: Any) -> Any:
    async with profile.engine.connect() as connection:
        return (await connection.execute(statement)).scalar_one()


async def create_playlist_whole_or_503(
    client: AsyncClient, profile: Profile, owner: AuthedUser, name: str
) -> None:
    """Creating a playlist either answers 503 and stores nothing, or 201 and stores it once."""
    response = await client.post(f"{API}/playlists", json={"name": name}, headers=owner.headers)
    named = select(func.count()).select_from(Playlist).where(Playlist.name == name)
    if response.status_code == 503:
        assert_unavailable(response)
        assert await scalar(profile, named) == 0
    else:
        assert response.status_code == 201, response.text
        assert await scalar(profile, named) == 1


@pytest.fixture
async def admin(client: AsyncClient, profile: Profile) -> AuthedUser:
    return await register_admin(client, profile)


@pytest.fixture
async def world(client: AsyncClient, profile: Profile, admin: AuthedUser) -> dict[str, Any]:
    """A catalog, a listener with a playlist of three songs, and the GET bodies of both."""
    factory = CatalogFactory(client, admin.headers)
    artist = await factory.artist("Nina Simone")
    album = await factory.album("Pastel Blues", [artist["id"]])
    song = await factory.song(
        "Sinnerman",
        [artist["id"]],
        album_id=album["id"],
        credits=[{"artist_id": artist["id"], "role": "performer", "detail": "piano"}],
    )
    listener = await register_and_login(client, "listener")
    playlist = await create_playlist(client, listener)
    await add_tracks(client, listener, playlist["id"], await make_songs(profile, 3))
    reads = {
        "song": (f"{API}/songs/{song['id']}", None),
        "songs": (f"{API}/songs?q=sinner", None),
        "album": (f"{API}/albums/{album['id']}", None),
        "credits": (f"{API}/artists/{artist['id']}/credits", None),
        "me": (f"{API}/me", listener.headers),
        "playlist": (f"{API}/playlists/{playlist['id']}", listener.headers),
        "tracks": (f"{API}/playlists/{playlist['id']}/tracks", listener.headers),
    }
    bodies = {}
    for name, (url, headers) in reads.items():
        response = await client.get(url, headers=headers)
        assert response.status_code == 200, response.text
        bodies[name] = response.json()
    return {
        "reads": reads,
        "bodies": bodies,
        "artist": artist,
        "listener": listener,
        "playlist": playlist,
    }


async def test_every_read_answers_after_all_connections_were_terminated(
    client: AsyncClient, profile: Profile, world: dict[str, Any]
) -> None:
    for name, (url, headers) in world["reads"].items():
        assert await terminate(profile) >= 1  # the app's pooled connections, at least
        response = await client.get(url, headers=headers)
        assert response.status_code == 200, (name, response.text)
        assert response.json() == world["bodies"][name], name
    # Shuffle reads the playlist on the same path.
    await terminate(profile)
    shuffled = f"{API}/playlists/{world['playlist']['id']}/shuffle/next"
    response = await client.get(shuffled, headers=world["listener"].headers)
    assert response.status_code == 200, response.text
    assert response.json()["song"]["title"].startswith("Song ")


async def test_reads_on_connections_that_read_a_termination_notice_run_again(
    client: AsyncClient, profile: Profile, world: dict[str, Any]
) -> None:
    # asyncpg refuses the next statement on such a connection ("cannot switch to state
    # 11; another operation (2) is in progress"); the read runs on a fresh one instead,
    # and the broken connection never goes back to the pool.
    for name, (url, headers) in world["reads"].items():
        stale = await notice_without_close(profile)
        response = await client.get(url, headers=headers)
        assert response.status_code == 200, (name, response.text)
        assert response.json() == world["bodies"][name], name
        assert any(driver.is_closed() for driver in stale), name


async def test_a_write_on_a_connection_that_read_a_termination_notice_is_503_or_whole(
    client: AsyncClient, profile: Profile, world: dict[str, Any]
) -> None:
    listener = world["listener"]
    await notice_without_close(profile)
    await create_playlist_whole_or_503(client, profile, listener, "Noticed")
    again = await client.post(f"{API}/playlists", json={"name": "Again"}, headers=listener.headers)
    assert again.status_code == 201, again.text


async def test_a_fast_read_meeting_a_dead_connection_runs_again_on_a_fresh_one(
    client: AsyncClient, profile: Profile, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = asyncpg.Connection.fetch
    pids: list[int] = []

    async def fetch(self: asyncpg.Connection, *args: Any, **kwargs: Any) -> Any:
        if "FROM song" not in args[0]:  # the fault's own statements
            return await original(self, *args, **kwargs)
        pids.append(self.get_server_pid())
        if len(pids) == 1:  # the first statement's connection dies just before it runs
            await terminate(profile, pids[0])
        return await original(self, *args, **kwargs)

    monkeypatch.setattr(asyncpg.Connection, "fetch", fetch)
    url, _ = world["reads"]["song"]
    response = await client.get(url)
    monkeypatch.setattr(asyncpg.Connection, "fetch", original)
    assert response.status_code == 200, response.text
    assert response.json() == world["bodies"]["song"]
    assert len(pids) == 2
    assert pids[0] != pids[1]


async def test_a_session_read_meeting_a_dead_connection_runs_again(
    client: AsyncClient, profile: Profile, world: dict[str, Any]
) -> None:
    for name in ("me", "playlist", "tracks"):
        url, headers = world["reads"][name]
        with kill_on_statement(profile, "SELECT") as seen:
            response = await client.get(url, headers=headers)
        assert response.status_code == 200, (name, response.text)
        assert response.json() == world["bodies"][name], name
        assert len(seen) >= 2  # the failed statement, then the request again


async def test_a_read_that_fails_twice_is_503(
    client: AsyncClient, profile: Profile, world: dict[str, Any]
) -> None:
    url, headers = world["reads"]["me"]
    with kill_on_statement(profile, "SELECT", times=2):
        assert_unavailable(await client.get(url, headers=headers))
    assert (await client.get(url, headers=headers)).json() == world["bodies"]["me"]


async def test_a_write_losing_its_connection_midway_is_503_and_not_applied(
    client: AsyncClient, profile: Profile, admin: AuthedUser, world: dict[str, Any]
) -> None:
    artist_id = world["artist"]["id"]
    songs_before = await scalar(profile, select(func.count()).select_from(t.song))
    body = {
        "title": "Feeling Good",
        "artist_ids": [artist_id],
        "duration_ms": 170_000,
        "credits": [{"artist_id": artist_id, "role": "producer"}],
    }
    # The song row is written; the connection dies before its credits are.
    with kill_on_statement(profile, "INSERT INTO credit") as seen:
        response = await client.post(f"{API}/songs", json=body, headers=admin.headers)
    assert seen
    assert_unavailable(response)
    assert await scalar(profile, select(func.count()).select_from(t.song)) == songs_before
    titled = select(func.count()).select_from(t.song).where(t.song.c.title == "Feeling Good")
    assert await scalar(profile, titled) == 0
    # Once the database answers again, the same write goes through whole.
    created = await client.post(f"{API}/songs", json=body, headers=admin.headers)
    assert created.status_code == 201, created.text
    assert await scalar(profile, titled) == 1
    credits = await client.get(f"{API}/songs/{created.json()['id']}/credits")
    assert [c["role"] for c in credits.json()] == ["producer"]


async def test_adding_tracks_losing_the_connection_leaves_the_playlist_as_it_was(
    client: AsyncClient, profile: Profile, world: dict[str, Any]
) -> None:
    listener, playlist = world["listener"], world["playlist"]
    entries = select(func.count()).select_from(PlaylistEntry)
    count_before = await scalar(profile, entries)
    totals = select(Playlist.track_count, Playlist.total_duration_ms, Playlist.snapshot_id)
    async with profile.engine.connect() as connection:
        before = (await connection.execute(totals)).one()
    new_songs = await make_songs(profile, 2)
    url = f"{API}/playlists/{playlist['id']}/tracks"
    with kill_on_statement(profile, "UPDATE playlist") as seen:
        response = await client.post(url, json={"song_ids": new_songs}, headers=listener.headers)
    assert seen
    assert_unavailable(response)
    assert await scalar(profile, entries) == count_before
    async with profile.engine.connect() as connection:
        assert (await connection.execute(totals)).one() == before
    listed = await client.get(url, headers=listener.headers)
    assert listed.json() == world["bodies"]["tracks"]


async def test_writes_after_all_connections_were_terminated_apply_or_answer_503(
    client: AsyncClient, profile: Profile, world: dict[str, Any]
) -> None:
    listener = world["listener"]
    for attempt in range(3):
        await terminate(profile)
        await create_playlist_whole_or_503(client, profile, listener, f"After {attempt}")


async def test_a_database_that_does_not_answer_is_503_everywhere(
    profile: Profile, app: FastAPI, world: dict[str, Any]
) -> None:
    url = make_url(profile.settings.resolved_database_url).set(port=closed_port())
    down = url.render_as_string(hide_password=False)
    listener = world["listener"]
    # The app starts on the real database (its startup needs one), then every request
    # finds a database that refuses connections.
    async with running_app(profile, jobs_in_process=False) as unreachable:
        real = unreachable.state.database
        unreachable.state.database = Database(down, pool_size=1)
        async with client_for(unreachable) as c:
            for name, (path, headers) in world["reads"].items():
                response = await c.get(path, headers=headers)
                assert response.status_code == 503, (name, response.text)
                assert_unavailable(response)
            assert_unavailable(
                await c.post(f"{API}/playlists", json={"name": "Offline"}, headers=listener.headers)
            )
            ready = await c.get("/readyz")
            assert ready.status_code == 503
            assert ready.json()["checks"]["database"] == "down"
        await unreachable.state.database.dispose()
        unreachable.state.database = real
    offline = select(func.count()).select_from(Playlist).where(Playlist.name == "Offline")
    assert await scalar(profile, offline) == 0


async def test_checkout_replaces_connections_the_server_closed_without_a_round_trip(
    profile: Profile, app: FastAPI
) -> None:
    engine = profile.engine
    held = [await engine.raw_connection() for _ in range(2)]
    drivers = [pooled.driver_connection for pooled in held]
    old = {driver.get_server_pid() for driver in drivers}
    for pooled in held:
        pooled.close()
    await terminate(profile)
    for _ in range(100):  # until the driver has seen the sockets close
        if all(driver.is_closed() for driver in drivers):
            break
        await asyncio.sleep(0.01)
    fresh = [await engine.raw_connection() for _ in range(2)]
    try:
        for pooled in fresh:
            assert not pooled.driver_connection.is_closed()
            assert pooled.driver_connection.get_server_pid() not in old
            assert await pooled.driver_connection.fetchval("SELECT 1") == 1
    finally:
        for pooled in fresh:
            pooled.close()
