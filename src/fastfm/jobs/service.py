"""Creating and reading jobs. Only flushes: the caller's transaction commits the job."""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.jobs import queue, repository
from fastfm.jobs.exceptions import JobNotFound
from fastfm.jobs.models import Job, JobStatus
from fastfm.observability import metrics
from fastfm.users.models import User


async def enqueue_unique(
    session: AsyncSession, kind: str, owner_id: int, payload: dict[str, Any]
) -> tuple[Job, bool]:
    """Queue a job of ``kind`` for ``owner_id``, unless one is queued or running already.

    Returns the job and whether it is new. The job is sent to the queue with the caller's
    transaction: a rollback leaves neither the row nor the message.
    """
    key = f"{kind}:{owner_id}"
    existing = await repository.find_active(session, key)
    if existing is not None:
        return existing, False
    job = Job(
        kind=kind,
        owner_id=owner_id,
        payload=payload,
        status=JobStatus.QUEUED.value,
        singleton_key=key,
    )
    try:
        async with session.begin_nested():
            session.add(job)
            await session.flush()
    except IntegrityError:
        # Another request queued one between our look and our insert: that one stands.
        raced = await repository.find_active(session, key)
        if raced is None:
            raise
        return raced, False
    await queue.send_in_transaction(session, job.id)
    metrics.job_enqueued(kind)
    return job, True


async def enqueue(
    session: AsyncSession, kind: str, owner_id: int | None, payload: dict[str, Any]
) -> Job:
    """Queue a job (several of a kind may run at once)."""
    job = Job(kind=kind, owner_id=owner_id, payload=payload, status=JobStatus.QUEUED.value)
    session.add(job)
    await session.flush()
    await queue.send_in_transaction(session, job.id)
    metrics.job_enqueued(kind)
    return job


async def get_own_job(session: AsyncSession, user: User, job_id: int) -> Job:
    """The caller's job; 404 for anyone else's (or none)."""
    job = await repository.get(session, job_id)
    if job is None or job.owner_id != user.id:
        raise JobNotFound()
    return job
