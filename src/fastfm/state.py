"""Process-wide shared state: Redis when configured, in-process fallbacks otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from redis.asyncio import Redis

from fastfm.config import Settings


@dataclass
class SharedState:
    """The Redis client (``None`` in the embedded default) and the rate-limit storage."""

    redis: Redis | None
    limiter_storage: Storage

    @classmethod
    async def connect(cls, settings: Settings) -> SharedState:
        if settings.redis_url is None:
            return cls(redis=None, limiter_storage=MemoryStorage())
        redis = Redis.from_url(settings.redis_url, decode_responses=False)
        storage = RedisStorage(
            _async_uri(settings.redis_url),
            implementation="redispy",
            key_prefix=f"{settings.redis_key_prefix}:limits",
        )
        return cls(redis=redis, limiter_storage=storage)

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()


def _async_uri(url: str) -> str:
    """``redis://…`` → ``async+redis://…``, the scheme ``limits`` expects."""
    return url if url.startswith("async+") else f"async+{url}"
