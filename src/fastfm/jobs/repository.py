"""Every query on the ``job`` table."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.db.base import utcnow
from fastfm.jobs.models import ACTIVE_STATUSES, Job, JobStatus


async def get(session: AsyncSession, job_id: int) -> Job | None:
    return await session.get(Job, job_id)


async def find_active(session: AsyncSession, singleton_key: str) -> Job | None:
    statement = select(Job).where(
        Job.singleton_key == singleton_key, Job.status.in_(ACTIVE_STATUSES)
    )
    return (await session.execute(statement)).scalars().first()


async def active_ids(session: AsyncSession) -> list[int]:
    statement = select(Job.id).where(Job.status.in_(ACTIVE_STATUSES)).order_by(Job.id)
    return list((await session.execute(statement)).scalars())


async def claim(session: AsyncSession, job_id: int) -> Job | None:
    """Mark a queued (or orphaned running) job as running, one attempt more; None if done."""
    now = utcnow()
    statement = (
        update(Job)
        .where(Job.id == job_id, Job.status.in_(ACTIVE_STATUSES))
        .values(status=JobStatus.RUNNING.value, attempts=Job.attempts + 1, updated_at=now)
        .returning(Job.id)
    )
    if (await session.execute(statement)).scalar_one_or_none() is None:
        return None
    job = await session.get(Job, job_id, populate_existing=True)
    if job is not None and job.started_at is None:
        job.started_at = now
    return job


async def release(session: AsyncSession, job_id: int) -> Job | None:
    """A running job back to queued (its run was interrupted); None if it was not running."""
    statement = (
        update(Job)
        .where(Job.id == job_id, Job.status == JobStatus.RUNNING.value)
        .values(status=JobStatus.QUEUED.value, updated_at=utcnow())
        .returning(Job.id)
    )
    if (await session.execute(statement)).scalar_one_or_none() is None:
        return None
    return await session.get(Job, job_id, populate_existing=True)


async def set_progress(session: AsyncSession, job_id: int, done: int, total: int) -> None:
    await session.execute(
        update(Job)
        .where(Job.id == job_id)
        .values(progress_done=done, progress_total=total, updated_at=utcnow())
    )


async def finish(
    session: AsyncSession,
    job_id: int,
    status: JobStatus,
    *,
    result: dict[str, Any] | None = None,
    error: str | None = None,
    finished_at: datetime | None = None,
) -> None:
    values: dict[str, Any] = {"status": status.value, "error": error, "updated_at": utcnow()}
    if status in (JobStatus.SUCCEEDED, JobStatus.FAILED):
        values["finished_at"] = finished_at or utcnow()
        values["result"] = result
    await session.execute(update(Job).where(Job.id == job_id).values(**values))
