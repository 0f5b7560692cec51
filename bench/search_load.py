"""Search benchmark: ``GET /api/v1/search`` on the 1M-song catalog, beside a pgbench ceiling.

One command: ``make bench-search`` (see bench/README.md). It prepares the catalog
benchmark's 1M-song database (its own copy, ``fastfm_search_bench``), adds a few accented
names, starts FastFM with two workers, and for each query kind runs wrk at concurrency 16
and 64, then pgbench over the SQL statements the same request runs (the raw ceiling: its
rate, and its p50/p99 latency from pgbench's per-transaction log).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from catalog_db import fastfm_env, prepare, server_url, wait_until_idle
from loadgen import Run, fetch_json, percentile, require_wrk, run_wrk
from search_sql import request_script
from servers import ROOT, UNTHROTTLED, Server, _stop, _wait_until_up, fastfm_command

ACCENTED_ARTIST = "Zoë Bérénice"
ACCENTED_SONGS = ["Café Crème", "Crème Brûlée", "Déjà Vu Été", "Café Noir Été"]
KINDS = {
    "exact": "Midnight Harbour",
    "prefix": "midnight harb",
    "multi-word": "harbour midnight",
    "one-typo": "midnigth harbour",
    "accent-free": "cafe creme",
    "no-match": "zzyzx qwerty",
}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--songs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--database", default="fastfm_search_bench")
    parser.add_argument("--seconds", type=int, default=5, help="per wrk / pgbench run")
    parser.add_argument("--concurrency", default="16,64")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--type", default=None, help="the type parameter (default: all five)")
    parser.add_argument("--limit", type=int, default=20)
    return parser.parse_args()


async def _add_accented(url: str) -> None:
    """A few accented names (the synthetic catalog has none), added once through SQL."""
    connection = await asyncpg.connect(url)
    try:
        if await connection.fetchval("SELECT 1 FROM artist WHERE name = $1", ACCENTED_ARTIST):
            return
        async with connection.transaction():
            artist = await connection.fetchval(
                "INSERT INTO artist (name, follower_count, created_at, updated_at) "
                "VALUES ($1, 0, now(), now()) RETURNING id",
                ACCENTED_ARTIST,
            )
            for title in ACCENTED_SONGS:
                song = await connection.fetchval(
                    "INSERT INTO song (title, duration_ms, explicit, disc_number, like_count, "
                    "play_count, created_at, updated_at) VALUES ($1, 200000, false, 1, 0, 0, "
                    "now(), now()) RETURNING id",
                    title,
                )
                await connection.execute(
                    "INSERT INTO song_artist (song_id, position, artist_id) VALUES ($1, 0, $2)",
                    song,
                    artist,
                )
    finally:
        await connection.close()


@dataclass(frozen=True)
class Ceiling:
    """pgbench over one request's statements: transactions per second, latency percentiles."""

    tps: float
    p50_ms: float
    p99_ms: float


def _pgbench(url: str, script: str, clients: int, seconds: int) -> Ceiling:
    """pgbench's rate and (from its per-transaction log) its latency for ``script``."""
    with tempfile.TemporaryDirectory(prefix="fastfm-pgbench-") as directory:
        path = Path(directory) / "request.sql"
        path.write_text(script)
        parsed = urllib.parse.urlparse(url)
        command = [
            "pgbench", "-n", "-M", "prepared", "-f", str(path), "-c", str(clients), "-j", "2",
            "-T", str(seconds), "--log", f"--log-prefix={directory}/log",
            "-h", parsed.hostname or "127.0.0.1", "-p", str(parsed.port or 5432),
            "-U", parsed.username or "postgres", parsed.path.lstrip("/"),
        ]  # fmt: skip
        output = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, check=True, cwd=directory
        ).stdout
        # Each log line: client, transaction, latency in microseconds, ...
        latencies = [
            int(line.split()[2]) / 1000
            for log in Path(directory).glob("log.*")
            for line in log.read_text().splitlines()
        ]
    line = next(x for x in output.splitlines() if x.startswith("tps"))
    tps = float(line.split("=")[1].split()[0])
    return Ceiling(tps, percentile(latencies, 0.5), percentile(latencies, 0.99))


def _start(url: str, port: int, workers: int) -> Server:
    env = {
        **fastfm_env(url),
        "FASTFM_DATA_DIR": tempfile.mkdtemp(prefix="fastfm-bench-"),
        "FASTFM_LOG_LEVEL": "WARNING",
        # wrk is one address: budgets this large keep every rate-limit check without a 429
        # (the default search budget, 100 a second per address, would answer most with one).
        "FASTFM_RATE_LIMIT_ENABLED": "1",
    }
    for scope in ("USER", "ADDRESS"):
        for kind in ("READ", "WRITE", "SEARCH", "AUTH"):
            env[f"FASTFM_RATE_LIMIT_{scope}_{kind}"] = UNTHROTTLED
    process = subprocess.Popen(  # noqa: S603
        fastfm_command(port, workers), env=env, cwd=ROOT, start_new_session=True
    )
    server = Server("fastfm", port, process)
    _wait_until_up(server)
    return server


def main() -> None:
    args = parse_args()
    require_wrk()
    prepare(args.admin_url, args.database, args.songs, args.seed, recreate=False)
    url = server_url(args.admin_url, args.database)
    asyncio.run(_add_accented(url))
    levels = [int(c) for c in args.concurrency.split(",")]
    extra = f"&limit={args.limit}" + (f"&type={args.type}" if args.type else "")
    types = (
        tuple(args.type.split(","))
        if args.type
        else ("song", "artist", "album", "playlist", "genre")
    )
    server = _start(url, args.port, args.workers)
    print(f"load average before the runs: {os.getloadavg()[0]:.2f} (2 cores)", flush=True)
    rows = []
    try:
        for kind, q in KINDS.items():
            path = f"/api/v1/search?q={urllib.parse.quote(q)}{extra}"
            status, body = fetch_json(server.base + path)
            totals = {k: v["total"] for k, v in body.items()} if status == 200 else body
            print(f"{kind:12} {q!r}: HTTP {status}, totals {totals}", flush=True)
            run_wrk(server.base + path, seconds=2, connections=16, threads=2)  # warm-up
            measured = []
            for clients in levels:
                wait_until_idle(url)
                measured.append(run_wrk(server.base + path, seconds=args.seconds,
                                        connections=clients, threads=2))  # fmt: skip
            wait_until_idle(url)
            script = request_script(url, q, types, args.limit)
            ceiling = _pgbench(url, script, levels[0], args.seconds)
            rows.append((kind, measured, ceiling, script.count("\n")))
    finally:
        _stop(server)
    _print_table(rows, levels)


def _print_table(rows: list[tuple[str, list[Run], Ceiling, int]], levels: list[int]) -> None:
    header = " | ".join(f"c{c} req/s | c{c} p50 ms | c{c} p99 ms" for c in levels)
    print(
        f"\n| kind | {header} | pgbench c{levels[0]} tps | pgbench p50 / p99 ms | statements | "
        f"req/s vs pgbench | non-2xx / socket errors |"
    )
    print("|---" * (3 * len(levels) + 6) + "|")
    for kind, measured, ceiling, statements in rows:
        cells = " | ".join(
            f"{r.requests_per_second:.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f}" for r in measured
        )
        errors = " / ".join(f"{r.non_2xx} / {r.socket_errors}" for r in measured)
        ratio = measured[0].requests_per_second / ceiling.tps
        pgbench = f"{ceiling.tps:.0f} | {ceiling.p50_ms:.1f} / {ceiling.p99_ms:.1f}"
        print(f"| {kind} | {cells} | {pgbench} | {statements} | {ratio:.2f} | {errors} |")
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\nload average after the runs (1, 5, 15 min): {load}")


if __name__ == "__main__":
    sys.exit(main())
