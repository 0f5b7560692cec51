"""Failed-login throttling per account and per client address (moving window, ``limits``).

The counters live in Redis when it is configured. While Redis does not answer, they are
kept in this process instead (each process then counts on its own), so logins keep
working and stay throttled; the outage is logged once (see :mod:`fastfm.state`).
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter

from fastfm.auth.exceptions import TooManyLoginAttempts
from fastfm.observability import metrics
from fastfm.state import REDIS_ERRORS, RedisOutage

_NAMESPACE = "login-failures"
T = TypeVar("T")


def account_key(user_id: int) -> str:
    """The throttle key of an existing account (logins and password changes share it)."""
    return f"user:{user_id}"


@dataclass
class LoginThrottle:
    """Counts failed logins only; a blocked attempt is refused before any password check.

    ``account`` is a stable key for the account tried (or for the unknown name, so that
    unknown and known accounts are throttled alike); ``address`` is the client address.
    ``storage`` holds the counters; ``fallback`` (in-process) stands in while ``outage``
    says the shared storage does not answer. Without Redis both are the same storage.
    """

    storage: Storage
    account_limit: str
    address_limit: str
    fallback: Storage | None = None
    outage: RedisOutage | None = None
    _limiter: MovingWindowRateLimiter = field(init=False)
    _per_account: RateLimitItem = field(init=False)
    _per_address: RateLimitItem = field(init=False)

    def __post_init__(self) -> None:
        self._limiter = MovingWindowRateLimiter(self.storage)
        self._per_account = parse(self.account_limit)
        self._per_address = parse(self.address_limit)

    def _checks(self, account: str, address: str) -> list[tuple[RateLimitItem, str, str]]:
        return [
            (self._per_account, "account", account),
            (self._per_address, "address", address),
        ]

    async def ensure_allowed(self, account: str, address: str) -> None:
        """Raise 429 (with Retry-After) if either limit is used up."""

        async def seconds_to_wait(limiter: MovingWindowRateLimiter) -> int:
            retry_after = 0
            for item, kind, key in self._checks(account, address):
                if not await limiter.test(item, _NAMESPACE, kind, key):
                    stats = await limiter.get_window_stats(item, _NAMESPACE, kind, key)
                    retry_after = max(retry_after, math.ceil(stats.reset_time - time.time()), 1)
            return retry_after

        retry_after = await self._with_storage(seconds_to_wait)
        if retry_after:
            metrics.LOGIN_THROTTLED.inc()
            raise TooManyLoginAttempts(retry_after)

    async def record_failure(self, account: str, address: str) -> None:
        """Count one failed attempt against both limits."""
        metrics.LOGIN_FAILURES.inc()

        async def hit(limiter: MovingWindowRateLimiter) -> None:
            for item, kind, key in self._checks(account, address):
                await limiter.hit(item, _NAMESPACE, kind, key)

        await self._with_storage(hit)

    async def _with_storage(self, use: Callable[[MovingWindowRateLimiter], Awaitable[T]]) -> T:
        """``use`` the shared counters, or the in-process ones while they do not answer."""
        if self.fallback is None or self.outage is None:
            return await use(self._limiter)
        if self.outage.should_try():
            try:
                result = await use(self._limiter)
            except REDIS_ERRORS as exc:
                self.outage.failed(exc, "login_throttle")
            else:
                self.outage.answered()
                return result
        return await use(MovingWindowRateLimiter(self.fallback))
