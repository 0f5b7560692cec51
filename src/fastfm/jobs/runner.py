"""The job runner: a pgqueuer ``QueueManager`` (and scheduler) inside an API or worker process.

PostgreSQL: jobs live in pgqueuer's tables; any number of processes dequeue them with
``FOR UPDATE SKIP LOCKED``, and a job whose worker stopped sending heartbeats (killed,
crashed) is picked again after ``FASTFM_JOBS_HEARTBEAT_SECONDS``.
SQLite: pgqueuer's in-memory queue in this process; at start it is filled from the
``job`` table with every job still queued or running, so nothing is lost across restarts.
Stopping (SIGTERM) lets running jobs finish or hands them back (``inflight``).
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import suppress
from datetime import timedelta
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from pgqueuer import (
    AsyncpgDriver,
    InMemoryDriver,
    InMemoryQueries,
    Queries,
    QueueManager,
    RetryRequested,
)
from pgqueuer.models import Job as QueueJob
from pgqueuer.models import Schedule
from pgqueuer.ports import RepositoryPort
from pgqueuer.sm import SchedulerManager
from sqlalchemy.engine import make_url

from fastfm.config import Settings
from fastfm.db.session import Database
from fastfm.jobs import embedded, execution, kinds, periodic, queue, repository
from fastfm.jobs.inflight import InFlight

logger = logging.getLogger(__name__)

PURGE_ENTRYPOINT = "fastfm_tokens_purge"
# How often the PostgreSQL runner checks its queue connection, and the reconnect backoff.
SUPERVISE_SECONDS = 1.0
RECONNECT_MIN_SECONDS = 1.0
RECONNECT_MAX_SECONDS = 30.0


def asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def install_queue_schema(url: str) -> None:
    """Create pgqueuer's tables on PostgreSQL if missing (serialised by an advisory lock)."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        queries = Queries(AsyncpgDriver(connection))
        async with queries.schema_lock():
            if not await queries.schema_is_installed():
                await queries.install()
    finally:
        await connection.close()


class JobRunner:
    """Dequeues and runs jobs until stopped."""

    def __init__(self, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self.handlers = kinds.handlers()
        self.resources: dict[str, Any] = {}
        self._connection: asyncpg.Connection | None = None
        self._queries: RepositoryPort | None = None
        self._managers: tuple[QueueManager, SchedulerManager] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._background: list[asyncio.Task[None]] = []  # standby, sweeps: cancelled at stop
        self._lock = embedded.RunnerLock(database.url) if database.is_sqlite else None
        self._sent: set[int] = set()  # SQLite: jobs this runner's memory queue holds
        self._inflight = InFlight(database)
        self._stopping = False

    async def start(self) -> None:
        if self._lock is not None and not self._lock.try_acquire():
            logger.info("another process runs this database's jobs; standing by")
            self._background = [asyncio.create_task(self._stand_by())]
            return
        await self._activate()

    async def _stand_by(self) -> None:
        # Another process holds the lock: nothing here can signal its release.
        while not self._lock or not self._lock.try_acquire():  # noqa: ASYNC110
            await asyncio.sleep(embedded.SWEEP_SECONDS)
        await self._activate()

    async def _activate(self) -> None:
        if not self.database.is_sqlite:
            # PostgreSQL: the queue's connection can be lost (a restart, a terminated
            # backend); a supervisor reconnects and starts the managers again. The queue's
            # tables exist before the first request can enqueue into them.
            await install_queue_schema(self.database.url)
            self._background = [asyncio.create_task(self._supervise())]
            return
        queries: RepositoryPort = InMemoryQueries(InMemoryDriver())
        self._start_managers(queries)
        await self._sweep()
        queue.set_local_sender(self.database.engine.sync_engine, self._send_local)
        self._background.append(asyncio.create_task(self._keep_sweeping()))

    def _start_managers(self, queries: RepositoryPort) -> None:
        self._queries = queries
        manager = QueueManager(queries)
        manager.entrypoint(queue.ENTRYPOINT)(self._run_job)
        scheduler = SchedulerManager(queries)
        scheduler.schedule(PURGE_ENTRYPOINT, self.settings.tokens_purge_cron)(self._purge)
        self._managers = (manager, scheduler)
        heartbeat = timedelta(seconds=self.settings.jobs_heartbeat_seconds)
        concurrency = self.settings.jobs_concurrency
        self._tasks = [
            asyncio.create_task(
                manager.run(
                    dequeue_timeout=timedelta(seconds=5),
                    batch_size=concurrency,
                    max_concurrent_tasks=2 * concurrency,
                    heartbeat_timeout=heartbeat,
                    log_aggregation_interval=timedelta(0),
                )
            ),
            asyncio.create_task(scheduler.run()),
        ]

    async def _supervise(self) -> None:
        delay = RECONNECT_MIN_SECONDS
        installed = True  # by ``_activate``; checked again only after a lost connection
        while not self._stopping:
            try:
                if not installed:
                    await install_queue_schema(self.database.url)
                    installed = True
                self._connection = await asyncpg.connect(asyncpg_dsn(self.database.url))
                self._start_managers(Queries(AsyncpgDriver(self._connection)))
                delay = RECONNECT_MIN_SECONDS
                while not self._stopping and self._running():  # noqa: ASYNC110
                    await asyncio.sleep(SUPERVISE_SECONDS)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
                logger.warning("job queue cannot reach PostgreSQL; retrying in %.0f s", delay)
            if self._stopping:
                return
            logger.warning("job queue connection lost; starting the runner again")
            installed = False  # the database may have been restored or replaced
            await self._halt_managers()
            await asyncio.sleep(delay)
            delay = min(2 * delay, RECONNECT_MAX_SECONDS)

    def _running(self) -> bool:
        connected = self._connection is not None and not self._connection.is_closed()
        return connected and all(not task.done() for task in self._tasks)

    async def _halt_managers(self) -> None:
        if self._managers is not None:
            for manager in self._managers:
                manager.shutdown.set()
        for task in self._tasks:
            with suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, timeout=10)
        self._tasks = []
        self._managers = None
        if self._connection is not None:
            with suppress(Exception):
                await self._connection.close()
            self._connection = None

    async def stop(self) -> None:
        self._stopping = True
        if self.database.is_sqlite:
            queue.set_local_sender(self.database.engine.sync_engine, None)
        if self._managers is not None:
            for manager in self._managers:
                manager.shutdown.set()  # no new jobs; the running ones go on
        await self._inflight.drain(self.settings.jobs_shutdown_seconds)
        for task in self._background:
            task.cancel()
            with suppress(asyncio.CancelledError, Exception):
                await task
        self._background = []
        await self._halt_managers()
        self._sent.clear()
        if self._lock is not None:
            self._lock.release()

    async def close_resources(self) -> None:
        """Close what handlers opened (HTTP clients); after ``stop``, at process exit."""
        for resource in self.resources.values():
            closing = getattr(resource, "aclose", None)
            if closing is not None:
                with suppress(Exception):
                    await closing()
        self.resources.clear()

    async def _sweep(self) -> None:
        """SQLite: queue every active job not queued here yet (other processes', orphans)."""
        async with self.database.sessionmaker() as session:
            job_ids = [i for i in await repository.active_ids(session) if i not in self._sent]
        if job_ids:
            logger.info("taking up %d queued or interrupted jobs", len(job_ids))
            await self._send_local(job_ids)

    async def _keep_sweeping(self) -> None:
        while True:
            await asyncio.sleep(embedded.SWEEP_SECONDS)
            try:
                await self._sweep()
            except Exception:
                logger.exception("job sweep failed")

    async def _send_local(self, job_ids: list[int]) -> None:
        fresh = [job_id for job_id in job_ids if job_id not in self._sent]
        if self._queries is None or not fresh:
            return
        self._sent.update(fresh)
        queries = self._queries
        await queries.enqueue(
            [queue.ENTRYPOINT] * len(fresh),
            [queue.payload_of(job_id) for job_id in fresh],
            [0] * len(fresh),
        )

    async def _run_job(self, job: QueueJob) -> None:
        job_id = queue.job_id_of(job.payload)
        retrying = False
        try:
            await self._inflight.run(
                job_id,
                execution.execute(
                    job_id, self.handlers, self.database, self.settings, self.resources
                ),
            )
        except RetryRequested:
            retrying = True  # stays in the memory queue, due later
            raise
        finally:
            if not retrying:
                # Out of the memory queue: a sweep takes it again if it is still active.
                self._sent.discard(job_id)

    async def _purge(self, _: Schedule) -> None:
        await periodic.purge_tokens(self.settings, self.database)
