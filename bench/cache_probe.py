"""Would a Redis read-through cache speed up hot public reads? A probe, not a cache.

A cached read still goes through the whole app (routing, middleware, headers); what a
cache could save is the database query, and what it adds is a Redis GET. This measures
both on the benchmark database, one call after another, as process CPU and wall time
per call: the reference app's song and album detail statements (prepared, on one
asyncpg connection) against a GET of the same JSON body from Redis (redis-py with
hiredis, as FastFM uses it). Run after catalog_load.py has seeded ``fastfm_bench``:

    .venv/bin/python bench/cache_probe.py
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections.abc import Awaitable, Callable

import asyncpg
import orjson
from redis.asyncio import Redis

from catalog_db import server_url
from reference_app import ALBUM_BY_ID, SONG_BY_ID


async def measure(label: str, calls: int, call: Callable[[], Awaitable[object]]) -> None:
    for _ in range(50):
        await call()
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(calls):
        await call()
    cpu_us = (time.process_time() - cpu) / calls * 1e6
    wall_us = (time.perf_counter() - wall) / calls * 1e6
    print(f"{label:<28} {cpu_us:8.0f} {wall_us:8.0f}")


async def main(args: argparse.Namespace) -> None:
    connection = await asyncpg.connect(server_url(args.admin_url, args.database))
    redis = Redis.from_url(args.redis_url)
    key = f"{args.prefix}:cache-probe"
    try:
        song = await connection.prepare(SONG_BY_ID)
        album = await connection.prepare(ALBUM_BY_ID)
        body = orjson.dumps(dict(await song.fetchrow(args.song_id)), default=str)
        await redis.set(key, body, ex=300)
        print(f"{'call':<28} {'cpu µs':>8} {'wall µs':>8}  (body {len(body)} bytes)")
        await measure("PostgreSQL song detail", args.calls, lambda: song.fetchrow(args.song_id))
        await measure("PostgreSQL album detail", args.calls, lambda: album.fetchrow(args.album_id))
        await measure("Redis GET of the body", args.calls, lambda: redis.get(key))
    finally:
        await redis.delete(key)
        await redis.aclose()
        await connection.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--database", default="fastfm_bench")
    parser.add_argument(
        "--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    )
    parser.add_argument("--prefix", default="fastfm-bench")
    parser.add_argument("--song-id", type=int, default=500000)
    parser.add_argument("--album-id", type=int, default=53649)
    parser.add_argument("--calls", type=int, default=3000)
    asyncio.run(main(parser.parse_args()))
