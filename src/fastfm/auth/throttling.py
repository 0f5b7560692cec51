"""Failed-login throttling per account and per client address (moving window, ``limits``)."""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from redis.exceptions import RedisError

from fastfm.auth.exceptions import TooManyLoginAttempts
from fastfm.errors import Unavailable

_NAMESPACE = "login-failures"


def account_key(user_id: int) -> str:
    """The throttle key of an existing account (logins and password changes share it)."""
    return f"user:{user_id}"


@dataclass
class LoginThrottle:
    """Counts failed logins only; a blocked attempt is refused before any password check.

    ``account`` is a stable key for the account tried (or for the unknown name, so that
    unknown and known accounts are throttled alike); ``address`` is the client address.
    """

    storage: Storage
    account_limit: str
    address_limit: str
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
        retry_after = 0
        async with _storage_errors_unavailable():
            for item, kind, key in self._checks(account, address):
                if not await self._limiter.test(item, _NAMESPACE, kind, key):
                    stats = await self._limiter.get_window_stats(item, _NAMESPACE, kind, key)
                    retry_after = max(retry_after, math.ceil(stats.reset_time - time.time()), 1)
        if retry_after:
            raise TooManyLoginAttempts(retry_after)

    async def record_failure(self, account: str, address: str) -> None:
        """Count one failed attempt against both limits."""
        async with _storage_errors_unavailable():
            for item, kind, key in self._checks(account, address):
                await self._limiter.hit(item, _NAMESPACE, kind, key)


@asynccontextmanager
async def _storage_errors_unavailable() -> AsyncIterator[None]:
    # Fail closed: without the counters, logins would be unthrottled.
    try:
        yield
    except (StorageError, RedisError, OSError) as exc:
        raise Unavailable("Login is unavailable: the rate-limit store does not answer") from exc
