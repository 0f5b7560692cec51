"""The embedded runner (SQLite) when its process stops: a running job finishes within
the grace period, or is queued again and the next start completes it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from fastapi import FastAPI

from fastfm.jobs import kinds, service
from fastfm.jobs.models import Job
from fastfm.main import create_app
from tests.conftest import Profile, make_settings, migrate_to_head
from tests.jobs.helpers import load_job, wait_for_job
from tests.jobs.slow_worker import SLEEP_KIND, handlers_with_sleep


@pytest.fixture(autouse=True)
def sleep_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every runner these tests start knows ``sleep`` jobs from its first sweep on."""
    monkeypatch.setattr(kinds, "handlers", handlers_with_sleep)


async def sqlite_app(tmp_path: Path, grace: float) -> tuple[FastAPI, Profile]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fastfm.db'}"
    if not (tmp_path / "fastfm.db").exists():
        await migrate_to_head(url)
    settings = make_settings(url, tmp_path, jobs_shutdown_seconds=grace)
    app = create_app(settings)
    return app, Profile("sqlite", settings, app)


async def queue_sleep(profile: Profile, seconds: float) -> int:
    async with profile.session() as session, session.begin():
        return (await service.enqueue(session, SLEEP_KIND, None, {"seconds": seconds})).id


async def wait_until_running(profile: Profile, job_id: int) -> None:
    async with asyncio.timeout(20):
        while True:
            job = await load_job(profile, job_id)
            if job is not None and job.status == "running":
                return
            await asyncio.sleep(0.02)


async def test_stopping_waits_for_a_job_that_ends_within_the_grace_period(
    tmp_path: Path,
) -> None:
    app, profile = await sqlite_app(tmp_path, grace=10.0)
    async with app.router.lifespan_context(app):
        job_id = await queue_sleep(profile, 0.5)
        await wait_until_running(profile, job_id)
    # The lifespan has ended: the job ran to its end first.
    job = await load_job(profile, job_id)
    assert job is not None
    assert (job.status, job.attempts, job.result) == (
        "succeeded",
        1,
        {"finished_on_attempt": 1},
    )


async def test_a_job_still_running_is_queued_again_and_the_next_start_completes_it(
    tmp_path: Path,
) -> None:
    first, profile = await sqlite_app(tmp_path, grace=0.2)
    async with first.router.lifespan_context(first):
        job_id = await queue_sleep(profile, 600.0)
        await wait_until_running(profile, job_id)
        async with asyncio.timeout(10):  # the stop hands it back at once, not in 600 s
            await first.state.job_runner.stop()
        handed_back = await load_job(profile, job_id)
    assert handed_back is not None
    assert (handed_back.status, handed_back.attempts) == ("queued", 1)
    assert handed_back.finished_at is None

    second, profile = await sqlite_app(tmp_path, grace=0.2)
    async with second.router.lifespan_context(second):
        done: Job = await wait_for_job(profile, job_id)
    assert (done.status, done.attempts) == ("succeeded", 2)
    assert done.result == {"finished_on_attempt": 2}
