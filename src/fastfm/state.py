"""Process-wide shared state: Redis when configured, in-process fallbacks otherwise.

Redis is never required to serve a request. While it does not answer, login throttling
counts in this process (:attr:`SharedState.local_limiter_storage`) and shuffle answers
503 ``shuffle_unavailable``; :class:`RedisOutage` remembers the outage, so requests do
not each wait on a dead server, and logs its start and end once each. Redis is tried
again every :data:`REDIS_RETRY_SECONDS`; the first answer ends the outage.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass, field

from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.errors import StorageError
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from fastfm.config import Settings
from fastfm.observability import metrics

logger = logging.getLogger(__name__)

# What a Redis call raises when the server is down, unreachable or too slow.
REDIS_ERRORS: tuple[type[Exception], ...] = (RedisError, StorageError, OSError)
REDIS_RETRY_SECONDS = 2.0
# A dead server fails fast; one immediate retry replaces a pooled connection that a
# Redis restart closed.
CONNECT_TIMEOUT_SECONDS = 1.0
COMMAND_TIMEOUT_SECONDS = 2.0


class RedisOutage:
    """Whether Redis is worth trying right now, in this process."""

    def __init__(self, retry_seconds: float = REDIS_RETRY_SECONDS) -> None:
        self.retry_seconds = retry_seconds
        self._down_since: float | None = None
        self._next_try = 0.0

    @property
    def down(self) -> bool:
        return self._down_since is not None

    @property
    def retry_after(self) -> int:
        """Whole seconds a client should wait before trying again (at least 1)."""
        return max(1, math.ceil(self.retry_seconds))

    def should_try(self) -> bool:
        """False while a recent failure says Redis is down and the retry time has not come."""
        return self._down_since is None or time.monotonic() >= self._next_try

    def failed(self, exc: BaseException, component: str = "redis") -> None:
        """Redis did not answer: start (or extend) the outage; logged once per outage.

        Every failure counts in ``fastfm_redis_errors_total`` under ``component``.
        """
        metrics.REDIS_ERRORS.labels(component).inc()
        now = time.monotonic()
        if self._down_since is None:
            self._down_since = now
            logger.warning(
                "Redis does not answer (%s: %s): login throttling counts in this process "
                "and shuffle answers 503 until it is back",
                exc.__class__.__name__,
                exc,
            )
        self._next_try = now + self.retry_seconds

    def answered(self) -> None:
        """Redis answered: the outage, if any, is over."""
        if self._down_since is not None:
            logger.warning(
                "Redis answers again after %.1f s: throttling and shuffle use it again",
                time.monotonic() - self._down_since,
            )
            self._down_since = None


@dataclass
class SharedState:
    """The Redis client (``None`` in the embedded default) and the rate-limit storages.

    ``limiter_storage`` is Redis when configured; ``local_limiter_storage`` counts in
    this process (the only storage without Redis, the fallback with it).
    """

    redis: Redis | None
    limiter_storage: Storage
    local_limiter_storage: MemoryStorage
    redis_outage: RedisOutage = field(default_factory=RedisOutage)

    @classmethod
    async def connect(cls, settings: Settings) -> SharedState:
        if settings.redis_url is None:
            memory = MemoryStorage()
            return cls(redis=None, limiter_storage=memory, local_limiter_storage=memory)
        redis = Redis.from_url(
            settings.redis_url,
            decode_responses=False,
            socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
            socket_timeout=COMMAND_TIMEOUT_SECONDS,
            retry=Retry(NoBackoff(), 1),
        )
        storage = RedisStorage(
            _async_uri(settings.redis_url),
            implementation="redispy",
            key_prefix=f"{settings.redis_key_prefix}:limits",
            connection_pool=redis.connection_pool,  # type: ignore[arg-type]
        )
        return cls(redis=redis, limiter_storage=storage, local_limiter_storage=MemoryStorage())

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()


def _async_uri(url: str) -> str:
    """``redis://…`` → ``async+redis://…``, the scheme ``limits`` expects."""
    return url if url.startswith("async+") else f"async+{url}"
