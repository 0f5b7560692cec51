"""A Spotify import of 200 playlists x 100 tracks from the fake Spotify into PostgreSQL.

    .venv/bin/python bench/spotify_import.py      # make bench-import; --playlists/--tracks

1. Creates a fresh PostgreSQL database (dropped at the end) and migrates it.
2. Serves the suite's fake Spotify (tests/integrations/spotify/fake.py) on a real uvicorn
   on a free 127.0.0.1 port, in a thread of its own, holding ``--playlists`` playlists of
   ``--tracks`` tracks drawn from ``--distinct`` distinct tracks (each appears about twice),
   with artists and albums shared between tracks.
3. Links a user to the fake's account and queues one import job, which one job runner
   (a worker) runs. Every SQL statement the worker's engine sends is counted.
4. Prints the wall time from queueing to the job's end, SQL statements per imported
   playlist entry and per distinct track, and the fake's request count, beside the 30 s
   target.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import logging
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.integrations.spotify.fake import (
    CLIENT_ID,
    CLIENT_SECRET,
    FakeSpotify,
    item,
    track,
)
from tests.server import free_port

from fastfm.config import Settings
from fastfm.db import migrate
from fastfm.db.base import utcnow
from fastfm.db.session import Database
from fastfm.integrations.spotify.linking import cipher_for, user_context
from fastfm.integrations.spotify.models import SpotifyLink
from fastfm.jobs import service as job_service
from fastfm.jobs.models import Job
from fastfm.jobs.runner import JobRunner
from fastfm.users.models import User

ADMIN_DSN = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_SECONDS = 30.0


def fill(fake: FakeSpotify, playlists: int, tracks: int, distinct: int) -> None:
    for p in range(playlists):
        entries = [
            item(track(n, artist=n // 20, album=n // 10))
            for n in ((p * tracks + i) % distinct + 1 for i in range(tracks))
        ]
        fake.add_playlist(f"pl{p:05d}", f"Playlist {p}", entries, description=f"Mix {p}")


def serve_in_thread(fake: FakeSpotify) -> tuple[threading.Thread, Any]:
    import uvicorn

    port = free_port()
    config = uvicorn.Config(fake, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    fake.base_url = f"http://127.0.0.1:{port}"
    return thread, server


async def link_user(database: Database, settings: Settings, fake: FakeSpotify) -> int:
    fake.access_tokens["bench-access"] = time.time() + 3600
    fake.refresh_tokens.add("bench-refresh")
    cipher = cipher_for(settings)
    async with database.sessionmaker() as session, session.begin():
        user = User(email="bench@example.com", username="bench", password_hash="x")  # noqa: S106 - never logs in
        session.add(user)
        await session.flush()
        context = user_context(user.id)
        session.add(
            SpotifyLink(
                user_id=user.id,
                spotify_user_id=fake.user_id,
                scope="",
                access_token=cipher.encrypt("bench-access", context=context),
                refresh_token=cipher.encrypt("bench-refresh", context=context),
                access_expires_at=utcnow().replace(year=utcnow().year + 1),
            )
        )
        return user.id


async def run(args: argparse.Namespace) -> None:
    name = f"fastfm_bench_import_{uuid.uuid4().hex[:8]}"
    admin = await asyncpg.connect(ADMIN_DSN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    fake = FakeSpotify()
    fill(fake, args.playlists, args.tracks, args.distinct)
    _, server = serve_in_thread(fake)
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        settings = Settings(
            database_url=url,
            secret_key="bench-secret-key-that-is-long-enough-0123456789abcdef",  # noqa: S106
            spotify_client_id=CLIENT_ID,
            spotify_client_secret=CLIENT_SECRET,
            spotify_redirect_uri="http://127.0.0.1:9/callback",
            spotify_accounts_url=fake.base_url,
            spotify_api_url=fake.api_url,
            spotify_token_keys=[base64.urlsafe_b64encode(b"b" * 32).decode()],
            jobs_concurrency=1,
        )
        database = Database(url, pool_size=4)
        user_id = await link_user(database, settings, fake)

        def count(*_: Any) -> None:
            nonlocal statements
            statements += 1

        event.listen(database.engine.sync_engine, "before_cursor_execute", count)
        fake.requests.clear()
        runner = JobRunner(settings, database)
        await runner.start()
        statements = 0
        started = time.monotonic()
        async with database.sessionmaker() as session, session.begin():
            job = await job_service.enqueue(session, "spotify_import", user_id, {})
        watcher = Database(url, pool_size=1)  # polls outside the counted engine
        while True:
            async with watcher.sessionmaker() as session:
                done = await session.get(Job, job.id)
            assert done is not None
            if done.status in ("succeeded", "failed"):
                break
            await asyncio.sleep(0.1)
        seconds = time.monotonic() - started
        await runner.stop()
        await runner.close_resources()
        await database.dispose()
        await watcher.dispose()
        if done.status != "succeeded" or done.result is None:
            raise SystemExit(f"the import failed: {done.error}")
        entries = args.playlists * args.tracks
        distinct = done.result["tracks"]["distinct"]
        print(
            f"playlists: {done.result['playlists']['imported']}, entries: {entries:,}, "
            f"distinct tracks: {distinct:,} (created {done.result['tracks']['created']:,})"
        )
        print(f"wall time: {seconds:.1f} s (target < {TARGET_SECONDS:.0f} s)")
        print(
            f"SQL statements: {statements:,} = {statements / entries:.3f} per playlist entry, "
            f"{statements / distinct:.3f} per distinct track"
        )
        print(f"fake Spotify requests: {len(fake.requests):,}")
    finally:
        server.should_exit = True
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--playlists", type=int, default=200)
    parser.add_argument("--tracks", type=int, default=100)
    parser.add_argument("--distinct", type=int, default=10_000)
    logging.basicConfig(level=logging.WARNING)
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
