"""The jobs a runner is running, so that stopping it neither loses nor strands one.

A stop gives the running jobs ``FASTFM_JOBS_SHUTDOWN_SECONDS`` to finish. A job still
running then is interrupted and handed back: its row is ``queued`` again and the queue
gets it back at once (pgqueuer's retry with no delay), so the next worker runs it, and,
handlers being idempotent, completes the work once. Without this the job would end
cancelled in the middle: its queue entry gone and its row ``running`` for ever.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from datetime import timedelta
from typing import Any

from pgqueuer import RetryRequested

from fastfm.db.session import Database
from fastfm.jobs import execution

logger = logging.getLogger(__name__)

HANDED_BACK = "the process running it stopped"
HAND_BACK_SECONDS = 10.0


class InFlight:
    """Each running job's task, by job id."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._runs: set[asyncio.Task[Any]] = set()  # the tasks awaiting them (pgqueuer's)
        self._interrupted: set[int] = set()

    async def run(self, job_id: int, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` (job ``job_id``); raises ``RetryRequested`` if it was interrupted."""
        task = asyncio.create_task(work, name=f"job-{job_id}")
        current = asyncio.current_task()
        self._tasks[job_id] = task
        if current is not None:
            self._runs.add(current)
        try:
            await task  # cancelling this (pgqueuer's own cancel) cancels the task too
        except asyncio.CancelledError:
            if job_id not in self._interrupted or (current and current.cancelling()):
                raise
            await execution.hand_back(self.database, job_id)
            raise RetryRequested(delay=timedelta(0), reason=HANDED_BACK) from None
        finally:
            self._tasks.pop(job_id, None)
            self._interrupted.discard(job_id)
            if current is not None:
                self._runs.discard(current)

    async def drain(self, grace: float) -> None:
        """Let the running jobs finish for up to ``grace`` s, then interrupt the rest."""
        if self._tasks:
            await asyncio.wait(set(self._tasks.values()), timeout=grace)
        for job_id, task in list(self._tasks.items()):
            logger.warning("job %s still running at shutdown; handing it back", job_id)
            self._interrupted.add(job_id)
            task.cancel()
        # Each interrupted job's ``run`` now writes its row back and re-queues it.
        if self._runs:
            await asyncio.wait(set(self._runs), timeout=HAND_BACK_SECONDS)
