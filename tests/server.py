"""A real FastFM server in a subprocess, for tests that need real TCP and real concurrency.

    async with running_server(profile.settings, workers=2) as base_url:
        async with httpx.AsyncClient(base_url=base_url) as http:
            ...

The server runs ``uvicorn fastfm.main:create_app --factory`` on a free 127.0.0.1 port,
configured through the environment from ``settings`` (database, secret, Redis and its
key prefix, data folder), so it shares the test's database and tokens. On exit its whole
process group (the uvicorn supervisor and its workers) is stopped, killed if need be.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path

import httpx

from fastfm.config import Settings

# Generous: two workers importing the app on a busy 2-core machine can take a while.
STARTUP_TIMEOUT_SECONDS = 120.0
SHUTDOWN_TIMEOUT_SECONDS = 10.0
# The process of each running server, by base URL (for tests that signal it).
PROCESSES: dict[str, subprocess.Popen[bytes]] = {}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_environment(settings: Settings) -> dict[str, str]:
    """The process environment that makes ``create_app()`` use ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FASTFM_")}
    env.update(
        FASTFM_DATABASE_URL=settings.resolved_database_url,
        FASTFM_DATA_DIR=str(settings.data_dir),
        FASTFM_SECRET_KEY=settings.signing_key(),
        FASTFM_REDIS_KEY_PREFIX=settings.redis_key_prefix,
        FASTFM_DATABASE_POOL_SIZE=str(settings.database_pool_size),
        FASTFM_LOG_LEVEL="WARNING",
        FASTFM_PASSWORD_HASH_TIME_COST=str(settings.password_hash_time_cost),
        FASTFM_PASSWORD_HASH_MEMORY_KIB=str(settings.password_hash_memory_kib),
        FASTFM_PASSWORD_HASH_PARALLELISM=str(settings.password_hash_parallelism),
    )
    if settings.redis_url is not None:
        env["FASTFM_REDIS_URL"] = settings.redis_url
    return env


@asynccontextmanager
async def running_server(
    settings: Settings,
    *,
    workers: int = 1,
    cli: bool = False,
    env: dict[str, str] | None = None,
) -> AsyncIterator[str]:
    """Serve the app for ``settings`` in a subprocess; yields its base URL.

    ``cli=True`` runs ``fastfm serve`` (as in production) instead of plain uvicorn;
    ``env`` adds variables to the server's environment.
    """
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = Path(settings.data_dir) / f"uvicorn-{port}.log"
    command = (
        cli_command(port, workers)
        if cli
        else [
            sys.executable,
            "-m",
            "uvicorn",
            "fastfm.main:create_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ]
    )
    process = _spawn(command, {**server_environment(settings), **(env or {})}, log_path)
    PROCESSES[base_url] = process
    try:
        await _wait_until_ready(process, base_url, log_path)
        yield base_url
    finally:
        PROCESSES.pop(base_url, None)
        await asyncio.to_thread(_stop, process)


async def assert_not_answering(base_url: str) -> None:
    """Nothing answers at ``base_url`` any more (the server has stopped listening)."""
    async with httpx.AsyncClient(base_url=base_url, timeout=2) as http:
        try:
            await http.get("/healthz")
        except httpx.TransportError:
            return
    raise AssertionError("the server still answers after SIGTERM")


def cli_command(port: int, workers: int) -> list[str]:
    """``fastfm serve`` on ``port`` with ``workers`` (the database is already migrated)."""
    fastfm = str(Path(sys.executable).with_name("fastfm"))
    serve = ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    return [fastfm, *serve, "--no-upgrade"]


def server_log(settings: Settings, base_url: str) -> str:
    """What the server at ``base_url`` wrote to its output so far."""
    port = base_url.rsplit(":", 1)[1]
    return (Path(settings.data_dir) / f"uvicorn-{port}.log").read_text(errors="replace")


def _spawn(command: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    with log_path.open("wb") as log:
        # A session of its own: the supervisor and its workers form one process group.
        return subprocess.Popen(  # noqa: S603 - a fixed command on our own interpreter
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


async def _wait_until_ready(process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    async with httpx.AsyncClient(base_url=base_url, timeout=2.0) as http:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited early:\n{_tail(log)}")
            with suppress(httpx.TransportError):
                if (await http.get("/readyz")).status_code == 200:
                    return
            await asyncio.sleep(0.1)
    raise RuntimeError(f"the server was not ready in {STARTUP_TIMEOUT_SECONDS} s:\n{_tail(log)}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server's process group; SIGKILL it if it does not stop in time."""
    if process.poll() is not None:
        return
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=SHUTDOWN_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        # The group id reaches the workers too, even once their supervisor is gone.
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"
