"""Fixed-window counters in ``limits`` storage, with few storage calls.

Every process counts hits locally and adds them to the storage's counter in batches
(one ``INCRBY`` per batch, about a hundredth of the limit), switching to one call per
hit when the count nears the limit. So a hot read path pays a Redis round trip on about
one request in a hundred, and the processes sharing Redis can overshoot a limit by at
most one batch each. With in-process storage the local count is exact.

While Redis fails, counting moves to the in-process store (limits stay on, per
process); the shared :class:`~fastfm.state.RedisOutage` says when to try Redis again,
logs the outage once and counts each failure in ``fastfm_redis_errors_total``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import NamedTuple

from limits import RateLimitItem
from limits.aio.storage import MemoryStorage, Storage

from fastfm.state import REDIS_ERRORS, RedisOutage

_NAMESPACE = "api"
BATCH_FRACTION = 100
NEAR_LIMIT_BATCHES = 4
MAX_TRACKED_KEYS = 100_000


class Decision(NamedTuple):
    """The outcome of one hit: what the RateLimit-* headers say (made on every request)."""

    allowed: bool
    limit: int
    remaining: int
    reset_after: int  # whole seconds until the window ends


@dataclass
class _Local:
    total: int = 0  # the shared count when last seen
    pending: int = 0  # hits counted here and not yet added to it
    resets_at: float = 0.0


class RateLimiter:
    """Counts hits per (budget, scope, key) against a ``RateLimitItem``."""

    def __init__(
        self,
        storage: Storage,
        *,
        shared: bool,
        fallback: MemoryStorage | None = None,
        outage: RedisOutage | None = None,
    ) -> None:
        self.storage = storage
        self.shared = shared
        self.fallback = fallback or MemoryStorage()
        self.outage = outage or RedisOutage()
        self._local: dict[tuple[int, str, str, str], _Local] = {}

    async def reset(self) -> None:
        """Forget every count (tests)."""
        self._local.clear()
        await self.fallback.reset()

    async def hit(self, item: RateLimitItem, budget: str, scope: str, key: str) -> Decision:
        now = time.time()
        local_key = (id(item), budget, scope, key)
        local = self._local.get(local_key)
        if local is None:
            if len(self._local) >= MAX_TRACKED_KEYS:
                self._local.clear()
            local = self._local[local_key] = _Local()
        if now >= local.resets_at:
            local.total = 0
        local.pending += 1
        limit = item.amount
        batch = max(1, limit // BATCH_FRACTION) if self._batching(now) else 1
        if (
            local.pending >= batch
            or now >= local.resets_at
            or limit - local.total - local.pending < batch * NEAR_LIMIT_BATCHES
        ):
            storage_key = item.key_for(_NAMESPACE, budget, scope, key)
            await self._flush(item, storage_key, local, now)
        used = local.total + local.pending
        return Decision(
            allowed=used <= limit,
            limit=limit,
            remaining=max(0, limit - used),
            reset_after=max(1, math.ceil(local.resets_at - now)),
        )

    def _batching(self, now: float) -> bool:
        # In-process storage is this process's alone: batching loses nothing. The
        # fallback during a Redis outage counts every hit.
        return not self.shared or not self.outage.down

    async def _flush(self, item: RateLimitItem, key: str, local: _Local, now: float) -> None:
        amount, local.pending = local.pending, 0
        expiry = item.get_expiry()
        storage = self.storage
        if not self.shared:
            total = await storage.incr(key, expiry, amount)
        elif self.outage.should_try():
            try:
                total = await storage.incr(key, expiry, amount)
            except REDIS_ERRORS as exc:
                self.outage.failed(exc, "rate_limit")
                storage = self.fallback
                total = await storage.incr(key, expiry, amount)
            else:
                self.outage.answered()
        else:
            storage = self.fallback
            total = await storage.incr(key, expiry, amount)
        if total == amount or now >= local.resets_at:
            # A window began with this batch, or this process has not seen it yet.
            resets_at = now + expiry if total == amount else await self._expiry(storage, key)
            local.resets_at = resets_at
        local.total = total

    async def _expiry(self, storage: Storage, key: str) -> float:
        try:
            return await storage.get_expiry(key)
        except REDIS_ERRORS as exc:
            self.outage.failed(exc, "rate_limit")
            return time.time() + 1
