"""The SQL one search request runs, captured from the service, as a pgbench script."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import asyncpg
from sqlalchemy.engine import make_url

from fastfm.db.engine import create_engine
from fastfm.db.reads import direct_reader
from fastfm.search import service


@dataclass
class _Recorder:
    """Stands in for an asyncpg connection: runs each statement and keeps it."""

    connection: asyncpg.Connection
    statements: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)

    async def fetch(self, sql: str, *args: Any) -> list[Any]:
        self.statements.append((sql, args))
        rows: list[Any] = await self.connection.fetch(sql, *args)
        return rows


def _literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        if all(isinstance(v, int) for v in value):
            return "ARRAY[" + ",".join(str(v) for v in value) + "]::integer[]"
        return "ARRAY[" + ",".join(_literal(str(v)) for v in value) + "]::text[]"
    # pgbench reads ":name" as a variable, even inside a literal: spell colons with chr(58)
    # (constant-folded when the statement is planned).
    quoted = "'" + str(value).replace("'", "''").replace(":", "' || chr(58) || '") + "'"
    return f"({quoted})" if ":" in str(value) else quoted


def _inline(sql: str, args: tuple[Any, ...]) -> str:
    for number in range(len(args), 0, -1):  # $10 before $1
        sql = sql.replace(f"${number}", _literal(args[number - 1]))
    return " ".join(sql.split()) + ";"


async def _capture(url: str, q: str, types: tuple[str, ...], limit: int) -> list[str]:
    engine = create_engine(
        make_url(url).set(drivername="postgresql+asyncpg").render_as_string(False), pool_size=1
    )
    try:
        async with direct_reader(engine) as db:
            recorder = _Recorder(db._driver)
            db._driver = recorder  # the reader's statements go through the recorder
            await service.search(db, q, types=types, limit=limit)  # counts the totals once
            recorder.statements.clear()
            await service.search(db, q, types=types, limit=limit)  # the steady state
            return [_inline(sql, args) for sql, args in recorder.statements]
    finally:
        await engine.dispose()


def request_script(url: str, q: str, types: tuple[str, ...], limit: int) -> str:
    """A pgbench script of the statements a warm request for ``q`` runs, in order."""
    return "\n".join(asyncio.run(_capture(url, q, types, limit))) + "\n"
