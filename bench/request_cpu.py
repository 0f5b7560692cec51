"""CPU per request inside one process: FastFM against the reference app, no HTTP server.

Calls each ASGI app directly, one request after another, and divides the process's CPU
time by the requests served; PostgreSQL's own time is not included. Unlike wrk figures,
this hardly moves when other work shares the machine, so it shows where app time goes:

    .venv/bin/python bench/request_cpu.py            # after catalog_load.py seeded the DB
    .venv/bin/python bench/request_cpu.py --no-pre-ping  # FastFM without the pool's ping
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

import uvloop

from catalog_db import server_url

Send = Callable[[dict[str, Any]], Awaitable[None]]
App = Callable[[dict[str, Any], Any, Send], Awaitable[None]]

PATHS = {
    "song detail": ("/api/v1/songs/500000", ""),
    "album detail": ("/api/v1/albums/53649", ""),
    "songs first page": ("/api/v1/songs", "limit=50"),
    "songs artist_id": ("/api/v1/songs", "limit=50&artist_id=1"),
}


async def call(app: App, path: str, query: str) -> int:
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1:8000")],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    status = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def cpu_per_request(app: App, path: str, query: str, requests: int) -> float:
    for _ in range(100):
        assert await call(app, path, query) == 200
    started = time.process_time()
    for _ in range(requests):
        await call(app, path, query)
    return (time.process_time() - started) / requests * 1e6


async def main(args: argparse.Namespace) -> None:
    url = server_url(args.admin_url, args.database)
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["FASTFM_DATABASE_URL"] = url.replace("postgresql://", "postgresql+asyncpg://")
    # WARNING: no request lines (as catalog_load.py serves); INFO: one JSON line each.
    os.environ["FASTFM_LOG_LEVEL"] = args.log_level
    import reference_app
    from fastfm.main import create_app

    fastfm = create_app()
    apps: dict[str, Any] = {"fastfm": fastfm, "reference": reference_app.app}
    async with fastfm.router.lifespan_context(fastfm), reference_app.lifespan(reference_app.app):
        if args.no_pre_ping:
            fastfm.state.database.engine.sync_engine.pool._pre_ping = False
        print(f"{'endpoint':<20} {'fastfm µs':>10} {'reference µs':>13} {'ratio':>6}")
        for name, (path, query) in PATHS.items():
            cpu = {
                app_name: await cpu_per_request(app, path, query, args.requests)
                for app_name, app in apps.items()
            }
            ratio = cpu["fastfm"] / cpu["reference"]
            print(f"{name:<20} {cpu['fastfm']:>10.0f} {cpu['reference']:>13.0f} {ratio:>6.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--database", default="fastfm_bench")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--no-pre-ping", action="store_true")
    parser.add_argument("--log-level", default="WARNING", help="FastFM's log level")
    uvloop.run(main(parser.parse_args()))
