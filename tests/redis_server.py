"""A Redis server of the test's own, on a free port, that a test may stop and start again.

    async with private_redis(tmp_path) as redis_server:
        settings = make_settings(..., redis_url=redis_server.url)
        redis_server.stop()     # the app now sees Redis down
        redis_server.start()    # back, same port, empty (no persistence)

``private_redis(tmp_path, append_only=True)`` persists every write (append-only, fsync
always), so what it held survives a restart as a production Redis with persistence would.
Never the shared server: this one is ours, and is stopped (by its own pid) on exit.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tests.backends import unavailable
from tests.server import free_port

STARTUP_TIMEOUT_SECONDS = 10.0


class PrivateRedis:
    """One ``redis-server`` process at a time on a fixed free port."""

    def __init__(self, binary: str, folder: Path, *, append_only: bool = False) -> None:
        self.binary = binary
        self.folder = folder
        self.append_only = append_only
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        if self.running:
            return
        command = [
            self.binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--save",
            "",
            "--dir",
            str(self.folder),
            *(("--appendonly", "yes", "--appendfsync", "always") if self.append_only else ()),
            *(() if self.append_only else ("--appendonly", "no")),
        ]
        log = (self.folder / "redis.log").open("ab")
        self._process = subprocess.Popen(  # noqa: S603 - a fixed command
            command, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self._answers_ping():
                return
            if self._process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def _answers_ping(self) -> bool:
        """Whether the server answers PING (not only accepts: it may still be loading)."""
        with suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.2) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(64).startswith(b"+PONG")
        return False

    def freeze(self) -> None:
        """Stop the process without closing its port: Redis accepts, then never answers."""
        if self._process is not None:
            self._process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        if self._process is not None:
            self._process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self._process is None:
            return
        process, self._process = self._process, None
        if process.poll() is None:
            process.send_signal(signal.SIGCONT)  # a frozen server cannot act on SIGTERM
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def private_redis(folder: Path, *, append_only: bool = False) -> Iterator[PrivateRedis]:
    """A running Redis of our own; skipped (failed under CI) without ``redis-server``."""
    binary = shutil.which("redis-server")
    if binary is None:
        unavailable("redis-server is not installed")
        raise AssertionError("unreachable")
    server = PrivateRedis(binary, folder, append_only=append_only)
    server.start()
    try:
        yield server
    finally:
        server.stop()
