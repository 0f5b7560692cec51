"""Shuffle sessions in Redis: they survive restarts and every API process shares them.

Per session, three keys under one hash tag (so a cluster keeps them on one slot):
``{prefix}:shuffle:{<user>:<source>}:meta`` (hash: mode, seed, cycle, version, prev,
rev), ``…:left`` (list: the rest of the cycle, next first) and ``…:played`` (list). Every
change runs as one Lua script, so it is atomic; ``pop`` is an LPOP, an RPUSH and a
HINCRBY. Every access renews the expiry of all three keys.

While Redis does not answer, every method raises
:class:`~fastfm.shuffle.exceptions.ShuffleUnavailable` (503 with ``Retry-After``); the
sessions are still there when it is back.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, TypeVar, cast

from redis.asyncio import Redis
from redis.asyncio.client import Pipeline

from fastfm.shuffle.algorithm import Mode
from fastfm.shuffle.exceptions import ShuffleUnavailable
from fastfm.shuffle.store import (
    SESSION_TTL_SECONDS,
    Overview,
    Pop,
    PopStatus,
    SessionKey,
    SessionMeta,
    SessionState,
    fresh_revision,
)
from fastfm.state import REDIS_ERRORS, RedisOutage

T = TypeVar("T")

# Lua's unpack() has a stack limit of a few thousand values: push long orders in chunks.
_HELPERS = """
local function push(key, first, last)
  for i = first, last, 1000 do
    redis.call('RPUSH', key, unpack(ARGV, i, math.min(i + 999, last)))
  end
end
local function touch(ttl)
  for i = 1, #KEYS do redis.call('PEXPIRE', KEYS[i], ttl) end
end
"""

_CREATE = (
    _HELPERS
    + """
if ARGV[1] == '0' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
redis.call('HSET', KEYS[1], 'mode', ARGV[3], 'seed', ARGV[4], 'cycle', ARGV[5],
           'version', ARGV[6], 'prev', ARGV[7], 'rev', ARGV[8])
push(KEYS[2], 9, #ARGV)
touch(ARGV[2])
return 1
"""
)

_POP = (
    _HELPERS
    + """
if redis.call('EXISTS', KEYS[1]) == 0 then return {'missing'} end
touch(ARGV[2])
local m = redis.call('HMGET', KEYS[1], 'version', 'cycle', 'rev', 'prev')
if m[1] ~= ARGV[1] then return {'stale', m[2], m[3]} end
local id = redis.call('LPOP', KEYS[2])
if not id then
  return {'exhausted', m[2], m[3], redis.call('LINDEX', KEYS[3], -1) or m[4]}
end
redis.call('RPUSH', KEYS[3], id)
redis.call('PEXPIRE', KEYS[3], ARGV[2])
local rev = redis.call('HINCRBY', KEYS[1], 'rev', 1)
return {'ok', m[2], rev, id, redis.call('LLEN', KEYS[2])}
"""
)

_REWRITE = (
    _HELPERS
    + """
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[2], KEYS[3])
local split = 4 + tonumber(ARGV[4])
push(KEYS[2], 5, split)
push(KEYS[3], split + 1, #ARGV)
redis.call('HSET', KEYS[1], 'version', ARGV[3])
redis.call('HINCRBY', KEYS[1], 'rev', 1)
touch(ARGV[2])
return 1
"""
)

_START_CYCLE = (
    _HELPERS
    + """
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[2], KEYS[3])
push(KEYS[2], 6, #ARGV)
redis.call('HSET', KEYS[1], 'version', ARGV[3], 'cycle', ARGV[4], 'prev', ARGV[5])
redis.call('HINCRBY', KEYS[1], 'rev', 1)
touch(ARGV[2])
return 1
"""
)


class RedisShuffleStore:
    """Sessions in Redis under ``{key_prefix}:shuffle:``."""

    def __init__(
        self,
        redis: Redis,
        key_prefix: str,
        ttl_seconds: float = SESSION_TTL_SECONDS,
        outage: RedisOutage | None = None,
    ) -> None:
        self._redis = redis
        self._outage = outage or RedisOutage()
        self._prefix = f"{key_prefix}:shuffle"
        self._ttl_ms = max(1, round(ttl_seconds * 1000))
        self._create = redis.register_script(_CREATE)
        self._pop = redis.register_script(_POP)
        self._rewrite = redis.register_script(_REWRITE)
        self._start_cycle = redis.register_script(_START_CYCLE)

    def keys(self, key: SessionKey) -> list[str]:
        """The meta hash, the remaining list and the played list of a session."""
        base = f"{self._prefix}:{{{key.user_id}:{key.source}}}"
        return [f"{base}:meta", f"{base}:left", f"{base}:played"]

    async def create(
        self, key: SessionKey, meta: SessionMeta, order: list[str], *, replace: bool
    ) -> bool:
        args: list[Any] = [
            int(replace),
            self._ttl_ms,
            meta.mode,
            meta.seed,
            meta.cycle,
            meta.version,
            _optional(meta.previous_last),
            fresh_revision(),
            *order,
        ]
        return bool(await self._answer(self._create(keys=self.keys(key), args=args)))

    async def delete(self, key: SessionKey) -> bool:
        meta_key, *others = self.keys(key)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(meta_key)
            pipe.delete(*others)
            existed, _ = await self._answer(pipe.execute())
        return bool(existed)

    async def pop(self, key: SessionKey, version: str) -> Pop:
        reply = await self._answer(self._pop(keys=self.keys(key), args=[version, self._ttl_ms]))
        status = cast(PopStatus, _text(reply[0]))
        if status == "missing":
            return Pop("missing")
        cycle, revision = int(reply[1]), int(reply[2])
        if status == "stale":
            return Pop("stale", cycle=cycle, revision=revision)
        if status == "exhausted":
            return Pop(
                "exhausted", cycle=cycle, revision=revision, last_played=_optional_text(reply[3])
            )
        return Pop(
            "ok", cycle=cycle, revision=revision, item=_text(reply[3]), remaining=int(reply[4])
        )

    async def state(self, key: SessionKey) -> SessionState | None:
        meta_key, left_key, played_key = self.keys(key)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hgetall(meta_key)
            pipe.lrange(played_key, 0, -1)
            pipe.lrange(left_key, 0, -1)
            self._touch(pipe, key)
            fields, played, remaining, *_ = await self._answer(pipe.execute())
        if not fields:
            return None
        return SessionState(
            meta=_meta(fields),
            revision=int(fields[b"rev"]),
            played=[_text(i) for i in played],
            remaining=[_text(i) for i in remaining],
        )

    async def overview(self, key: SessionKey, upcoming: int) -> Overview | None:
        meta_key, left_key, played_key = self.keys(key)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hgetall(meta_key)
            pipe.llen(played_key)
            pipe.llen(left_key)
            pipe.lrange(left_key, 0, upcoming - 1)
            pipe.lindex(played_key, -1)
            self._touch(pipe, key)
            fields, played, remaining, ids, last, *_ = await self._answer(pipe.execute())
        if not fields:
            return None
        meta = _meta(fields)
        return Overview(
            meta=meta,
            played=int(played),
            remaining=int(remaining),
            upcoming=[_text(i) for i in ids] if upcoming > 0 else [],
            last_played=meta.previous_last if last is None else _text(last),
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
        args: list[Any] = [revision, self._ttl_ms, version, len(remaining), *remaining, *played]
        return bool(await self._answer(self._rewrite(keys=self.keys(key), args=args)))

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
        args: list[Any] = [
            revision,
            self._ttl_ms,
            version,
            cycle,
            _optional(previous_last),
            *order,
        ]
        return bool(await self._answer(self._start_cycle(keys=self.keys(key), args=args)))

    async def _answer(self, call: Awaitable[T]) -> T:
        """Await a Redis call; 503 ``shuffle_unavailable`` if Redis does not answer.

        During an outage Redis is tried again only every few seconds; meanwhile the
        call is not even sent.
        """
        if not self._outage.should_try():
            _close(call)
            raise ShuffleUnavailable(self._outage.retry_after)
        try:
            result = await call
        except REDIS_ERRORS as exc:
            self._outage.failed(exc, "shuffle")
            raise ShuffleUnavailable(self._outage.retry_after) from exc
        self._outage.answered()
        return result

    def _touch(self, pipe: Pipeline, key: SessionKey) -> None:
        for name in self.keys(key):
            pipe.pexpire(name, self._ttl_ms)


def _close(call: Awaitable[object]) -> None:
    """Drop a call that will not be awaited (a coroutine would warn otherwise)."""
    close = getattr(call, "close", None)
    if close is not None:
        close()


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _optional(value: str | None) -> str:
    return "" if value is None else value


def _optional_text(value: bytes | str | None) -> str | None:
    """A stored optional item: ``""`` stands for none."""
    text = _text(value) if value is not None else ""
    return text or None


def _meta(fields: dict[bytes, bytes]) -> SessionMeta:
    return SessionMeta(
        mode=cast(Mode, fields[b"mode"].decode()),
        seed=int(fields[b"seed"]),
        cycle=int(fields[b"cycle"]),
        version=fields[b"version"].decode(),
        previous_last=_optional_text(fields.get(b"prev")),
    )
