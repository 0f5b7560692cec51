"""Real PostgreSQL connection faults, on the test's own database only.

Backends are terminated with ``pg_terminate_backend`` from a separate connection to the
same database, and only those of ``current_database()``: never another database's.
"""

from __future__ import annotations

import asyncio
import socket
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import asyncpg
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.util import await_only

from tests.conftest import Profile

_OTHERS = "datname = current_database() AND pid <> pg_backend_pid()"
UNAVAILABLE = {
    "detail": "The database is unavailable; try again shortly",
    "code": "database_unavailable",
}


def driver_dsn(profile: Profile) -> str:
    url = make_url(profile.settings.resolved_database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


async def terminate(profile: Profile, pid: int | None = None) -> int:
    """Terminate the backends of the test's database (all but this one, or ``pid``),
    and wait until they are gone. Answers how many were terminated."""
    connection = await asyncpg.connect(driver_dsn(profile))
    try:
        which = _OTHERS if pid is None else f"{_OTHERS} AND pid = {int(pid)}"
        pids = [
            row["pid"]
            for row in await connection.fetch(
                f"SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE {which}"
            )
        ]
        for _ in range(250):
            left = await connection.fetchval(
                f"SELECT count(*) FROM pg_stat_activity WHERE {_OTHERS} AND pid = ANY($1)",
                pids,
            )
            if not left:
                break
            await asyncio.sleep(0.02)
        return len(pids)
    finally:
        await connection.close()


@contextmanager
def kill_on_statement(profile: Profile, prefix: str, times: int = 1) -> Iterator[list[str]]:
    """Terminate the connection that is about to run a statement starting with ``prefix``
    (the first ``times`` such statements), so that statement meets a closed connection.
    Yields the statements seen, for assertions."""
    engine = profile.engine.sync_engine
    seen: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if not statement.lstrip().upper().startswith(prefix.upper()):
            return
        seen.append(statement)
        if len(seen) <= times:
            pid = conn.connection.driver_connection.get_server_pid()
            await_only(terminate(profile, pid))

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _termination_notice() -> bytes:
    """What PostgreSQL sends a session it terminates, just before it closes the socket:
    an ErrorResponse, FATAL 57P01."""
    fields = (
        (b"S", b"FATAL"),
        (b"V", b"FATAL"),
        (b"C", b"57P01"),
        (b"M", b"terminating connection due to administrator command"),
    )
    body = b"".join(code + value + b"\0" for code, value in fields) + b"\0"
    return b"E" + struct.pack("!i", len(body) + 4) + body


async def notice_without_close(profile: Profile) -> list[asyncpg.Connection]:
    """Leave every connection of the app's pool as asyncpg is between reading the
    server's termination notice and seeing the socket close: not closed as far as the
    driver knows, yet unable to run another statement. Answers their drivers.

    The notice is handed to each idle connection's protocol as if read from its socket;
    the server side is left as it was, so the close never comes."""
    pool = profile.engine.sync_engine.pool
    pooled = [await profile.engine.raw_connection() for _ in range(pool.size())]
    drivers = [connection.driver_connection for connection in pooled]
    for connection in pooled:
        connection.close()  # back to the pool, idle
    for driver in drivers:
        driver._protocol.data_received(_termination_notice())
        assert not driver.is_closed()
    return drivers
