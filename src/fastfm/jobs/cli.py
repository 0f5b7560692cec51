"""``fastfm worker``: processes that only run background jobs (PostgreSQL)."""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from contextlib import suppress

import typer

from fastfm.config import get_settings
from fastfm.db.session import Database
from fastfm.observability.logging import configure_logging


def worker(
    processes: int = typer.Option(1, min=1, max=64, help="Worker processes to run."),
) -> None:
    """Run background jobs (Spotify imports, the daily token purge) until stopped."""
    settings = get_settings()
    if Database(settings.resolved_database_url).is_sqlite:
        typer.echo(
            "fastfm worker needs PostgreSQL; with SQLite `fastfm serve` runs the jobs itself.",
            err=True,
        )
        raise typer.Exit(code=2)
    if processes == 1:
        run_worker_process()
        return
    context = multiprocessing.get_context("spawn")
    children = [context.Process(target=run_worker_process) for _ in range(processes)]
    for child in children:
        child.start()

    def forward(signum: int, _: object) -> None:
        for child in children:
            if child.pid is not None:
                with suppress(ProcessLookupError):
                    child.terminate()

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    for child in children:
        child.join()


def run_worker_process() -> None:
    """One worker: a job runner until SIGTERM or SIGINT."""
    from fastfm.observability.jobs import install_job_metrics

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format.value)
    install_job_metrics()
    asyncio.run(_work())


async def _work() -> None:
    from fastfm.jobs.runner import JobRunner

    settings = get_settings()
    database = Database(settings.resolved_database_url, pool_size=settings.jobs_concurrency + 1)
    runner = JobRunner(settings, database)
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    await runner.start()
    try:
        await stopping.wait()
    finally:
        await runner.stop()
        await runner.close_resources()
        await database.dispose()
