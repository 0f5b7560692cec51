"""Running one job: claim it, call its handler, record how it ended, retry with backoff.

A job may be delivered more than once (a worker killed mid-job, a restart): the claim
takes any queued or running job, and handlers are written to be idempotent, so a second
run completes the same work without duplicating it. A finished job is never run again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from pgqueuer import RetryRequested

from fastfm.config import Settings
from fastfm.db.session import Database
from fastfm.jobs import repository
from fastfm.jobs.events import JobEvent, emit
from fastfm.jobs.exceptions import JobFailed, JobRetryable
from fastfm.jobs.models import JobStatus

logger = logging.getLogger(__name__)


@dataclass
class JobContext:
    """What a handler gets: its job, the database, settings and shared resources."""

    job_id: int
    kind: str
    owner_id: int | None
    payload: dict[str, Any]
    attempt: int
    database: Database
    settings: Settings
    resources: dict[str, Any] = field(default_factory=dict)

    async def progress(self, done: int, total: int) -> None:
        """Record how far the job got (its own short transaction)."""
        async with self.database.sessionmaker() as session, session.begin():
            await repository.set_progress(session, self.job_id, done, total)


Handler = Callable[[JobContext], Awaitable[dict[str, Any] | None]]


def retry_delay(settings: Settings, attempt: int) -> float:
    """Exponential backoff: base, 2 x base, 4 x base... capped."""
    delay = settings.jobs_retry_base_seconds * (2 ** max(0, attempt - 1))
    return float(min(delay, settings.jobs_retry_max_seconds))


async def execute(
    job_id: int,
    handlers: dict[str, Handler],
    database: Database,
    settings: Settings,
    resources: dict[str, Any],
) -> None:
    """Run job ``job_id`` once; raises pgqueuer's ``RetryRequested`` to be tried again."""
    async with database.sessionmaker() as session, session.begin():
        job = await repository.claim(session, job_id)
    if job is None:
        return  # finished already (a duplicate delivery) or gone with its owner
    context = JobContext(
        job_id=job.id,
        kind=job.kind,
        owner_id=job.owner_id,
        payload=dict(job.payload or {}),
        attempt=job.attempts,
        database=database,
        settings=settings,
        resources=resources,
    )
    emit(JobEvent(job.id, job.kind, "started", job.attempts))
    started = time.monotonic()
    handler = handlers.get(job.kind)
    try:
        if handler is None:
            raise JobFailed(f"Unknown job kind {job.kind!r}")
        result = await handler(context)
    except JobFailed as exc:
        await _finish(context, JobStatus.FAILED, error=str(exc), started=started)
    except JobRetryable as exc:
        await _retry_or_fail(context, str(exc), started)
    except Exception:
        logger.exception("job %s (%s) failed unexpectedly", job.id, job.kind)
        await _retry_or_fail(context, "The job failed unexpectedly", started)
    else:
        await _finish(context, JobStatus.SUCCEEDED, result=result, started=started)


async def hand_back(database: Database, job_id: int) -> None:
    """An interrupted run: the job is queued again (its attempt stays counted)."""
    try:
        async with database.sessionmaker() as session, session.begin():
            job = await repository.release(session, job_id)
    except Exception:
        # The queue gets it back all the same; the next claim takes a running job too.
        logger.exception("job %s could not be marked queued again", job_id)
        return
    if job is not None:
        emit(JobEvent(job.id, job.kind, "handed_back", job.attempts))
        logger.info("job %s handed back to the queue", job_id)


async def _retry_or_fail(context: JobContext, error: str, started: float) -> None:
    settings = context.settings
    if context.attempt >= settings.jobs_max_attempts:
        message = f"{error} (gave up after {context.attempt} attempts)"
        await _finish(context, JobStatus.FAILED, error=message, started=started)
        return
    delay = retry_delay(settings, context.attempt)
    async with context.database.sessionmaker() as session, session.begin():
        await repository.finish(session, context.job_id, JobStatus.QUEUED, error=error)
    emit(JobEvent(context.job_id, context.kind, "retried", context.attempt))
    logger.info("job %s retried in %.1f s: %s", context.job_id, delay, error)
    raise RetryRequested(delay=timedelta(seconds=delay), reason=error)


async def _finish(
    context: JobContext,
    status: JobStatus,
    *,
    started: float,
    result: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    async with context.database.sessionmaker() as session, session.begin():
        await repository.finish(session, context.job_id, status, result=result, error=error)
    outcome = "succeeded" if status is JobStatus.SUCCEEDED else "failed"
    seconds = time.monotonic() - started
    emit(JobEvent(context.job_id, context.kind, outcome, context.attempt, seconds))
