"""A backing-service failure inside a GraphQL query answers 503, as it does on REST.

A resolver's exception never leaves the executor: it becomes an entry of ``errors``.
When that exception says the database connection is gone or cannot be had (the server
closed it, a failover, no address answers, the pool stayed busy), the whole answer is
HTTP 503 with ``Retry-After`` and a GraphQL error whose ``extensions.code`` is the REST
code: ``database_unavailable``, or ``database_busy`` for a pool timeout. Partial data is
not sent: the client retries the query.
"""

from __future__ import annotations

import socket
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout

RETRY_AFTER_SECONDS = 1
UNAVAILABLE = ("The database is unavailable; try again shortly", "database_unavailable")
BUSY = ("The database is busy; try again shortly", "database_busy")
# Connection exceptions (08), the server shutting down or starting up (57P01-57P03), no
# connection slot free (53300), the database gone (3D000).
_LOST_STATES = frozenset({"57P01", "57P02", "57P03", "53300", "3D000"})


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


def database_fault(exc: BaseException | None) -> tuple[str, str] | None:
    """``(message, code)`` when ``exc`` (or what caused it) is the database being
    unavailable or busy rather than a statement failing; else None."""
    seen = exc
    for _ in range(4):  # SQLAlchemy wraps the driver's error in an adapted one
        if seen is None:
            return None
        if isinstance(seen, PoolTimeout):
            return BUSY
        if _lost(seen):
            return UNAVAILABLE
        seen = seen.orig if isinstance(seen, DBAPIError) else seen.__cause__
    return None


def unavailable_body(fault: tuple[str, str]) -> dict[str, Any]:
    message, code = fault
    return {"errors": [{"message": message, "extensions": {"code": code}}]}
