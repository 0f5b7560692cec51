"""Queueing jobs the way services do, and waiting for them to end."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastfm.jobs import service
from fastfm.jobs.execution import Handler
from fastfm.jobs.models import Job
from fastfm.jobs.runner import JobRunner
from tests.conftest import Profile

FINISHED = ("succeeded", "failed")


def runner_of(profile: Profile) -> JobRunner:
    runner: JobRunner = profile.app.state.job_runner
    return runner


def register_handler(profile: Profile, kind: str, handler: Handler) -> None:
    runner_of(profile).handlers[kind] = handler


async def queue_job(
    profile: Profile, kind: str, owner_id: int | None, payload: dict[str, Any] | None = None
) -> int:
    """Queue a job in its own committed transaction; returns its id."""
    async with profile.session() as session, session.begin():
        job = await service.enqueue(session, kind, owner_id, payload or {})
        return job.id


async def load_job(profile: Profile, job_id: int) -> Job | None:
    async with profile.session() as session:
        return await session.get(Job, job_id)


async def wait_for_job(profile: Profile, job_id: int, limit: float = 30.0) -> Job:
    """The job once it has succeeded or failed (fails the test after ``limit`` s)."""
    deadline = time.monotonic() + limit
    while True:
        job = await load_job(profile, job_id)
        assert job is not None, f"job {job_id} is gone"
        if job.status in FINISHED:
            return job
        assert time.monotonic() < deadline, f"job {job_id} still {job.status}"
        await asyncio.sleep(0.05)
