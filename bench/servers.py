"""Starts FastFM and the reference app as child processes, and stops exactly those."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from catalog_db import ROOT, fastfm_env

VENV_BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


# Both apps run under the same uvicorn flags. FastFM's are those of `fastfm serve`
# (app factory, uvloop, httptools, proxy headers) plus a 60 s worker healthcheck: on a busy
# 2-core machine importing the app takes longer than uvicorn's default 5 s, and the
# supervisor then kills and restarts the workers forever ("Child process died").
SERVER_FLAGS = [
    "--host", "127.0.0.1", "--loop", "uvloop", "--http", "httptools", "--log-level", "warning",
    "--no-access-log", "--timeout-worker-healthcheck", "60",
]  # fmt: skip


def fastfm_command(port: int, workers: int) -> list[str]:
    return [
        str(VENV_BIN / "uvicorn"), "fastfm.main:create_app", "--factory", "--proxy-headers",
        *SERVER_FLAGS, "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip


def reference_command(port: int, workers: int) -> list[str]:
    return [
        str(VENV_BIN / "uvicorn"), "reference_app:app", "--app-dir", str(ROOT / "bench"),
        *SERVER_FLAGS, "--port", str(port), "--workers", str(workers),
    ]  # fmt: skip


def _wait_until_up(server: Server, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"{server.name} exited with {server.process.returncode} on start")
        with (
            suppress(OSError),
            urllib.request.urlopen(f"{server.base}/healthz", timeout=2) as response,  # noqa: S310
        ):
            if response.status == 200:
                return
        time.sleep(0.3)
    raise SystemExit(f"{server.name} did not answer /healthz within {timeout:.0f} s")


def _stop(server: Server) -> None:
    """SIGTERM the server's own process group (it runs its workers), then SIGKILL it."""
    if server.process.poll() is not None:
        return
    os.killpg(server.process.pid, signal.SIGTERM)
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait()


# The benchmark's single client address stands for many users: budgets this large keep
# every check (a counter per request, in-process or in Redis) without ever answering 429.
UNTHROTTLED = "1000000000/minute"


def ops_env() -> dict[str, str]:
    """FastFM as production runs it: JSON request log at INFO, rate limits checked."""
    env = {
        "FASTFM_LOG_LEVEL": "INFO",
        "FASTFM_LOG_FORMAT": "json",
        "FASTFM_RATE_LIMIT_ENABLED": "1",
    }
    for scope in ("USER", "ADDRESS"):
        for kind in ("READ", "WRITE", "SEARCH", "AUTH"):
            env[f"FASTFM_RATE_LIMIT_{scope}_{kind}"] = UNTHROTTLED
    return env


def quiet_env() -> dict[str, str]:
    """FastFM as the figures before the operations work measured it: no request log or limits."""
    return {"FASTFM_LOG_LEVEL": "WARNING", "FASTFM_RATE_LIMIT_ENABLED": "0"}


def serve_command(port: int, workers: int) -> list[str]:
    """``fastfm serve`` itself: its metrics directory, logging and uvicorn options."""
    return [
        str(VENV_BIN / "fastfm"), "serve", "--host", "127.0.0.1", "--port", str(port),
        "--workers", str(workers), "--no-upgrade",
    ]  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """One app to start: its name, port, command and the environment it adds."""

    name: str
    port: int
    command: list[str]
    env: dict[str, str]
    log: Path | None = None


def specs(
    database_url: str,
    ports: dict[str, int],
    workers: int,
    redis_url: str | None,
    data_dir: str,
    baseline_src: Path | None = None,
) -> list[Spec]:
    """FastFM with operations on (``fastfm``), without them (``fastfm-quiet``), the reference,
    and, given ``baseline_src``, another checkout's FastFM run as ``fastfm-quiet`` is."""
    fastfm = {
        **fastfm_env(database_url),
        "FASTFM_DATA_DIR": data_dir,
        "FASTFM_REDIS_KEY_PREFIX": "fastfm-bench",
        **({"FASTFM_REDIS_URL": redis_url} if redis_url else {}),
    }
    available = {
        "fastfm": Spec(
            "fastfm", ports["fastfm"], serve_command(ports["fastfm"], workers),
            {**fastfm, **ops_env()}, Path(data_dir) / "fastfm.log",
        ),
        "fastfm-quiet": Spec(
            "fastfm-quiet", ports["fastfm-quiet"], fastfm_command(ports["fastfm-quiet"], workers),
            {**fastfm, **quiet_env()},
        ),
        "baseline": Spec(
            "baseline", ports.get("baseline", 0), fastfm_command(ports.get("baseline", 0), workers),
            {**fastfm, **quiet_env(), "PYTHONPATH": str(baseline_src)},
        ),
        "reference": Spec(
            "reference", ports["reference"], reference_command(ports["reference"], workers),
            {**os.environ, "BENCH_DATABASE_URL": database_url},
        ),
    }  # fmt: skip
    return [available[name] for name in ports]


@contextmanager
def running(specs: list[Spec]) -> Iterator[dict[str, Server]]:
    """Every app on its port; all stopped on exit. FastFM's log lines go to its log file."""
    servers: list[Server] = []
    logs = []
    try:
        for spec in specs:
            log = spec.log.open("wb") if spec.log else None
            if log:
                logs.append(log)
            process = subprocess.Popen(  # noqa: S603
                spec.command, env=spec.env, cwd=ROOT, start_new_session=True, stderr=log
            )
            servers.append(Server(spec.name, spec.port, process))
        for server in servers:
            _wait_until_up(server)
        yield {server.name: server for server in servers}
    finally:
        for server in servers:
            _stop(server)
        for log in logs:
            log.close()
