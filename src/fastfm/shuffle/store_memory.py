"""Shuffle sessions in this process's memory, for the embedded profile without Redis."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from fastfm.shuffle.store import (
    SESSION_TTL_SECONDS,
    Overview,
    Pop,
    SessionKey,
    SessionMeta,
    SessionState,
    fresh_revision,
)

# Expired sessions are also purged in bulk, at most this often, so unused ones free memory.
SWEEP_INTERVAL_SECONDS = 60.0


@dataclass
class _Session:
    meta: SessionMeta
    remaining: deque[str]
    expires_at: float
    revision: int = 0
    played: list[str] = field(default_factory=list)


class MemoryShuffleStore:
    """Sessions in a dict; one ``asyncio.Lock`` per session keeps each change atomic."""

    def __init__(
        self,
        ttl_seconds: float = SESSION_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl = ttl_seconds
        self._clock = clock
        self._sessions: dict[SessionKey, _Session] = {}
        self._locks: dict[SessionKey, asyncio.Lock] = {}
        self._next_sweep = clock() + SWEEP_INTERVAL_SECONDS

    def _lock(self, key: SessionKey) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            lock = self._locks[key] = asyncio.Lock()
        return lock

    def _live(self, key: SessionKey) -> _Session | None:
        """The session if it has not expired (renewing it), else ``None``."""
        now = self._clock()
        session = self._sessions.get(key)
        if session is not None and session.expires_at <= now:
            del self._sessions[key]
            session = None
        if session is not None:
            session.expires_at = now + self._ttl
        return session

    def _sweep(self) -> None:
        now = self._clock()
        if now < self._next_sweep:
            return
        self._next_sweep = now + SWEEP_INTERVAL_SECONDS
        for key in [k for k, s in self._sessions.items() if s.expires_at <= now]:
            del self._sessions[key]
        for key in [k for k, lock in self._locks.items() if k not in self._sessions]:
            if not self._locks[key].locked():
                del self._locks[key]

    async def create(
        self, key: SessionKey, meta: SessionMeta, order: list[str], *, replace: bool
    ) -> bool:
        self._sweep()
        async with self._lock(key):
            existing = self._live(key)
            if existing is not None and not replace:
                return False
            self._sessions[key] = _Session(
                meta=meta,
                remaining=deque(order),
                expires_at=self._clock() + self._ttl,
                revision=fresh_revision(),
            )
            return True

    async def delete(self, key: SessionKey) -> bool:
        async with self._lock(key):
            existed = self._live(key) is not None
            self._sessions.pop(key, None)
            return existed

    async def pop(self, key: SessionKey, version: str) -> Pop:
        async with self._lock(key):
            session = self._live(key)
            if session is None:
                return Pop("missing")
            meta = session.meta
            if meta.version != version:
                return Pop("stale", cycle=meta.cycle, revision=session.revision)
            if not session.remaining:
                last = session.played[-1] if session.played else meta.previous_last
                return Pop(
                    "exhausted", cycle=meta.cycle, revision=session.revision, last_played=last
                )
            item = session.remaining.popleft()
            session.played.append(item)
            session.revision += 1
            return Pop(
                "ok",
                cycle=meta.cycle,
                revision=session.revision,
                item=item,
                remaining=len(session.remaining),
            )

    async def state(self, key: SessionKey) -> SessionState | None:
        async with self._lock(key):
            session = self._live(key)
            if session is None:
                return None
            return SessionState(
                meta=session.meta,
                revision=session.revision,
                played=list(session.played),
                remaining=list(session.remaining),
            )

    async def overview(self, key: SessionKey, upcoming: int) -> Overview | None:
        async with self._lock(key):
            session = self._live(key)
            if session is None:
                return None
            return Overview(
                meta=session.meta,
                played=len(session.played),
                remaining=len(session.remaining),
                upcoming=list(itertools.islice(session.remaining, max(0, upcoming))),
                last_played=session.played[-1] if session.played else session.meta.previous_last,
            )

    async def rewrite(
        self,
        key: SessionKey,
        revision: int,
        *,
        played: list[str],
        remaining: list[str],
        version: str,
    ) -> bool:
        async with self._lock(key):
            session = self._live(key)
            if session is None or session.revision != revision:
                return False
            session.remaining = deque(remaining)
            session.played = list(played)
            session.meta = replace(session.meta, version=version)
            session.revision += 1
            return True

    async def start_cycle(
        self,
        key: SessionKey,
        revision: int,
        order: list[str],
        *,
        cycle: int,
        version: str,
        previous_last: str | None,
    ) -> bool:
        async with self._lock(key):
            session = self._live(key)
            if session is None or session.revision != revision:
                return False
            session.meta = replace(
                session.meta, cycle=cycle, version=version, previous_last=previous_last
            )
            session.remaining = deque(order)
            session.played = []
            session.revision += 1
            return True
