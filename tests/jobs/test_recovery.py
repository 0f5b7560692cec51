"""The embedded default (SQLite): jobs queued or running when the process stopped run at start."""

from __future__ import annotations

from pathlib import Path

from fastfm.jobs.models import Job
from fastfm.main import create_app
from fastfm.users.models import User
from tests.conftest import Profile, make_settings, migrate_to_head
from tests.jobs.helpers import wait_for_job


async def test_queued_and_interrupted_jobs_run_at_the_next_start(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'fastfm.db'}"
    await migrate_to_head(url)
    settings = make_settings(url, tmp_path)
    first = create_app(settings)
    async with first.router.lifespan_context(first):
        # The process stops running jobs before it commits these (as if it died right after).
        await first.state.job_runner.stop()
        async with first.state.database.sessionmaker() as session, session.begin():
            user = User(email="a@example.com", username="alice", password_hash="x")
            session.add(user)
            await session.flush()
            # As a process leaves them when it stops: one never started, one mid-run.
            queued = Job(kind="no_such_kind", owner_id=user.id, payload={}, status="queued")
            running = Job(
                kind="no_such_kind", owner_id=user.id, payload={}, status="running", attempts=1
            )
            done = Job(kind="no_such_kind", owner_id=user.id, payload={}, status="succeeded")
            session.add_all([queued, running, done])

    second = create_app(settings)
    async with second.router.lifespan_context(second):
        profile = Profile("sqlite", settings, second)
        ran_queued = await wait_for_job(profile, queued.id)
        ran_running = await wait_for_job(profile, running.id)
        kept = await wait_for_job(profile, done.id)

    assert (ran_queued.status, ran_queued.attempts) == ("failed", 1)
    assert ran_queued.error == "Unknown job kind 'no_such_kind'"
    assert (ran_running.status, ran_running.attempts) == ("failed", 2)
    assert (kept.status, kept.attempts) == ("succeeded", 0)
