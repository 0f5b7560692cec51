"""The read path: one statement at a time on a pooled connection, no session, no ORM.

Public reads (the catalog, shuffle, and the songs other domains embed) run through a
:class:`Reader`: ``await reader.fetch(statement, params)`` answers the rows, each read
by its column labels (``row["title"]``). Two readers implement it:

- :class:`DirectReader` (PostgreSQL): a pooled asyncpg connection used without
  SQLAlchemy's ``Connection``. A statement is compiled once and sent straight to
  asyncpg, which keeps it prepared: no cache-key walk and no result wrapping, the
  per-request cost that kept the Core path well below a raw driver's throughput. A
  statement that fails because the server closed the connection is sent once more on a
  fresh connection (a read is one statement outside any transaction, so running it again
  is safe); the pool's other connections of that generation are replaced too.
- :class:`SQLAlchemyReader` (SQLite, and any read inside a write's session): the
  statement runs through SQLAlchemy as usual.

:func:`reading` opens the reader a public route reads with, for the length of a block;
which one a database gets is decided in :mod:`fastfm.db.dialect`. Statements are built
once per shape (:func:`cached`) with named parameters, never per request.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol, TypeVar

from fastapi import Request
from sqlalchemy import Engine, Select, text
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.util import greenlet_spawn

from fastfm.db.dialect import direct_reads
from fastfm.db.faults import connection_lost
from fastfm.db.session import get_database

T = TypeVar("T")
MAX_SHAPES = 512


class Row(Protocol):
    """A result row, read by column label."""

    def __getitem__(self, label: str, /) -> Any: ...


class Reader(Protocol):
    """Runs read statements; one interface whatever the database and connection."""

    @property
    def engine(self) -> Engine:
        """The database read (its dialect; the key of per-database caches)."""
        ...

    @property
    def in_transaction(self) -> bool:
        """Whether reads see a write's uncommitted changes (then nothing read is kept)."""
        ...

    async def fetch(
        self, statement: Select[Any], params: Mapping[str, Any] | None = None
    ) -> Sequence[Row]:
        """Every row of ``statement`` (parameters: driver-ready ints, strings, dates, lists)."""
        ...

    async def fetch_text(self, sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        """Every row, by position, of dialect-specific SQL text with ``:name`` parameters."""
        ...


# Opens a reader for the length of a block (``functools.partial(reading, request)``).
ReadOpener = Callable[[], AbstractAsyncContextManager[Reader]]


@dataclass(frozen=True, slots=True)
class SQLAlchemyReader:
    """Reads through SQLAlchemy on an open connection or session."""

    executor: AsyncConnection | AsyncSession
    engine: Engine
    in_transaction: bool = False

    async def fetch(
        self, statement: Select[Any], params: Mapping[str, Any] | None = None
    ) -> Sequence[Row]:
        result = await self.executor.execute(statement, dict(params or {}))
        rows: Sequence[Row] = result.mappings().all()
        return rows

    async def fetch_text(self, sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        result = await self.executor.execute(text(sql), dict(params))
        return result.all()


def session_reader(session: AsyncSession) -> SQLAlchemyReader:
    """A reader inside ``session``'s transaction (a write answering with what it wrote)."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    return SQLAlchemyReader(session, engine, in_transaction=True)


class DirectReader:
    """Reads on a bare pooled asyncpg connection (PostgreSQL), back to the pool on close."""

    __slots__ = ("_async_engine", "_driver", "_pooled", "engine")
    in_transaction = False  # one statement at a time, each committed data only

    def __init__(self, engine: AsyncEngine) -> None:
        self._async_engine = engine
        self.engine: Engine = engine.sync_engine
        self._pooled: PoolProxiedConnection | None = None
        self._driver: Any = None  # asyncpg.Connection

    async def checkout(self) -> None:
        self._pooled = pooled = await self._async_engine.raw_connection()
        self._driver = pooled.driver_connection

    async def close(self) -> None:
        pooled, self._pooled = self._pooled, None
        if pooled is not None:
            await greenlet_spawn(pooled.close)

    async def fetch(
        self, statement: Select[Any], params: Mapping[str, Any] | None = None
    ) -> Sequence[Row]:
        prepared = _compile_for_asyncpg(self.engine.dialect, statement)
        values = {**prepared.defaults, **(params or {})}
        rows: Sequence[Row] = await self._run(prepared.sql, [values[n] for n in prepared.names])
        return rows

    async def fetch_text(self, sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        numbered, names = _numbered(sql)
        rows: Sequence[Sequence[Any]] = await self._run(numbered, [params[n] for n in names])
        return rows

    async def _run(self, sql: str, arguments: list[Any]) -> Any:
        try:
            rows = await self._driver.fetch(sql, *arguments)
        except BaseException as exc:
            await self._discard(exc)
            if not connection_lost(exc):
                raise
        else:
            return rows
        # The server closed the connection: once more, on a fresh one.
        await self.checkout()
        try:
            rows = await self._driver.fetch(sql, *arguments)
        except BaseException as exc:
            await self._discard(exc)
            raise
        return rows

    async def _discard(self, exc: BaseException) -> None:
        # Cancelled or failed mid-query: the pool must not hand this connection out again.
        # A lost connection is seldom alone (a server restart, an administrator's
        # terminate): the connections opened before it are replaced on their next
        # checkout, the step SQLAlchemy's own Connection takes on a disconnect.
        pooled, self._pooled = self._pooled, None
        if pooled is None:
            return
        pool = self.engine.pool
        if connection_lost(exc):
            await greenlet_spawn(pool._invalidate, pooled, exc)
        else:
            await greenlet_spawn(pooled.invalidate, exc)
        await greenlet_spawn(pooled.close)


@asynccontextmanager
async def direct_reader(engine: AsyncEngine) -> AsyncIterator[DirectReader]:
    """A :class:`DirectReader` on ``engine``'s pool (PostgreSQL) for the block."""
    reader = DirectReader(engine)
    await reader.checkout()
    try:
        yield reader
    finally:
        await reader.close()


@asynccontextmanager
async def connection_reader(engine: AsyncEngine) -> AsyncIterator[SQLAlchemyReader]:
    """A :class:`SQLAlchemyReader` on an autocommit connection of ``engine`` for the block."""
    async with engine.connect() as connection:
        await connection.execution_options(isolation_level="AUTOCOMMIT")
        yield SQLAlchemyReader(connection, engine.sync_engine)


def open_reader(engine: AsyncEngine) -> AbstractAsyncContextManager[Reader]:
    """The reader ``engine``'s database reads with, for the length of a block."""
    if direct_reads(engine.dialect):
        return direct_reader(engine)
    return connection_reader(engine)


def reading(request: Request) -> AbstractAsyncContextManager[Reader]:
    """The reader a public read runs on, for the length of the block.

    A read is one statement, so it needs no transaction. Hot read routes use this block
    rather than a yield dependency, whose per-request machinery cost more than the query.
    """
    return open_reader(get_database(request).engine)


_PARAMETER = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


@lru_cache(maxsize=256)
def _numbered(sql: str) -> tuple[str, tuple[str, ...]]:
    """``sql`` with ``:name`` parameters as asyncpg's ``$1, $2...`` and their order."""
    names: list[str] = []

    def number(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    return _PARAMETER.sub(number, sql), tuple(names)


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


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    names: tuple[str, ...]
    defaults: Mapping[str, Any]


_compiled: dict[int, tuple[Select[Any], _Compiled]] = {}


def _compile_for_asyncpg(dialect: Dialect, statement: Select[Any]) -> _Compiled:
    entry = _compiled.get(id(statement))
    if entry is not None and entry[0] is statement:
        return entry[1]
    compiled = statement.compile(dialect=dialect)
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
