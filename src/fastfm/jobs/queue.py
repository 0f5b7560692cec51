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
import weakref
from collections.abc import Awaitable, Callable

from pgqueuer import AsyncpgDriver, Queries
from sqlalchemy import Engine, event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)

ENTRYPOINT = "fastfm_job"
_PENDING = "fastfm_pending_jobs"

LocalSender = Callable[[list[int]], Awaitable[None]]
# By engine: each app (and test) has its own database and its own runner.
_local_senders: weakref.WeakKeyDictionary[Engine, LocalSender] = weakref.WeakKeyDictionary()
_sending: set[asyncio.Task[None]] = set()


def payload_of(job_id: int) -> bytes:
    return str(job_id).encode()


def job_id_of(payload: bytes | None) -> int:
    return int((payload or b"0").decode())


def set_local_sender(engine: Engine, sender: LocalSender | None) -> None:
    """Where jobs committed through ``engine`` go on SQLite (its in-process runner)."""
    if sender is None:
        _local_senders.pop(engine, None)
    else:
        _local_senders[engine] = sender


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
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    sender = _local_senders.get(engine)
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
