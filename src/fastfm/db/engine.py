"""Async engine construction for SQLite (embedded default) and PostgreSQL (production)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import DisconnectionError, InvalidatePoolError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

from fastfm.db.faults import connection_lost
from fastfm.db.pool import InstrumentedPool, instrument_pool

SQLITE_BUSY_TIMEOUT_MS = 5000
IDLE_PING_AFTER_SECONDS = 10.0
_CHECKED_IN_AT = "fastfm_checked_in_at"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _on_sqlite_connect(dbapi_connection: Any, _: ConnectionPoolEntry) -> None:
    # aiosqlite's adapter begins transactions itself; these pragmas must run outside one.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_engine(
    url: str, *, pool_size: int = 10, pool_timeout: float = 10.0, echo: bool = False
) -> AsyncEngine:
    """An engine with the settings each backend needs (see the README's database section)."""
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            url, echo=echo, hide_parameters=True, connect_args={"timeout": 30}
        )
        event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
        instrument_pool(engine.sync_engine)
        return engine
    engine = create_async_engine(
        url,
        echo=echo,
        # Statement parameters (password hashes, token hashes) never reach a log line.
        hide_parameters=True,
        poolclass=InstrumentedPool,
        # A fixed pool: overflow connections are opened under load and closed right
        # after, and every new PostgreSQL session forks a backend and re-prepares the
        # hot statements. Requests beyond the pool wait for a connection instead.
        pool_size=pool_size,
        max_overflow=0,
        # Past this wait for a free connection a request gets 503 (db.busy).
        pool_timeout=pool_timeout,
        # SQLAlchemy's pool_pre_ping costs three round trips with asyncpg (BEGIN; ;
        # ROLLBACK) on every checkout, more than a whole catalog read. The pre-ping here
        # only checks connections that sat idle in the pool (when a server restart or a
        # firewall may have cut them); busy connections go straight to work, unless the
        # driver already knows the server closed them.
        pool_pre_ping=False,
        pool_recycle=1800,
        # asyncpg keeps statements prepared only up to 15 kB of SQL by default; longer
        # ones (search ranks every asked kind in one statement) were parsed and planned
        # again on every call.
        connect_args={"max_cacheable_statement_size": 64 * 1024},
    )
    event.listen(engine.sync_engine, "checkin", _remember_checkin)
    event.listen(engine.sync_engine, "checkout", _ping_if_idle)
    event.listen(engine.sync_engine, "handle_error", _invalidate_lost_connection)
    instrument_pool(engine.sync_engine)
    return engine


def _invalidate_lost_connection(context: ExceptionContext) -> None:
    # SQLAlchemy asks asyncpg only whether the socket is closed yet. A connection that
    # read the server's termination notice but not yet the close (or whose protocol is
    # out of step after it) would go back to the pool and fail the next request too.
    if not context.is_disconnect and connection_lost(context.original_exception):
        context.is_disconnect = True


def _remember_checkin(_: Any, record: ConnectionPoolEntry | None) -> None:
    if record is not None:
        record.info[_CHECKED_IN_AT] = time.monotonic()


def _ping_if_idle(dbapi_connection: Any, record: ConnectionPoolEntry, _: Any) -> None:
    if dbapi_connection.driver_connection.is_closed():
        # The server closed it (asyncpg saw the socket close, no round trip needed). The
        # others opened before it likely went with it (a restart, a terminate): the pool
        # replaces them all on checkout.
        raise InvalidatePoolError("pooled connection closed by the server")
    checked_in_at = record.info.get(_CHECKED_IN_AT)
    if checked_in_at is None or time.monotonic() - checked_in_at < IDLE_PING_AFTER_SECONDS:
        return
    try:
        dbapi_connection.ping()
    except Exception as exc:
        # The pool discards this connection and checks out (or opens) another.
        raise DisconnectionError("pooled connection found dead") from exc


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
