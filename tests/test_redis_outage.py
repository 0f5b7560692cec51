"""Redis stops and starts again under a running app: nothing crashes, everything recovers.

Each profile's database (SQLite, PostgreSQL) is used with a Redis server of this module's
own, on a free port, which the tests stop and start. While it is down, logins work and
stay throttled (by in-process counters, the switch logged once), catalog, playlist and
library reads and writes are untouched, shuffle answers 503 ``shuffle_unavailable`` with
``Retry-After``, and ``/readyz`` names Redis. Once it is back, throttling and shuffle use
it again without a restart.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from httpx import ASGITransport, AsyncClient, Response
from redis.asyncio import Redis
from sqlalchemy import func, select

from fastfm.library.likes.models import SongLike
from fastfm.main import create_app
from fastfm.playlists.models import Playlist, PlaylistEntry
from tests.backends import postgres_database
from tests.conftest import Profile, make_settings, migrate_to_head, reset
from tests.factories.playlists import add_tracks, create_playlist, make_songs, quick_user
from tests.factories.users import DEFAULT_PASSWORD, login_response, register, register_admin
from tests.redis_server import PrivateRedis, private_redis

ACCOUNT_LIMIT = 3
RETRY_SECONDS = 0.2
OUTAGE_STARTS = "Redis does not answer"
OUTAGE_ENDS = "Redis answers again"


@dataclass
class Outage:
    profile: Profile
    redis: PrivateRedis
    client: AsyncClient

    def prefix_pattern(self) -> str:
        return f"{self.profile.settings.redis_key_prefix}:*"

    async def redis_keys(self, pattern: str) -> list[bytes]:
        client = Redis.from_url(self.redis.url)
        try:
            return [key async for key in client.scan_iter(match=pattern)]
        finally:
            await client.aclose()

    async def back_up(self) -> None:
        """Start Redis again and let the app's retry time pass."""
        self.redis.start()
        await asyncio.sleep(RETRY_SECONDS * 2)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
async def outage_profile(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[tuple[Profile, PrivateRedis]]:
    folder = tmp_path_factory.mktemp(f"redis-outage-{request.param}")
    with private_redis(folder) as redis:
        overrides: dict[str, object] = {
            "redis_url": redis.url,
            "redis_key_prefix": f"fastfm-test-{uuid.uuid4().hex[:8]}",
            "login_account_limit": f"{ACCOUNT_LIMIT}/5minutes",
        }
        if request.param == "sqlite":
            url = f"sqlite+aiosqlite:///{(folder / 'fastfm.db').as_posix()}"
            async for running in _running(request.param, make_settings(url, folder, **overrides)):
                yield running, redis
            return
        async with postgres_database() as url:
            settings = make_settings(url, folder, **overrides)
            async for running in _running(request.param, settings):
                yield running, redis


async def _running(name: str, settings: Any) -> AsyncIterator[Profile]:
    await migrate_to_head(settings.resolved_database_url)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        app.state.shared.redis_outage.retry_seconds = RETRY_SECONDS
        yield Profile(name=name, settings=settings, app=app)


@pytest.fixture
async def outage(outage_profile: tuple[Profile, PrivateRedis]) -> AsyncIterator[Outage]:
    profile, redis = outage_profile
    transport = ASGITransport(app=profile.app, client=("203.0.113.7", 50000))
    try:
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield Outage(profile, redis, http)
    finally:
        if not redis.running:
            redis.start()
        await reset(profile)
        await profile.shared.local_limiter_storage.reset()
        profile.shared.redis_outage.answered()  # the next test starts with Redis up


def assert_shuffle_unavailable(response: Response) -> None:
    assert response.status_code == 503, response.text
    assert response.json() == {
        "detail": "Shuffle is unavailable: its session store does not answer; try again later",
        "code": "shuffle_unavailable",
    }
    assert int(response.headers["retry-after"]) >= 1


def outage_records(caplog: pytest.LogCaptureFixture, text: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "fastfm.state" and text in r.getMessage()]


class TestLoginDuringAnOutage:
    async def test_logins_work_and_stay_throttled_by_local_counters(
        self, outage: Outage, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.WARNING, logger="fastfm.state")
        await register(outage.client, "ada")
        outage.redis.stop()

        for _ in range(3):
            response = await login_response(outage.client, "ada", DEFAULT_PASSWORD)
            assert response.status_code == 200, response.text
            assert response.json()["token_type"] == "bearer"
        for _ in range(ACCOUNT_LIMIT):
            response = await login_response(outage.client, "ada", "wrong password")
            assert response.status_code == 401, response.text
        blocked = await login_response(outage.client, "ada", DEFAULT_PASSWORD)
        assert blocked.status_code == 429, blocked.text
        assert blocked.json()["code"] == "too_many_login_attempts"
        assert int(blocked.headers["retry-after"]) >= 1
        # Logged when the outage began, not on every one of the seven logins.
        assert len(outage_records(caplog, OUTAGE_STARTS)) == 1

    async def test_throttling_returns_to_redis_when_it_is_back(
        self, outage: Outage, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.WARNING, logger="fastfm.state")
        await register(outage.client, "ada")
        outage.redis.stop()
        for _ in range(ACCOUNT_LIMIT):
            assert (await login_response(outage.client, "ada", "nope")).status_code == 401
        assert (await login_response(outage.client, "ada", DEFAULT_PASSWORD)).status_code == 429

        await outage.back_up()
        # The restarted Redis is empty and is what counts again: the in-process block
        # of the outage no longer applies, and new failures land in Redis.
        response = await login_response(outage.client, "ada", DEFAULT_PASSWORD)
        assert response.status_code == 200, response.text
        assert await outage.redis_keys(f"{outage.prefix_pattern()}limits*login-failures*") == []
        assert (await login_response(outage.client, "ada", "nope")).status_code == 401
        assert await outage.redis_keys(f"{outage.prefix_pattern()}limits*login-failures*") != []
        assert len(outage_records(caplog, OUTAGE_STARTS)) == 1
        assert len(outage_records(caplog, OUTAGE_ENDS)) == 1

    async def test_a_redis_that_accepts_but_never_answers_costs_one_timeout(
        self, outage: Outage
    ) -> None:
        await register(outage.client, "ada")
        outage.redis.freeze()
        try:
            started = time.monotonic()
            response = await login_response(outage.client, "ada", DEFAULT_PASSWORD)
            first = time.monotonic() - started
            assert response.status_code == 200, response.text
            started = time.monotonic()
            response = await login_response(outage.client, "ada", DEFAULT_PASSWORD)
            assert response.status_code == 200, response.text
            # The command timeout (tried twice) bounds the first; the next skips Redis.
            assert first < 8
            assert time.monotonic() - started < 1
        finally:
            outage.redis.thaw()

    async def test_an_outage_does_not_slow_logins_down(self, outage: Outage) -> None:
        await register(outage.client, "ada")
        outage.redis.stop()
        started = time.monotonic()
        for _ in range(5):
            response = await login_response(outage.client, "ada", DEFAULT_PASSWORD)
            assert response.status_code == 200, response.text
        # Refused connections fail at once, and within the retry time Redis is not tried.
        assert time.monotonic() - started < 5


class TestReadiness:
    async def test_readyz_names_redis_while_it_is_down_and_recovers(self, outage: Outage) -> None:
        assert (await outage.client.get("/readyz")).json()["checks"]["redis"] == "ok"
        outage.redis.stop()
        response = await outage.client.get("/readyz")
        assert response.status_code == 503
        assert response.json() == {
            "status": "unavailable",
            "checks": {"database": "ok", "redis": "down"},
        }
        await outage.back_up()
        response = await outage.client.get("/readyz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}


class TestCatalogPlaylistsLibrary:
    async def test_reads_and_writes_are_unaffected(self, outage: Outage) -> None:
        client, profile = outage.client, outage.profile
        admin = await register_admin(client, profile)
        outage.redis.stop()

        artist = await client.post("/api/v1/artists", json={"name": "Nina"}, headers=admin.headers)
        assert artist.status_code == 201, artist.text
        body = {"title": "Sinnerman", "artist_ids": [artist.json()["id"]], "duration_ms": 1000}
        song = await client.post("/api/v1/songs", json=body, headers=admin.headers)
        assert song.status_code == 201, song.text
        song_id = song.json()["id"]
        listed = await client.get("/api/v1/songs")
        assert listed.status_code == 200
        assert [s["id"] for s in listed.json()["items"]] == [song_id]
        assert (await client.get(f"/api/v1/songs/{song_id}")).json()["title"] == "Sinnerman"

        playlist = await create_playlist(client, admin, name="Outage mix")
        await add_tracks(client, admin, playlist["id"], [song_id, song_id])
        read = await client.get(f"/api/v1/playlists/{playlist['id']}", headers=admin.headers)
        assert read.status_code == 200
        assert read.json()["track_count"] == 2
        assert read.json()["total_duration_ms"] == 2000

        liked = await client.post(f"/api/v1/me/liked/{song_id}", headers=admin.headers)
        assert liked.status_code == 201, liked.text
        likes = await client.get("/api/v1/me/liked", headers=admin.headers)
        assert likes.status_code == 200
        assert [item["song"]["id"] for item in likes.json()["items"]] == [song_id]
        played = await client.post(
            "/api/v1/me/plays", json={"song_id": song_id}, headers=admin.headers
        )
        assert played.status_code == 201, played.text

        async with profile.session() as session:
            entries = await session.scalar(
                select(func.count()).where(PlaylistEntry.playlist_id == playlist["id"])
            )
            stored = await session.get(Playlist, playlist["id"])
            like_rows = await session.scalar(select(func.count()).select_from(SongLike))
        assert entries == 2
        assert stored is not None
        assert stored.total_duration_ms == 2000
        assert like_rows == 1


class TestShuffle:
    async def test_shuffle_answers_503_while_redis_is_down_and_works_again_after(
        self, outage: Outage, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.WARNING, logger="fastfm.state")
        client, profile = outage.client, outage.profile
        owner = await quick_user(profile, "olga")
        song_ids = await make_songs(profile, 4)
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], song_ids)
        url = f"/api/v1/playlists/{playlist['id']}/shuffle"
        assert (await client.post(url, json={"seed": 7}, headers=owner.headers)).status_code == 201
        first = await client.get(f"{url}/next", headers=owner.headers)
        assert first.status_code == 200

        outage.redis.stop()
        for _ in range(3):
            assert_shuffle_unavailable(await client.get(f"{url}/next", headers=owner.headers))
        assert_shuffle_unavailable(await client.get(url, headers=owner.headers))
        assert_shuffle_unavailable(await client.post(url, headers=owner.headers))
        assert_shuffle_unavailable(await client.delete(url, headers=owner.headers))
        liked = "/api/v1/me/liked/shuffle/next"
        assert_shuffle_unavailable(await client.get(liked, headers=owner.headers))
        # Access is still checked first: a stranger's playlist stays invisible.
        stranger = await quick_user(profile, "sam")
        response = await client.get(f"{url}/next", headers=stranger.headers)
        assert response.status_code == 404
        assert len(outage_records(caplog, OUTAGE_STARTS)) == 1

        await outage.back_up()
        seen = []
        for _ in range(len(song_ids)):
            response = await client.get(f"{url}/next", headers=owner.headers)
            assert response.status_code == 200, response.text
            seen.append(response.json()["song"]["id"])
        # A fresh session (the restarted Redis is empty): one whole cycle, no repeats.
        assert sorted(seen) == song_ids
        session = await client.get(url, headers=owner.headers)
        assert session.status_code == 200
        assert session.json()["played"] == len(song_ids)
        assert await outage.redis_keys(f"{outage.prefix_pattern()}shuffle*") != []
