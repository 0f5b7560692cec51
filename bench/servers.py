"""Starts FastFM and the reference app as child processes, and stops exactly those."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
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


@contextmanager
def running(
    database_url: str, fastfm_port: int, reference_port: int, workers: int, redis_url: str | None
) -> Iterator[tuple[Server, Server]]:
    """Both apps on their ports with ``workers`` workers each; stopped on exit."""
    data_dir = tempfile.mkdtemp(prefix="fastfm-bench-")
    env = {
        **fastfm_env(database_url),
        "FASTFM_DATA_DIR": data_dir,
        "FASTFM_LOG_LEVEL": "WARNING",  # no access log lines, like the reference
        "FASTFM_REDIS_KEY_PREFIX": "fastfm-bench",
    }
    if redis_url:
        env["FASTFM_REDIS_URL"] = redis_url
    ref_env = {**os.environ, "BENCH_DATABASE_URL": database_url}
    servers: list[Server] = []
    try:
        commands = (
            ("fastfm", fastfm_port, fastfm_command(fastfm_port, workers), env),
            ("reference", reference_port, reference_command(reference_port, workers), ref_env),
        )
        for name, port, command, server_env in commands:
            process = subprocess.Popen(  # noqa: S603
                command, env=server_env, cwd=ROOT, start_new_session=True
            )
            servers.append(Server(name, port, process))
        for server in servers:
            _wait_until_up(server)
        yield servers[0], servers[1]
    finally:
        for server in servers:
            _stop(server)
