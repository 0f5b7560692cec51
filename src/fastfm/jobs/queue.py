"""Sending a job's id to the queue, bound to the transaction that created the job.

PostgreSQL: the pgqueuer row is inserted on the request's own connection, inside its
transaction, so it commits with the ``job`` row or not at all. SQLite (the embedded
default) has no pgqueuer schema: the id is kept on the session and handed to the
in-process queue after the commit, and dropped on rollback. Should the process stop in
between, the ``job`` row is still queued and the next start picks it up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from pgqueuer import AsyncpgDriver, Queries
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)

ENTRYPOINT = "fastfm_job"
_PENDING = "fastfm_pending_jobs"

LocalSender = Callable[[list[int]], Awaitable[None]]
_local_sender: LocalSender | None = None
_sending: set[asyncio.Task[None]] = set()


def payload_of(job_id: int) -> bytes:
    return str(job_id).encode()


def job_id_of(payload: bytes | None) -> int:
    return int((payload or b"0").decode())


def set_local_sender(sender: LocalSender | None) -> None:
    """Where committed job ids go on SQLite (the in-process runner sets it)."""
    global _local_sender
    _local_sender = sender


async def send_in_transaction(session: AsyncSession, job_id: int) -> None:
    """Queue ``job_id`` so that it is sent if and only if the session's transaction commits."""
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        raw = await connection.get_raw_connection()
        queries = Queries(AsyncpgDriver(raw.driver_connection))
        await queries.enqueue(ENTRYPOINT, payload_of(job_id))
        return
    session.info.setdefault(_PENDING, []).append(job_id)


@event.listens_for(Session, "after_commit")
def _send_committed(session: Session) -> None:
    job_ids: list[int] | None = session.info.pop(_PENDING, None)
    if not job_ids:
        return
    sender = _local_sender
    if sender is None:
        return  # no runner here: the next start recovers the queued jobs
    task = asyncio.get_running_loop().create_task(_send(sender, job_ids))
    _sending.add(task)
    task.add_done_callback(_sending.discard)


@event.listens_for(Session, "after_rollback")
def _drop_rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)


async def _send(sender: LocalSender, job_ids: list[int]) -> None:
    try:
        await sender(job_ids)
    except Exception:
        logger.exception("could not hand jobs %s to the local queue", job_ids)
