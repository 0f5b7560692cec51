"""A lost or unreachable database, or a lost race: idempotent reads are retried once,
the rest is 503.

PostgreSQL closes connections when it restarts or an administrator terminates them; the
pool then holds connections that fail on their next statement. What happens then:

- the fast read path (:mod:`fastfm.db.reads`) sends the failed statement once more on a
  fresh connection;
- a ``GET`` or ``HEAD`` that failed on a lost connection before answering anything (an
  ORM session read, such as ``/me``) is run once more from the start by
  :class:`RetryLostConnection`, on fresh connections;
- anything else (a write, a second failure, a database that does not answer at all)
  answers 503 ``database_unavailable`` with ``Retry-After``. A write's transaction never
  committed, so nothing of it is applied.

A statement that lost a race with another transaction (PostgreSQL aborted it as
deadlocked, or as a serialization failure) is treated the same way, as 503
``database_busy``: its transaction rolled back whole, so a ``GET`` runs once more and
anything else may be sent again.

A driver left out of step with the server (asyncpg's ``InternalClientError``, seen when
a termination notice arrives while a connection sits idle in the pool) counts as lost
too: that connection can never run another statement.

Checkout stays cheap (see :mod:`fastfm.db.engine`): a connection the server closed is
known to asyncpg without a round trip.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import orjson
from sqlalchemy.exc import DBAPIError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fastfm.errors import error_body

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 1
UNAVAILABLE = error_body("The database is unavailable; try again shortly", "database_unavailable")
BUSY = error_body("The database is busy; try again shortly", "database_busy")
# Connection exceptions (08), the server shutting down or starting up (57P01-57P03), no
# connection slot free (53300), the database gone (3D000).
_LOST_STATES = frozenset({"57P01", "57P02", "57P03", "53300", "3D000"})
# Deadlock detected (40P01) and serialization failure (40001).
_RACE_STATES = frozenset({"40P01", "40001"})
_IDEMPOTENT = frozenset({"GET", "HEAD"})


def _lost(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, ConnectionError | socket.gaierror | asyncpg.PostgresConnectionError):
        return True
    if type(exc) is OSError:  # asyncpg's "Multiple exceptions" when no address answers
        return True
    if isinstance(exc, asyncpg.PostgresError):
        return exc.sqlstate in _LOST_STATES
    if isinstance(exc, asyncpg.InternalClientError):
        # The driver is out of step with the server and never recovers: a termination
        # notice read before the socket closed leaves it waiting for a sync point that
        # will not come ("cannot switch to state …; another operation (2)").
        return True
    return isinstance(exc, asyncpg.InterfaceError) and "connection is closed" in str(exc)


def _race(exc: BaseException) -> bool:
    return isinstance(exc, asyncpg.PostgresError) and exc.sqlstate in _RACE_STATES


def caused_by(exc: BaseException, test: Callable[[BaseException], bool]) -> bool:
    """Whether ``test`` holds for ``exc`` or one of the errors that caused it (the
    driver's error, wrapped by SQLAlchemy)."""
    seen: BaseException | None = exc
    for _ in range(4):  # SQLAlchemy wraps the driver's error in an adapted one
        if seen is None:
            return False
        if test(seen):
            return True
        seen = seen.orig if isinstance(seen, DBAPIError) else seen.__cause__
    return False


def connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) says the database connection is gone or
    cannot be opened, rather than that a statement failed."""
    return caused_by(exc, _lost)


def lost_a_race(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) is PostgreSQL aborting a transaction that
    deadlocked with another, or could not be serialized with it: nothing of it applied."""
    return caused_by(exc, _race)


def _fault_body(exc: BaseException) -> dict[str, Any] | None:
    if connection_lost(exc):
        return UNAVAILABLE
    return BUSY if lost_a_race(exc) else None


class RetryTransientFaults:
    """Runs a ``GET``/``HEAD`` that failed on a lost database connection or a lost race
    once more, and answers 503 with ``Retry-After`` for any request that still meets one
    (instead of a 500): ``database_unavailable``, or ``database_busy`` for a race."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = True
            await send(message)

        method, path = scope["method"], scope["path"]
        try:
            await self.app(scope, receive, tracking_send)
            return
        except Exception as exc:
            if started or (fault := _fault_body(exc)) is None:
                raise
            if method not in _IDEMPOTENT:
                logger.warning("%s during %s %s", fault["code"], method, path)
                await _unavailable(send, fault)
                return
        logger.warning("%s; retrying %s %s", fault["code"], method, path)
        try:
            await self.app(dict(scope), _replayed(receive), tracking_send)
        except Exception as exc:
            if started or (fault := _fault_body(exc)) is None:
                raise
            logger.warning("still %s for %s %s", fault["code"], method, path)
            await _unavailable(send, fault)


def _replayed(receive: Receive) -> Receive:
    """``receive`` for a second run of a GET: its (empty) body again, then the client's."""
    replayed = False

    async def again() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": b"", "more_body": False}
        return await receive()

    return again


async def _unavailable(send: Send, fault: dict[str, Any]) -> None:
    body = orjson.dumps(fault)
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
    ]
    start: dict[str, Any] = {"type": "http.response.start", "status": 503, "headers": headers}
    await send(start)
    await send({"type": "http.response.body", "body": body})
