"""Runs the catalog's hot read statements with as little per-request work as possible.

A read statement is built once per shape (see :func:`cached`) with named parameters.
On PostgreSQL, over a :class:`DirectConnection`, it is compiled once and then sent
straight to asyncpg, which keeps it prepared: no SQLAlchemy cache-key walk, no result
wrapping — the per-request cost that kept the ORM/Core path well below a raw driver's
throughput. Anywhere else (SQLite, or inside a write's session) it runs through
SQLAlchemy as usual.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.util import greenlet_spawn

from fastfm.catalog.revision import TotalCache


@dataclass(frozen=True, slots=True)
class DirectConnection:
    """A pooled PostgreSQL connection used for reads without SQLAlchemy's ``Connection``:
    checkout and return cost a third as much, and statements go straight to asyncpg."""

    pooled: PoolProxiedConnection
    driver: Any  # asyncpg.Connection
    dialect: Dialect
    totals: TotalCache  # the database's list totals (see catalog.revision)


# One cache per database (engine): revisions of different databases may coincide.
_totals: WeakKeyDictionary[Engine, TotalCache] = WeakKeyDictionary()


def _totals_of(engine: AsyncEngine) -> TotalCache:
    try:
        return _totals[engine.sync_engine]
    except KeyError:
        return _totals.setdefault(engine.sync_engine, TotalCache())


def forget_kept_totals(engine: AsyncEngine) -> None:
    """Drop the list totals kept for ``engine``'s database (tests start each from scratch)."""
    _totals.pop(engine.sync_engine, None)


@asynccontextmanager
async def direct_connection(engine: AsyncEngine) -> AsyncIterator[DirectConnection]:
    """A connection from ``engine``'s pool (PostgreSQL), back to the pool on exit."""
    pooled = await engine.raw_connection()
    try:
        yield DirectConnection(pooled, pooled.driver_connection, engine.dialect, _totals_of(engine))
    finally:
        await greenlet_spawn(pooled.close)


Database = AsyncConnection | AsyncSession | DirectConnection
# Opens a read connection for the length of a block (``functools.partial(reading, request)``).
Reader = Callable[[], AbstractAsyncContextManager[Database]]
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


def _compile_for_asyncpg(connection: DirectConnection, statement: Select[Any]) -> _Compiled:
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
    if isinstance(db, DirectConnection):
        prepared = _compile_for_asyncpg(db, statement)
        values = {**prepared.defaults, **(params or {})}
        try:
            rows: list[Row] = await db.driver.fetch(
                prepared.sql, *(values[n] for n in prepared.names)
            )
        except BaseException:
            # Cancelled or failed mid-query: the pool must not hand this connection out again.
            await greenlet_spawn(db.pooled.invalidate)
            raise
        return rows
    result = await db.execute(statement, dict(params or {}))
    return list(result.all())
