"""Failed-login throttling per account and per client address (moving window, ``limits``)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from limits import RateLimitItem, parse
from limits.aio.storage import Storage
from limits.aio.strategies import MovingWindowRateLimiter

from fastfm.auth.exceptions import TooManyLoginAttempts

_NAMESPACE = "login-failures"


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
        for item, kind, key in self._checks(account, address):
            if not await self._limiter.test(item, _NAMESPACE, kind, key):
                stats = await self._limiter.get_window_stats(item, _NAMESPACE, kind, key)
                retry_after = max(retry_after, math.ceil(stats.reset_time - time.time()))
                retry_after = max(retry_after, 1)
        if retry_after:
            raise TooManyLoginAttempts(retry_after)

    async def record_failure(self, account: str, address: str) -> None:
        """Count one failed attempt against both limits."""
        for item, kind, key in self._checks(account, address):
            await self._limiter.hit(item, _NAMESPACE, kind, key)
