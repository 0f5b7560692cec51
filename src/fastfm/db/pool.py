"""The PostgreSQL pool, instrumented: connections in use and requests waiting for one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import AsyncAdaptedQueuePool, ConnectionPoolEntry

from fastfm.observability import metrics


class InstrumentedPool(AsyncAdaptedQueuePool):
    """Counts the callers inside a checkout (waiting for a free connection)."""

    def _do_get(self) -> ConnectionPoolEntry:
        metrics.DB_POOL_WAITING.inc()
        try:
            return super()._do_get()
        finally:
            metrics.DB_POOL_WAITING.dec()


def _checked_out(*_: Any) -> None:
    metrics.DB_POOL_IN_USE.inc()


def _checked_in(_: Any, record: ConnectionPoolEntry | None) -> None:
    metrics.DB_POOL_IN_USE.dec()


def instrument_pool(engine: Engine) -> None:
    """Keep the in-use gauge of ``engine``'s pool."""
    event.listen(engine, "checkout", _checked_out)
    event.listen(engine, "checkin", _checked_in)
