"""A backing-service failure inside a GraphQL query answers 503, as it does on REST.

A resolver's exception never leaves the executor: it becomes an entry of ``errors``.
When that exception says the database connection is gone or cannot be had (as
:func:`fastfm.db.faults.connection_lost` judges it for REST), or the pool stayed busy,
the whole answer is HTTP 503 with ``Retry-After`` and a GraphQL error whose
``extensions.code`` is the REST code: ``database_unavailable``, or ``database_busy``
for a pool timeout or a transaction PostgreSQL aborted as deadlocked. Partial data is
not sent: the client retries the query.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.exc import TimeoutError as PoolTimeout

from fastfm.db import faults

RETRY_AFTER_SECONDS = faults.RETRY_AFTER_SECONDS
UNAVAILABLE = (faults.UNAVAILABLE["detail"], faults.UNAVAILABLE["code"])
BUSY = (faults.BUSY["detail"], faults.BUSY["code"])


def database_fault(exc: BaseException | None) -> tuple[str, str] | None:
    """``(message, code)`` when ``exc`` (or what caused it) is the database being
    unavailable or busy (a pool timeout, a lost race) rather than a statement failing;
    else None."""
    if exc is None:
        return None
    # The pool timeout may be wrapped like the driver's errors.
    if faults.caused_by(exc, lambda seen: isinstance(seen, PoolTimeout)):
        return BUSY
    if faults.connection_lost(exc):
        return UNAVAILABLE
    return BUSY if faults.lost_a_race(exc) else None


def unavailable_body(fault: tuple[str, str]) -> dict[str, Any]:
    message, code = fault
    return {"errors": [{"message": message, "extensions": {"code": code}}]}
