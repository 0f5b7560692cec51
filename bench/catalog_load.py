"""Catalog read benchmark: FastFM against a hand-written reference app, on a 1M-song catalog.

One command: ``.venv/bin/python bench/catalog_load.py`` (see bench/README.md). It creates
and seeds the PostgreSQL database ``fastfm_bench`` once, starts both apps with two
workers, checks that they answer the same JSON, then measures each endpoint with wrk,
alternating the apps run by run, and prints requests/s, p50, p99 and the ratios.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import statistics
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from catalog_db import DATABASE_SETTINGS, ROOT, Targets, prepare, server_url, wait_until_idle
from loadgen import Run, compare, require_wrk, run_wrk
from servers import running, specs

RESULTS = ROOT / "bench" / "results"
LOCK_FILE = Path(tempfile.gettempdir()) / "fastfm-catalog-bench.lock"
# Targets the figures are judged by.
MIN_RPS_RATIO = 0.4
MAX_P99_RATIO = 3.0
MAX_SLOWDOWN_VS_FIRST_PAGE = 2.0


def endpoints(t: Targets) -> dict[str, str]:
    return {
        "songs first page": "/api/v1/songs?limit=50",
        "songs offset 900k": f"/api/v1/songs?limit=50&offset={min(900_000, t.songs - 50)}",
        f"songs artist_id ({t.artist_songs:,})": f"/api/v1/songs?limit=50&artist_id={t.artist_id}",
        f"songs q={t.word} ({t.word_songs:,})": (
            f"/api/v1/songs?limit=50&q={t.word}&sort=-release_date"
        ),
        "song detail": f"/api/v1/songs/{t.song_id}",
        f"album detail ({t.album_tracks} tracks)": f"/api/v1/albums/{t.album_id}",
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--songs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--database", default="fastfm_bench")
    parser.add_argument("--recreate", action="store_true", help="drop and reseed the database")
    parser.add_argument("--seconds", type=int, default=10, help="per wrk run (at least 10)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per app and endpoint")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=2, help="server workers per app")
    parser.add_argument("--fastfm-port", type=int, default=8101)
    parser.add_argument("--reference-port", type=int, default=8102)
    parser.add_argument("--quiet-port", type=int, default=8103)
    parser.add_argument(
        "--baseline-src",
        type=Path,
        help="also serve FastFM from this src directory (another checkout), as fastfm-quiet runs",
    )
    parser.add_argument("--baseline-port", type=int, default=8104)
    parser.add_argument(
        "--no-quiet",
        action="store_true",
        help="skip fastfm-quiet (FastFM without request log and rate limits)",
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL"))
    parser.add_argument("--only", help="measure only endpoints whose name contains this")
    parser.add_argument(
        "--check-only", action="store_true", help="compare the apps' JSON, measure nothing"
    )
    return parser.parse_args()


def median_run(runs: list[Run]) -> Run:
    return Run(
        requests_per_second=statistics.median(r.requests_per_second for r in runs),
        p50_ms=statistics.median(r.p50_ms for r in runs),
        p99_ms=statistics.median(r.p99_ms for r in runs),
        non_2xx=sum(r.non_2xx for r in runs),
        socket_errors=sum(r.socket_errors for r in runs),
    )


def measure(
    args: argparse.Namespace, database_url: str, bases: dict[str, str], paths: dict[str, str]
) -> dict[str, dict[str, Run]]:
    """Each round runs every endpoint on every app, the order reversed turn by turn.

    Drift on a busy machine then spreads over both apps and over all endpoints, so the
    app ratios and the endpoint-to-first-page ratios both hold. Before every run the
    database must be idle, so no run pays for another's backlog.
    """

    def run(name: str, path: str, seconds: int) -> Run:
        wait_until_idle(database_url)
        return run_wrk(
            bases[name] + path, seconds=seconds, connections=args.connections, threads=args.threads
        )

    for path in paths.values():
        for name in bases:
            run(name, path, 2)  # warm-up: prepared statements, caches
    runs: dict[str, dict[str, list[Run]]] = {e: {a: [] for a in bases} for e in paths}
    apps = list(bases)
    for round_number in range(args.rounds):
        started = time.monotonic()
        for turn, (endpoint, path) in enumerate(paths.items()):
            order = apps if (round_number + turn) % 2 == 0 else apps[::-1]
            for name in order:
                runs[endpoint][name].append(run(name, path, args.seconds))
        elapsed = time.monotonic() - started
        print(f"  round {round_number + 1}/{args.rounds} done ({elapsed:.0f} s)", flush=True)
    return {e: {a: median_run(r) for a, r in by.items()} for e, by in runs.items()}


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("inf")


def _verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


MIN_OPS_RATIO = 0.9  # operations on (request log, rate limits) against off


def report(results: dict[str, dict[str, Run]]) -> list[str]:
    lines = [
        f"{'endpoint':<30} {'app':<13} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9}  errors",
        "-" * 83,
    ]
    for endpoint, by_app in results.items():
        for position, (app, run) in enumerate(by_app.items()):
            errors = run.non_2xx + run.socket_errors
            lines.append(
                f"{endpoint if position == 0 else '':<30} {app:<13} "
                f"{run.requests_per_second:>9.0f} {run.p50_ms:>9.1f} {run.p99_ms:>9.1f}  {errors}"
            )
        fastfm, reference = by_app["fastfm"], by_app["reference"]
        rps_ratio = _ratio(fastfm.requests_per_second, reference.requests_per_second)
        p99_ratio = _ratio(fastfm.p99_ms, reference.p99_ms)
        lines.append(
            f"{'':<30} {'vs reference':<13} {rps_ratio:>9.2f} "
            f"{_ratio(fastfm.p50_ms, reference.p50_ms):>8.2f}x {p99_ratio:>8.2f}x  "
            f"rps>={MIN_RPS_RATIO}: {_verdict(rps_ratio >= MIN_RPS_RATIO)}, "
            f"p99<={MAX_P99_RATIO:.0f}x: {_verdict(p99_ratio <= MAX_P99_RATIO)}"
        )
        if baseline := by_app.get("baseline"):
            today = by_app["fastfm-quiet"]
            lines.append(
                f"{'':<30} {'quiet/baseline':<13} "
                f"{_ratio(today.requests_per_second, baseline.requests_per_second):>9.2f} "
                f"{_ratio(today.p50_ms, baseline.p50_ms):>8.2f}x "
                f"{_ratio(today.p99_ms, baseline.p99_ms):>8.2f}x"
            )
        if quiet := by_app.get("fastfm-quiet"):
            ops_ratio = _ratio(fastfm.requests_per_second, quiet.requests_per_second)
            lines.append(
                f"{'':<30} {'vs quiet':<13} {ops_ratio:>9.2f} "
                f"{_ratio(fastfm.p50_ms, quiet.p50_ms):>8.2f}x "
                f"{_ratio(fastfm.p99_ms, quiet.p99_ms):>8.2f}x  "
                f"rps>={MIN_OPS_RATIO}: {_verdict(ops_ratio >= MIN_OPS_RATIO)}"
            )
    first = results.get("songs first page")
    lists = [name for name in results if name.startswith("songs ") and name != "songs first page"]
    if first and lists:
        lines += [
            "",
            "Lists against the first page (time per request: first page req/s / its req/s):",
        ]
        for endpoint in lists:
            for app in results[endpoint]:
                slowdown = _ratio(
                    first[app].requests_per_second, results[endpoint][app].requests_per_second
                )
                ok = slowdown <= MAX_SLOWDOWN_VS_FIRST_PAGE
                verdict = f"<= {MAX_SLOWDOWN_VS_FIRST_PAGE:.0f}x: {_verdict(ok)}"
                lines.append(f"  {endpoint:<30} {app:<13} {slowdown:>6.2f}x  {verdict}")
    return lines


def main() -> None:
    args = parse_args()
    require_wrk()
    # One run at a time on this machine: runs share the database and the ports.
    lock = LOCK_FILE.open("w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"Another benchmark run holds {LOCK_FILE}; waiting for it to finish")
        fcntl.flock(lock, fcntl.LOCK_EX)
    targets = prepare(args.admin_url, args.database, args.songs, args.seed, args.recreate)
    url = server_url(args.admin_url, args.database)
    settings = ", ".join(f"{k}={v}" for k, v in DATABASE_SETTINGS.items())
    print(f"Database {args.database}: ALTER DATABASE ... SET {settings}")
    paths = endpoints(targets)
    if args.only:
        paths = {name: path for name, path in paths.items() if args.only in name}
    print(f"Load average before: {os.getloadavg()[0]:.2f} (2 cores; figures drift when busy)")
    ports = {"fastfm": args.fastfm_port, "reference": args.reference_port}
    if not args.no_quiet:
        ports = {"fastfm": args.fastfm_port, "fastfm-quiet": args.quiet_port, **ports}
    if args.baseline_src:
        if args.no_quiet:
            raise SystemExit("--baseline-src compares with fastfm-quiet: drop --no-quiet")
        ports["baseline"] = args.baseline_port
    data_dir = tempfile.mkdtemp(prefix="fastfm-bench-")
    apps = specs(url, ports, args.workers, args.redis_url, data_dir, args.baseline_src)
    with running(apps) as servers:
        bases = {name: server.base for name, server in servers.items()}
        reference = bases["reference"]
        for name, path in paths.items():
            for app in (a for a in bases if a != "reference"):
                difference = compare(bases[app] + path, reference + path)
                if difference:
                    print(f"WARNING: {name}: {app} and reference differ: {difference}")
                else:
                    print(f"Same JSON from {app} and reference: {name}")
        if args.check_only:
            return
        results = measure(args, url, bases, paths)
    log = Path(data_dir) / "fastfm.log"
    lines = log.read_bytes().count(b"\n") if log.exists() else 0
    print(f"fastfm wrote {lines:,} JSON log lines ({log})")
    print(f"Load average after: {os.getloadavg()[0]:.2f}")
    print(
        f"\nwrk -t{args.threads} -c{args.connections} -d{args.seconds}s, median of "
        f"{args.rounds} interleaved runs per app; {args.workers} workers each. fastfm: "
        "`fastfm serve` with JSON request logs at INFO and every rate limit checked; "
        "fastfm-quiet: log level WARNING, rate limiting off\n"
    )
    print("\n".join(report(results)))
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"catalog_load-{time.strftime('%Y%m%d-%H%M%S')}.json"
    payload = {
        "targets": asdict(targets),
        "paths": paths,
        "results": {e: {a: asdict(r) for a, r in by.items()} for e, by in results.items()},
    }
    out.write_text(json.dumps(payload, indent=2))
    print(f"\nSaved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
