"""Instructions per request, counted by valgrind: FastFM (operations on and off) and the
reference app, one endpoint at a time, in one process, with no HTTP server.

Timings move with whatever else the machine runs; an instruction count does not. Each
measurement is a child process under ``valgrind --tool=callgrind`` with instrumentation
off until its warm-up is done: it serves the endpoint ``--warmup`` times, switches
counting on (``callgrind_control -i on``), serves it ``--requests`` times, and switches it
off. PostgreSQL's own work is not counted, only the app's; nor is the socket I/O of an
HTTP server, and metrics are kept in-process rather than in multiprocess files.

    apt-get install -y valgrind
    .venv/bin/python bench/request_instructions.py         # after catalog_load.py seeded the DB
    .venv/bin/python bench/request_instructions.py --src /tmp/old/src   # another checkout

Apps: ``fastfm`` (JSON request log at INFO, rate limits checked: as ``make bench`` serves
it), ``fastfm-quiet`` (WARNING, no rate limits) and ``reference``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from catalog_db import server_url
from servers import ops_env, quiet_env

BENCH = Path(__file__).resolve().parent
ENDPOINTS = {
    "song detail": "/api/v1/songs/500000",
    "album detail": "/api/v1/albums/53649",
    "songs first page": "/api/v1/songs?limit=50",
}
APPS = ("fastfm", "fastfm-quiet", "reference")
_TOTAL = re.compile(r"^totals: (\d+)$", re.MULTILINE)


def app_env(app: str) -> dict[str, str]:
    if app == "fastfm":
        return ops_env()
    if app == "fastfm-quiet":
        return quiet_env()
    return {}


def measure(app: str, url: str, args: argparse.Namespace, database_url: str) -> float:
    """Instructions per request of ``app`` serving ``url``, from a child under callgrind."""
    env = {
        **os.environ,
        **app_env(app),
        "BENCH_DATABASE_URL": database_url,
        "FASTFM_DATABASE_URL": database_url.replace("postgresql://", "postgresql+asyncpg://"),
        "PYTHONHASHSEED": "0",
    }
    if args.src:
        env["PYTHONPATH"] = str(args.src)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        command = [
            "valgrind", "--tool=callgrind", "--instr-atstart=no",
            f"--callgrind-out-file={out}", sys.executable, str(Path(__file__).resolve()),
            "--child", app, url, str(args.warmup), str(args.requests),
        ]  # fmt: skip
        subprocess.run(command, env=env, cwd=BENCH, check=True, capture_output=True)  # noqa: S603
        match = _TOTAL.search(out.read_text(errors="replace"))
    if match is None:
        raise SystemExit(f"no instruction count for {app} {url}")
    return int(match.group(1)) / args.requests


async def serve_counted(app_name: str, url: str, warmup: int, requests: int) -> None:
    """In the child: serve ``url`` from ``app_name``, counting only the measured requests."""
    from request_cpu import call

    path, _, query = url.partition("?")
    if app_name == "reference":
        import reference_app

        app = reference_app.app
        lifespan = reference_app.lifespan(app)
    else:
        from fastfm.main import create_app

        app = create_app()
        lifespan = app.router.lifespan_context(app)
    async with lifespan:
        for _ in range(warmup):
            if await call(app, path, query) != 200:
                raise SystemExit(f"{app_name} answered {url} with an error")
        # Blocking on purpose: counting must be on before the first measured request.
        control = ["callgrind_control", "--instr=on", str(os.getpid())]
        subprocess.run(control, check=True, capture_output=True)  # noqa: S603, ASYNC221
        for _ in range(requests):
            await call(app, path, query)
        control[1] = "--instr=off"
        subprocess.run(control, check=True, capture_output=True)  # noqa: S603, ASYNC221


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=4, metavar=("APP", "URL", "WARMUP", "REQUESTS"))
    parser.add_argument(
        "--admin-url",
        default=os.environ.get("BENCH_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--database", default="fastfm_bench")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--src", type=Path, help="measure FastFM from this src directory")
    parser.add_argument("--only", help="measure only endpoints whose name contains this")
    args = parser.parse_args()
    if args.child:
        import uvloop

        app, url, warmup, requests = args.child
        uvloop.run(serve_counted(app, url, int(warmup), int(requests)))
        return
    database_url = server_url(args.admin_url, args.database)
    print(f"{'endpoint':<18}" + "".join(f"{app:>14}" for app in APPS) + "   (instructions)")
    for name, url in ENDPOINTS.items():
        if args.only and args.only not in name:
            continue
        counts = {app: measure(app, url, args, database_url) for app in APPS}
        cells = "".join(f"{counts[app] / 1000:>13.0f}K" for app in APPS)
        ratio = counts["fastfm"] / counts["fastfm-quiet"]
        print(f"{name:<18}{cells}   fastfm/quiet {ratio:.2f}")


if __name__ == "__main__":
    main()
