"""Counting the statements a block of code sends to the database."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
import pytest
from sqlalchemy import event

from tests.conftest import Profile


@dataclass
class Counter:
    statements: int = 0


def _from_the_job_runner() -> bool:
    """Whether the running task is the app's in-process job runner: on SQLite it sweeps
    the job table every few seconds, whatever request is being counted meanwhile."""
    task = asyncio.current_task()
    coroutine = task.get_coro() if task is not None else None
    return getattr(coroutine, "__qualname__", "").startswith("JobRunner.")


@contextmanager
def counting(profile: Profile, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter]:
    """Counts statements sent through SQLAlchemy and those sent straight to asyncpg, but
    not the job runner's own."""
    counter = Counter()

    def on_execute(*_: Any) -> None:
        if not _from_the_job_runner():
            counter.statements += 1

    original_fetch = asyncpg.Connection.fetch

    async def fetch(self: asyncpg.Connection, *args: Any, **kwargs: Any) -> Any:
        if not _from_the_job_runner():
            counter.statements += 1
        return await original_fetch(self, *args, **kwargs)

    monkeypatch.setattr(asyncpg.Connection, "fetch", fetch)
    event.listen(profile.engine.sync_engine, "before_cursor_execute", on_execute)
    try:
        yield counter
    finally:
        event.remove(profile.engine.sync_engine, "before_cursor_execute", on_execute)
        monkeypatch.setattr(asyncpg.Connection, "fetch", original_fetch)
