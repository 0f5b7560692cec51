"""SIGTERM to ``fastfm worker`` mid-job (PostgreSQL): the job finishes within the grace
period, or goes back to the queue and the next worker completes it; never lost, never
left ``running``."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from fastfm.db.session import Database
from fastfm.jobs import service
from fastfm.jobs.models import Job
from fastfm.jobs.runner import install_queue_schema
from tests.backends import postgres_database
from tests.conftest import TEST_SECRET, migrate_to_head
from tests.jobs.slow_worker import SLEEP_KIND

# Longer than any wait below: a job seen again came back by hand-back, not by heartbeat.
HEARTBEAT_SECONDS = "120"
EXIT_WITHIN_SECONDS = 20.0


@pytest.fixture
async def database() -> AsyncIterator[Database]:
    async with postgres_database() as url:
        await migrate_to_head(url)
        await install_queue_schema(url)  # as the API's first start does
        database = Database(url, pool_size=2)
        try:
            yield database
        finally:
            await database.dispose()


@contextmanager
def worker(database: Database, log: Path, grace: float) -> Iterator[subprocess.Popen[bytes]]:
    """A real ``fastfm worker`` process (with the ``sleep`` kind) on ``database``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FASTFM_")}
    env.update(
        FASTFM_DATABASE_URL=database.url,
        FASTFM_SECRET_KEY=TEST_SECRET,
        FASTFM_JOBS_HEARTBEAT_SECONDS=HEARTBEAT_SECONDS,
        FASTFM_JOBS_SHUTDOWN_SECONDS=str(grace),
        FASTFM_LOG_LEVEL="INFO",
    )
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.jobs.slow_worker", "worker"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


async def queue_sleep(database: Database, seconds: float) -> int:
    async with database.sessionmaker() as session, session.begin():
        job = await service.enqueue(session, SLEEP_KIND, None, {"seconds": seconds})
        return job.id


async def job_row(database: Database, job_id: int) -> Job:
    async with database.sessionmaker() as session:
        job = await session.get(Job, job_id)
    assert job is not None
    return job


async def wait_for_status(database: Database, job_id: int, status: str, log: Path) -> Job:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = await job_row(database, job_id)
        if job.status == status:
            return job
        await asyncio.sleep(0.05)
    output = await asyncio.to_thread(log.read_text, errors="replace")
    raise AssertionError(f"job {job_id} never {status}:\n{output}")


async def queue_entries(database: Database, job_id: int) -> list[str]:
    """The statuses of pgqueuer's entries that carry ``job_id``."""
    async with database.engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT status FROM pgqueuer WHERE payload = :payload"),
            {"payload": str(job_id).encode()},
        )
        return [str(status) for (status,) in rows]


async def stop(process: subprocess.Popen[bytes]) -> tuple[int, float]:
    began = time.monotonic()
    os.killpg(process.pid, signal.SIGTERM)
    exit_code = await asyncio.to_thread(process.wait, EXIT_WITHIN_SECONDS)
    return exit_code, time.monotonic() - began


async def test_a_job_that_ends_within_the_grace_period_finishes(
    database: Database, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    job_id = await queue_sleep(database, 2.0)
    with worker(database, log, grace=15.0) as process:
        await wait_for_status(database, job_id, "running", log)
        exit_code, took = await stop(process)
    assert exit_code == 0
    assert took >= 1.0  # it waited for the job
    job = await job_row(database, job_id)
    assert (job.status, job.attempts) == ("succeeded", 1)
    assert job.result == {"finished_on_attempt": 1}
    assert (job.progress_done, job.progress_total) == (1, 1)
    assert await queue_entries(database, job_id) == []  # done with, not queued again


async def test_a_job_still_running_is_handed_back_and_the_next_worker_completes_it(
    database: Database, tmp_path: Path
) -> None:
    log = tmp_path / "worker.log"
    job_id = await queue_sleep(database, 600.0)
    with worker(database, log, grace=1.0) as first:
        await wait_for_status(database, job_id, "running", log)
        exit_code, took = await stop(first)
    assert exit_code == 0
    assert took < EXIT_WITHIN_SECONDS
    handed_back = await job_row(database, job_id)
    assert (handed_back.status, handed_back.attempts) == ("queued", 1)
    assert handed_back.finished_at is None
    assert handed_back.result is None
    assert await queue_entries(database, job_id) == ["queued"]
    assert "handed back" in log.read_text(errors="replace")

    with worker(database, log, grace=1.0) as second:
        done = await wait_for_status(database, job_id, "succeeded", log)
        exit_code, _ = await stop(second)
    assert exit_code == 0
    assert done.attempts == 2
    assert done.result == {"finished_on_attempt": 2}
    assert await queue_entries(database, job_id) == []
