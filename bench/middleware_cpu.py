"""CPU per request of FastFM's operations middleware: metrics, request log, rate limit, ETag.

Calls a stub endpoint that answers a 2 KB JSON body, bare and behind each middleware,
one request after another in one process, and prints the process CPU per request. No
database, no network: only what the middleware itself costs on every request.

    .venv/bin/python bench/middleware_cpu.py                 # log level WARNING
    .venv/bin/python bench/middleware_cpu.py --log-level INFO 2>/dev/null
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from types import SimpleNamespace
from typing import Any

from limits.aio.storage import MemoryStorage

from fastfm.config import Settings
from fastfm.observability.caching import ETagMiddleware
from fastfm.observability.http import ObservabilityMiddleware
from fastfm.observability.logging import configure_logging
from fastfm.observability.middleware import RequestIdMiddleware
from fastfm.ratelimit.budgets import Budgets
from fastfm.ratelimit.limiter import RateLimiter
from fastfm.ratelimit.middleware import RateLimitMiddleware

BODY = b'{"title":"' + b"a" * 2000 + b'"}'
HEADERS = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]


class _Route:
    path = "/api/v1/songs/{song_id}"


async def endpoint(scope: dict[str, Any], receive: Any, send: Any) -> None:
    scope["route"] = _Route
    await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
    await send({"type": "http.response.body", "body": BODY})


APP = SimpleNamespace(
    state=SimpleNamespace(rate_limiter=RateLimiter(MemoryStorage(), shared=False))
)


def scope() -> dict[str, Any]:
    return {
        "type": "http",
        "http_version": "1.1",
        "method": "GET",
        "path": "/api/v1/songs/5",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 50000),
        "app": APP,
        "state": {},
    }


async def receive() -> dict[str, Any]:
    return {"type": "http.request", "body": b""}


async def send(_: dict[str, Any]) -> None:
    return None


async def cpu_per_request(app: Any, requests: int) -> float:
    for _ in range(500):
        await app(scope(), receive, send)
    started = time.process_time()
    for _ in range(requests):
        await app(scope(), receive, send)
    return (time.process_time() - started) / requests * 1e6


async def main(args: argparse.Namespace) -> None:
    configure_logging(args.log_level)
    budgets = Budgets.from_settings(Settings())
    stacks = {
        "bare endpoint": endpoint,
        "+ request id": RequestIdMiddleware(endpoint),
        "+ metrics and log": ObservabilityMiddleware(endpoint),
        "+ rate limit": RateLimitMiddleware(endpoint, budgets=budgets, trusted_proxies=()),
        "+ ETag": ETagMiddleware(endpoint),
        "+ all three": ObservabilityMiddleware(
            RateLimitMiddleware(ETagMiddleware(endpoint), budgets=budgets, trusted_proxies=())
        ),
    }
    print(f"{'stack':<20} {'cpu µs':>7}  (log level {args.log_level})", file=sys.__stdout__)
    for name, app in stacks.items():
        print(f"{name:<20} {await cpu_per_request(app, args.requests):7.1f}", file=sys.__stdout__)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--log-level", default="WARNING")
    asyncio.run(main(parser.parse_args()))
