"""503 when every pooled database connection stays busy longer than the pool timeout."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import TimeoutError as PoolTimeout

from fastfm.db.faults import BUSY
from fastfm.observability import metrics

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 1


async def _pool_timeout(request: Request, exc: Exception) -> JSONResponse:
    # Overload, not a bug: the client may retry; the log and the metric say how often.
    metrics.DB_POOL_TIMEOUTS.inc()
    logger.warning("no database connection free for %s %s", request.method, request.url.path)
    return JSONResponse(BUSY, 503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def install_pool_timeout_handler(app: FastAPI) -> None:
    app.add_exception_handler(PoolTimeout, _pool_timeout)
