"""``fastfm worker`` with one more kind of job, ``sleep``, for shutdown tests.

    python -m tests.jobs.slow_worker worker

A ``sleep`` job's first attempt takes ``payload["seconds"]``; any later attempt ends at
once. Either records the attempt it finished on as its result.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastfm.jobs import kinds
from fastfm.jobs.execution import Handler, JobContext

SLEEP_KIND = "sleep"


async def sleep_job(context: JobContext) -> dict[str, Any]:
    if context.attempt == 1:
        await context.progress(0, 1)
        await asyncio.sleep(float(context.payload["seconds"]))
    await context.progress(1, 1)
    return {"finished_on_attempt": context.attempt}


def handlers_with_sleep() -> dict[str, Handler]:
    return {**real_handlers(), SLEEP_KIND: sleep_job}


real_handlers = kinds.handlers

if __name__ == "__main__":
    from fastfm.cli import app

    kinds.handlers = handlers_with_sleep
    app()
