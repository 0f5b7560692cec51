"""Counting the statements a block of code sends to the database."""

from __future__ import annotations

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


@contextmanager
def counting(profile: Profile, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter]:
    """Counts statements sent through SQLAlchemy and those sent straight to asyncpg."""
    counter = Counter()

    def on_execute(*_: Any) -> None:
        counter.statements += 1

    original_fetch = asyncpg.Connection.fetch

    async def fetch(self: asyncpg.Connection, *args: Any, **kwargs: Any) -> Any:
        counter.statements += 1
        return await original_fetch(self, *args, **kwargs)

    monkeypatch.setattr(asyncpg.Connection, "fetch", fetch)
    event.listen(profile.engine.sync_engine, "before_cursor_execute", on_execute)
    try:
        yield counter
    finally:
        event.remove(profile.engine.sync_engine, "before_cursor_execute", on_execute)
        monkeypatch.setattr(asyncpg.Connection, "fetch", original_fetch)
