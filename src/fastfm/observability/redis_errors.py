"""503 ``redis_unavailable`` (with Retry-After) for a Redis call that failed in a route."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from redis.exceptions import RedisError

from fastfm.errors import error_body
from fastfm.observability import metrics
from fastfm.observability.http import route_template

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 2


async def _redis_error(request: Request, exc: Exception) -> JSONResponse:
    route = route_template(request.scope)
    metrics.REDIS_ERRORS.labels("request").inc()
    logger.warning("redis failed: %s", type(exc).__name__, extra={"route": route})
    return JSONResponse(
        error_body("A required service is unavailable; try again shortly", "redis_unavailable"),
        503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def install_redis_error_handler(app: FastAPI) -> None:
    app.add_exception_handler(RedisError, _redis_error)
