"""A redis-server of the test's own, on a free port, that the test may stop and restart.

Append-only with fsync on every write, so what it held survives a restart as a
production Redis with persistence would.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
from contextlib import suppress
from pathlib import Path

import pytest
from redis.asyncio import Redis

from tests.backends import unavailable
from tests.server import free_port

START_TIMEOUT_SECONDS = 10.0


def _spawn(command: list[str], log_path: Path) -> subprocess.Popen[bytes]:
    with log_path.open("ab") as log:
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603


class OwnRedis:
    def __init__(self, data_dir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            unavailable("redis-server is not installed")
        self.binary = str(binary)
        self.data_dir = data_dir
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    async def start(self) -> None:
        command = [
            self.binary,
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--save", "",
        ]  # fmt: skip
        self.process = _spawn(command, self.data_dir / "redis.log")
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        client = Redis.from_url(self.url)
        try:
            while time.monotonic() < deadline:
                with suppress(Exception):
                    if await client.ping():
                        return
                await asyncio.sleep(0.05)
        finally:
            await client.aclose()
        pytest.fail("the test's redis-server did not start")

    async def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            await asyncio.to_thread(self.process.wait, 10)
        self.process = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()
