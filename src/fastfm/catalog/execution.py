"""Runs the catalog's hot read statements with as little per-request work as possible.

A read statement is built once per shape (see :func:`cached`) with named parameters.
On PostgreSQL, over a plain pooled connection, it is compiled once and then sent straight
to asyncpg, which keeps it prepared: no SQLAlchemy cache-key walk, no result wrapping —
the per-request cost that kept the ORM/Core path well below a raw driver's throughput.
Anywhere else (SQLite, or inside a write's session) it runs through SQLAlchemy as usual.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

Database = AsyncConnection | AsyncSession
Row = Sequence[Any]
T = TypeVar("T")

MAX_SHAPES = 512


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    defaults: Mapping[str, Any]


_compiled: dict[int, tuple[Select[Any], _Compiled]] = {}
_shapes: OrderedDict[Hashable, Any] = OrderedDict()


def cached(key: Hashable, build: Callable[[], T]) -> T:
    """The object ``build()`` returns for ``key``, built once (the last 512 keys are kept).

    Statements are cached by shape (which filters, which sort), never by values.
    """
    try:
        _shapes.move_to_end(key)
        value: T = _shapes[key]
    except KeyError:
        value = build()
        _shapes[key] = value
        if len(_shapes) > MAX_SHAPES:
            _shapes.popitem(last=False)
    return value


def _compile_for_asyncpg(connection: AsyncConnection, statement: Select[Any]) -> _Compiled:
    entry = _compiled.get(id(statement))
    if entry is not None and entry[0] is statement:
        return entry[1]
    compiled = statement.compile(dialect=connection.dialect)
    prepared = _Compiled(
        sql=str(compiled),
        names=tuple(compiled.positiontup or ()),
        defaults=compiled.construct_params(_check=False),
    )
    if len(_compiled) > 4 * MAX_SHAPES:
        _compiled.clear()
    # The statement is kept alongside, so its id() cannot be reused by another object.
    _compiled[id(statement)] = (statement, prepared)
    return prepared


async def fetch_all(
    db: Database, statement: Select[Any], params: Mapping[str, Any] | None = None
) -> list[Row]:
    """Every row of ``statement`` (parameters: driver-ready ints, strings, dates, lists)."""
    if isinstance(db, AsyncConnection) and db.dialect.name == "postgresql":
        prepared = _compile_for_asyncpg(db, statement)
        values = {**prepared.defaults, **(params or {})}
        raw = await db.get_raw_connection()
        driver: Any = raw.driver_connection
        try:
            rows: list[Row] = await driver.fetch(prepared.sql, *(values[n] for n in prepared.names))
        except BaseException:
            # Cancelled or failed mid-query: the pool must not hand this connection out again.
            await db.invalidate()
            raise
        return rows
    result = await db.execute(statement, dict(params or {}))
    return list(result.all())
