"""Playlist track operations on a 10,000-track playlist (PostgreSQL), against a 50 ms target.

    .venv/bin/python bench/playlist_ops.py            # --runs 50 --tracks 10000 by default

1. Creates the database ``fastfm_bench_playlists`` if missing, migrates it with the real
   migrations (``fastfm db upgrade``) and, when it holds too few songs, seeds it with
   ``fastfm seed --synthetic`` (once; later runs reuse it, ``--recreate`` rebuilds it).
   The same per-database planner settings as the catalog benchmark apply.
2. Runs the app in-process (``create_app`` with its lifespan, httpx over ASGITransport:
   routing, auth, validation, SQL and JSON, no network), registers a user and fills one
   playlist with ``--tracks`` songs through ``PUT /playlists/{id}/tracks``.
3. ``--runs`` rounds, each timing in turn: inserting 100 tracks at the top (then
   removing them again, untimed, so the playlist keeps its size), moving the last 100
   tracks to the top, and reading page 90 (``offset=9000&limit=100``) of the tracks.
4. Prints p50 and p95 per operation in milliseconds beside the 50 ms p50 target, then
   deletes the user (and with it the playlist).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from fastfm.config import Settings
from fastfm.main import create_app
from loadgen import percentile

ROOT = Path(__file__).resolve().parents[1]
FASTFM = Path(sys.executable).parent / "fastfm"
TARGET_P50_MS = 50.0
BLOCK = 100
# As in bench/catalog_db.py: data in RAM/SSD, no JIT for short queries, no parallel workers.
DATABASE_SETTINGS = {
    "random_page_cost": "1.1",
    "jit": "off",
    "max_parallel_workers_per_gather": "0",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--database", default="fastfm_bench_playlists")
    parser.add_argument("--tracks", type=int, default=10_000, help="playlist length")
    parser.add_argument("--runs", type=int, default=50, help="timed rounds per operation")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--recreate", action="store_true", help="drop and rebuild the database")
    return parser.parse_args()


def database_url(admin_url: str, database: str) -> str:
    return admin_url.rsplit("/", 1)[0] + "/" + database


async def create_database(admin_url: str, database: str, recreate: bool) -> None:
    admin = await asyncpg.connect(admin_url)
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
        if exists and recreate:
            print(f"Dropping {database} (--recreate)")
            await admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
            exists = None
        if not exists:
            print(f"Creating database {database}")
            await admin.execute(f'CREATE DATABASE "{database}"')
        for name, value in DATABASE_SETTINGS.items():
            await admin.execute(f'ALTER DATABASE "{database}" SET {name} = {value}')
    finally:
        await admin.close()


async def fetchval(url: str, sql: str) -> Any:
    connection = await asyncpg.connect(url)
    try:
        return await connection.fetchval(sql)
    finally:
        await connection.close()


def prepare(args: argparse.Namespace) -> str:
    """Create, migrate and (once) seed the database; its SQLAlchemy URL."""
    asyncio.run(create_database(args.admin_url, args.database, args.recreate))
    url = database_url(args.admin_url, args.database)
    sqlalchemy_url = url.replace("postgresql://", "postgresql+asyncpg://", 1)
    env = {**os.environ, "FASTFM_DATABASE_URL": sqlalchemy_url}
    subprocess.run([str(FASTFM), "db", "upgrade"], env=env, check=True, cwd=ROOT)  # noqa: S603
    songs = asyncio.run(fetchval(url, "SELECT count(*) FROM song"))
    wanted = args.tracks + BLOCK
    if songs < wanted:
        if songs:
            raise SystemExit(
                f"{args.database} holds {songs} songs, fewer than {wanted}: --recreate"
            )
        print(f"Seeding {wanted:,} songs into {args.database} (once; later runs reuse them)")
        command = [str(FASTFM), "seed", "--synthetic", "--songs", str(wanted), "--seed", "7"]
        subprocess.run(command, env=env, check=True, cwd=ROOT)  # noqa: S603
    return sqlalchemy_url


class Session:
    """A registered bench user and its HTTP client into the in-process app."""

    def __init__(self, http: httpx.AsyncClient, headers: dict[str, str]) -> None:
        self.http = http
        self.headers = headers

    async def call(self, method: str, url: str, *, expect: int, **kwargs: Any) -> Any:
        response = await self.http.request(method, url, headers=self.headers, **kwargs)
        if response.status_code != expect:
            raise SystemExit(f"{method} {url}: {response.status_code} {response.text[:300]}")
        return response.json() if response.content else None


async def sign_up(http: httpx.AsyncClient) -> Session:
    name = f"bench_{uuid.uuid4().hex[:12]}"
    password = uuid.uuid4().hex
    body = {"email": f"{name}@example.com", "username": name, "password": password}
    registered = await http.post("/api/v1/auth/register", json=body)
    if registered.status_code != 201:
        raise SystemExit(f"register: {registered.status_code} {registered.text[:300]}")
    tokens = await http.post("/api/v1/auth/login", data={"username": name, "password": password})
    if tokens.status_code != 200:
        raise SystemExit(f"login: {tokens.status_code} {tokens.text[:300]}")
    return Session(http, {"Authorization": f"Bearer {tokens.json()['access_token']}"})


async def timed(
    samples: list[tuple[float, float]],
    call: Callable[..., Awaitable[Any]],
    *args: Any,
    **kwargs: Any,
) -> None:
    """Append (wall ms, this process's CPU ms) for one call."""
    started, cpu_started = time.perf_counter(), time.process_time()
    await call(*args, **kwargs)
    wall = (time.perf_counter() - started) * 1000
    samples.append((wall, (time.process_time() - cpu_started) * 1000))


async def measure(url: str, args: argparse.Namespace) -> dict[str, list[tuple[float, float]]]:
    song_ids = [
        row["id"]
        for row in await _rows(database_url(args.admin_url, args.database), "SELECT id FROM song")
    ]
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(
            database_url=url,
            data_dir=Path(data_dir),
            secret_key="bench-" + "x" * 40,
            log_level="WARNING",
        )
        app = create_app(settings)
        logging.getLogger("httpx").setLevel(logging.WARNING)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://bench", timeout=120
            ) as http:
                me = await sign_up(http)
                created = await me.call(
                    "POST", "/api/v1/playlists", json={"name": "Bench"}, expect=201
                )
                tracks_url = f"/api/v1/playlists/{created['id']}/tracks"
                started = time.perf_counter()
                await me.call(
                    "PUT",
                    tracks_url,
                    json={"song_ids": rng.sample(song_ids, args.tracks)},
                    expect=200,
                )
                took = time.perf_counter() - started
                print(f"Filled a {args.tracks:,}-track playlist in {took:.1f} s")
                await _analyze(database_url(args.admin_url, args.database))
                samples: dict[str, list[tuple[float, float]]] = {
                    "insert 100 at the top": [],
                    "move the last 100 to the top": [],
                    "read page 90 (offset 9000, limit 100)": [],
                }
                insert, move, read = samples.values()
                for _ in range(args.runs):
                    top = {"song_ids": rng.sample(song_ids, BLOCK), "position": 0}
                    await timed(insert, me.call, "POST", tracks_url, json=top, expect=201)
                    undo = {"positions": list(range(BLOCK))}
                    await me.call("DELETE", tracks_url, json=undo, expect=200)
                    block = {
                        "range_start": args.tracks - BLOCK,
                        "range_length": BLOCK,
                        "insert_before": 0,
                    }
                    await timed(move, me.call, "PATCH", tracks_url, json=block, expect=200)
                    page = {"offset": 9000, "limit": 100}
                    await timed(read, me.call, "GET", tracks_url, params=page, expect=200)
                final = await me.call("GET", tracks_url, params={"limit": 1}, expect=200)
                if final["total"] != args.tracks:
                    raise SystemExit(
                        f"the playlist holds {final['total']} tracks, not {args.tracks}"
                    )
                await me.call("DELETE", "/api/v1/me", expect=204)
    return samples


async def _rows(url: str, sql: str) -> list[Any]:
    connection = await asyncpg.connect(url)
    try:
        return list(await connection.fetch(sql))
    finally:
        await connection.close()


async def _analyze(url: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("ANALYZE playlist_entry")
    finally:
        await connection.close()


def report(samples: dict[str, list[tuple[float, float]]], runs: int) -> bool:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{runs} runs each; target: p50 < {TARGET_P50_MS:.0f} ms; load average {load}")
    print("(app CPU: this process's CPU time per request, the part that machine load inflates")
    print(" least; the database's work is in the wall time only)")
    print(f"{'operation':<40} {'p50 ms':>8} {'p95 ms':>8} {'app CPU p50':>12}  target")
    ok = True
    for name, values in samples.items():
        walls = [wall for wall, _ in values]
        p50, p95 = statistics.median(walls), percentile(walls, 0.95)
        cpu = statistics.median(cpu for _, cpu in values)
        met = p50 < TARGET_P50_MS
        ok = ok and met
        verdict = "met" if met else "MISSED"
        print(f"{name:<40} {p50:>8.1f} {p95:>8.1f} {cpu:>12.1f}  {verdict} (< {TARGET_P50_MS:.0f})")
    return ok


def main() -> None:
    args = parse_args()
    if args.tracks < 9000 + BLOCK:
        raise SystemExit("--tracks must be at least 9100 to read page 90")
    url = prepare(args)
    samples = asyncio.run(measure(url, args))
    sys.exit(0 if report(samples, args.runs) else 1)


if __name__ == "__main__":
    main()
