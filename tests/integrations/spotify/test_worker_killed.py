"""A worker killed with SIGKILL mid-import: another picks the job up; it completes once."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from fastfm.catalog.songs.models import Song
from fastfm.playlists.models import Playlist, PlaylistEntry
from tests.conftest import Profile
from tests.factories.users import register_and_login
from tests.integrations.spotify.conftest import REDIRECT_URI, TOKEN_KEY
from tests.integrations.spotify.fake import CLIENT_ID, CLIENT_SECRET, FakeSpotify, item, track
from tests.integrations.spotify.helpers import link
from tests.integrations.spotify.test_import import start_import
from tests.jobs.helpers import load_job, runner_of, wait_for_job
from tests.server import server_environment

pytestmark = pytest.mark.postgres_only

PLAYLISTS = 12
TRACKS = 40


def worker_environment(profile: Profile, fake: FakeSpotify) -> dict[str, str]:
    env = server_environment(profile.settings)
    env.update(
        FASTFM_SPOTIFY_CLIENT_ID=CLIENT_ID,
        FASTFM_SPOTIFY_CLIENT_SECRET=CLIENT_SECRET,
        FASTFM_SPOTIFY_REDIRECT_URI=REDIRECT_URI,
        FASTFM_SPOTIFY_ACCOUNTS_URL=fake.base_url,
        FASTFM_SPOTIFY_API_URL=fake.api_url,
        FASTFM_SPOTIFY_TOKEN_KEYS=TOKEN_KEY,
        FASTFM_JOBS_HEARTBEAT_SECONDS="2",
        FASTFM_JOBS_RETRY_BASE_SECONDS="0.05",
    )
    return env


def start_worker(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from fastfm.cli import app; app()", "worker", *args]
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603 - our own interpreter and command
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen[bytes], signum: signal.Signals) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signum)
        process.wait(timeout=20)


@pytest.fixture
async def no_in_process_jobs(profile: Profile) -> AsyncIterator[None]:
    """Only the worker processes run jobs in this test (as with FASTFM_JOBS_IN_PROCESS=false)."""
    runner = runner_of(profile)
    await runner.stop()
    try:
        yield
    finally:
        await runner.start()


async def count(profile: Profile, model: object) -> int:
    async with profile.session() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)  # type: ignore[arg-type]


async def test_killed_worker_job_completes_once(
    client: AsyncClient,
    profile: Profile,
    fake: FakeSpotify,
    no_in_process_jobs: None,
    tmp_path: Path,
) -> None:
    alice = await register_and_login(client, "alice")
    await link(client, alice)
    for p in range(PLAYLISTS):
        tracks = [item(track(p * TRACKS + n)) for n in range(TRACKS)]
        fake.add_playlist(f"pl{p:02d}", f"Playlist {p}", tracks)
    # The worker stalls on the 8th playlist, with seven already written: killed there.
    fake.fail("/playlists/pl07/items", None, delay=30.0)
    env = worker_environment(profile, fake)
    log = tmp_path / "worker.log"

    job_id = await start_import(client, alice, {"include_liked": False})
    first = start_worker(env, log)
    try:
        deadline = time.monotonic() + 60
        while not any(p.endswith("/pl07/items") for _, p in fake.api_requests()):
            assert time.monotonic() < deadline, log.read_text()
            await asyncio.sleep(0.05)
        assert await count(profile, Playlist) == 7
        running = await load_job(profile, job_id)
        assert running is not None
        assert (running.status, running.attempts) == ("running", 1)
        assert (running.progress_done, running.progress_total) == (7, PLAYLISTS)
        stop(first, signal.SIGKILL)

        second = start_worker(env, log)
        try:
            job = await wait_for_job(profile, job_id, limit=90)
        finally:
            stop(second, signal.SIGTERM)
    finally:
        stop(first, signal.SIGKILL)

    assert job.status == "succeeded", (job.error, log.read_text())
    assert job.attempts == 2
    assert job.result is not None
    assert job.result["playlists"]["imported"] == PLAYLISTS
    assert await count(profile, Playlist) == PLAYLISTS
    assert await count(profile, Song) == PLAYLISTS * TRACKS
    assert await count(profile, PlaylistEntry) == PLAYLISTS * TRACKS


async def test_worker_processes_share_the_queue_and_stop_on_sigterm(
    client: AsyncClient,
    profile: Profile,
    fake: FakeSpotify,
    no_in_process_jobs: None,
    tmp_path: Path,
) -> None:
    users = [await register_and_login(client, name) for name in ("alice", "bob", "carol")]
    for user in users:
        await link(client, user)
    fake.add_playlist("pl", "Shared", [item(track(n)) for n in range(20)])
    log = tmp_path / "workers.log"
    workers = start_worker(worker_environment(profile, fake), log, "--processes", "2")
    try:
        job_ids = [await start_import(client, user, {"include_liked": False}) for user in users]
        jobs = [await wait_for_job(profile, job_id, limit=90) for job_id in job_ids]
    finally:
        stop(workers, signal.SIGTERM)

    assert [(j.status, j.attempts) for j in jobs] == [("succeeded", 1)] * 3, log.read_text()
    assert workers.returncode == 0, log.read_text()
    assert await count(profile, Playlist) == 3  # one copy each
    assert await count(profile, Song) == 20  # shared, never duplicated
