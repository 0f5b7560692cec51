"""One pure ASGI middleware per request: the request metrics and the request log line."""

from __future__ import annotations

import logging
import time
from typing import Any

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fastfm.observability import metrics

LOGGER_NAME = "fastfm.request"
_clock = time.perf_counter
MAX_SERIES = 10_000


def route_template(scope: Scope) -> str:
    """The matched route's path template (``/api/v1/songs/{song_id}``), never the raw path.

    FastAPI keeps the route of an included router without its prefix in ``route``; the
    full template is on the effective route it records in the ``fastapi`` scope entry.
    """
    effective = scope.get("fastapi", {}).get("effective_route_context")
    path = getattr(effective, "path_format", None) or getattr(scope.get("route"), "path", None)
    return path if isinstance(path, str) and path else metrics.UNMATCHED_ROUTE


class ObservabilityMiddleware:
    """Count and time every HTTP request, and log one line for it when it ends.

    Labels use the route template, so ids in paths never multiply the series; requests
    that match no route share one label.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._log_requests = logging.getLogger(LOGGER_NAME).isEnabledFor(logging.INFO)
        # Bound once, with the logging configured when the app was built: a lazy proxy
        # would assemble a new bound logger for every line.
        self._logger = structlog.get_logger().bind()
        # The labelled children, looked up once per label set rather than per request.
        self._series: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = _clock()
        status = 500
        structlog.contextvars.clear_contextvars()
        state = scope.get("state") or {}
        structlog.contextvars.bind_contextvars(request_id=state.get("request_id"))

        async def observed_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, observed_send)
        finally:
            elapsed = _clock() - started
            method = scope["method"]
            route = route_template(scope)
            series = self._series.get((method, route, status))
            if series is None:
                labels = (method, route, str(status))
                series = (metrics.REQUESTS.labels(*labels), metrics.REQUEST_SECONDS.labels(*labels))
                if len(self._series) < MAX_SERIES:
                    self._series[(method, route, status)] = series
            series[0].inc()
            series[1].observe(elapsed)
            if self._log_requests:
                self._logger.info(
                    "request",
                    logger=LOGGER_NAME,
                    request_id=state.get("request_id"),
                    user_id=state.get("user_id"),
                    method=method,
                    route=route,
                    status=status,
                    duration_ms=round(elapsed * 1000, 3),
                )
            structlog.contextvars.clear_contextvars()
