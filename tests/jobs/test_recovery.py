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


async def test_one_runner_per_sqlite_file_takes_every_processes_jobs(tmp_path: Path) -> None:
    """Two apps on one SQLite file (as `fastfm serve --workers 2`): one runs all the jobs."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'fastfm.db'}"
    await migrate_to_head(url)
    settings = make_settings(url, tmp_path)
    first, second = create_app(settings), create_app(settings)
    async with first.router.lifespan_context(first), second.router.lifespan_context(second):
        holder, standby = first.state.job_runner, second.state.job_runner
        assert holder._managers is not None
        assert standby._managers is None  # waiting for the lock
        async with second.state.database.sessionmaker() as session, session.begin():
            user = User(email="a@example.com", username="alice", password_hash="x")
            session.add(user)
            await session.flush()
            job = Job(kind="no_such_kind", owner_id=user.id, payload={}, status="queued")
            session.add(job)
        # Committed where no runner is: the holder's sweep takes it.
        done = await wait_for_job(Profile("sqlite", settings, second), job.id, limit=10)
        assert (done.status, done.attempts) == ("failed", 1)

        await holder.stop()
        async with second.state.database.sessionmaker() as session, session.begin():
            later = Job(kind="no_such_kind", owner_id=user.id, payload={}, status="queued")
            session.add(later)
        taken_over = await wait_for_job(Profile("sqlite", settings, second), later.id, limit=10)
        assert (taken_over.status, taken_over.attempts) == ("failed", 1)
        assert standby._managers is not None
