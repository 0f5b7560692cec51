"""The embedded default (SQLite): one job runner per database file, found by a file lock.

Every ``fastfm serve`` process on the same SQLite file could start a runner, and each
would take the jobs left queued or running: the same job run twice at once. So a runner
first takes an exclusive ``flock`` on ``<database>.jobs.lock``. The holder runs every
job: its own process's jobs are handed over at commit, and a sweep every
``SWEEP_SECONDS`` picks up the jobs other processes committed, and any job left running
by a process that is gone (it no longer holds the lock, so nobody else can be running
it). The others wait and try the lock again, so one takes over when the holder stops.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from sqlalchemy.engine import make_url

SWEEP_SECONDS = 2.0


class RunnerLock:
    """An exclusive, non-blocking lock on a file beside the SQLite database."""

    def __init__(self, url: str) -> None:
        database = make_url(url).database
        self.path = Path(f"{database}.jobs.lock") if database and database != ":memory:" else None
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        if self._fd is not None or self.path is None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
