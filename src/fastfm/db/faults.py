"""A lost or unreachable database: idempotent reads are retried once, the rest is 503.

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

Checkout stays cheap (see :mod:`fastfm.db.engine`): a connection the server closed is
known to asyncpg without a round trip.
"""

from __future__ import annotations

import logging
import socket
from typing import Any

import asyncpg  # type: ignore[import-untyped]
import orjson
from sqlalchemy.exc import DBAPIError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fastfm.errors import error_body

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 1
UNAVAILABLE = error_body("The database is unavailable; try again shortly", "database_unavailable")
# Connection exceptions (08), the server shutting down or starting up (57P01-57P03), no
# connection slot free (53300), the database gone (3D000).
_LOST_STATES = frozenset({"57P01", "57P02", "57P03", "53300", "3D000"})
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
    return isinstance(exc, asyncpg.InterfaceError) and "connection is closed" in str(exc)


def connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it) says the database connection is gone or
    cannot be opened, rather than that a statement failed."""
    seen: BaseException | None = exc
    for _ in range(4):  # SQLAlchemy wraps the driver's error in an adapted one
        if seen is None:
            return False
        if _lost(seen):
            return True
        seen = seen.orig if isinstance(seen, DBAPIError) else seen.__cause__
    return False


class RetryLostConnection:
    """Runs a ``GET``/``HEAD`` that failed on a lost database connection once more, and
    answers 503 ``database_unavailable`` with ``Retry-After`` for any request that still
    finds the database gone (instead of a 500)."""

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

        try:
            await self.app(scope, receive, tracking_send)
            return
        except Exception as exc:
            if started or not connection_lost(exc):
                raise
            if scope["method"] not in _IDEMPOTENT:
                logger.warning(
                    "database connection lost during %s %s", scope["method"], scope["path"]
                )
                await _unavailable(send)
                return
        logger.warning("database connection lost; retrying %s %s", scope["method"], scope["path"])
        try:
            await self.app(dict(scope), _replayed(receive), tracking_send)
        except Exception as exc:
            if started or not connection_lost(exc):
                raise
            logger.warning("database still unavailable for %s %s", scope["method"], scope["path"])
            await _unavailable(send)


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


async def _unavailable(send: Send) -> None:
    body = orjson.dumps(UNAVAILABLE)
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
    ]
    start: dict[str, Any] = {"type": "http.response.start", "status": 503, "headers": headers}
    await send(start)
    await send({"type": "http.response.body", "body": body})
