"""Party playback state in Redis: one hash per party, set by compare-and-set in Lua."""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError

from fastfm.parties.exceptions import PartyStateUnavailable
from fastfm.parties.state import Playback

# A party nobody has touched for a week has ended in all but name.
STATE_TTL_SECONDS = 7 * 24 * 60 * 60

_COMPARE_AND_SET = """
local current = redis.call('HGET', KEYS[1], 'version') or '0'
if current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'song_id', ARGV[3], 'entry_position', ARGV[4],
           'offset_ms', ARGV[5], 'changed_at_ms', ARGV[6], 'is_playing', ARGV[7])
redis.call('EXPIRE', KEYS[1], ARGV[8])
return 1
"""


def _b(value: bytes | str) -> bytes:
    return value if isinstance(value, bytes) else value.encode()


def _optional(value: bytes | None) -> int | None:
    return None if value is None or value == b"" else int(value)


@dataclass
class RedisStateStore:
    """State shared by every API process; a missing hash is a party that has not started."""

    redis: Redis
    key_prefix: str

    def __post_init__(self) -> None:
        self._cas = self.redis.register_script(_COMPARE_AND_SET)

    def _key(self, party_id: int) -> str:
        return f"{self.key_prefix}:party:{party_id}:state"

    async def get(self, party_id: int) -> Playback | None:
        try:
            found = await self.redis.hgetall(self._key(party_id))
            raw = {_b(k): _b(v) for k, v in found.items()}
        except RedisError as exc:
            raise PartyStateUnavailable() from exc
        if not raw:
            return Playback()
        return Playback(
            version=int(raw[b"version"]),
            song_id=_optional(raw.get(b"song_id")),
            entry_position=_optional(raw.get(b"entry_position")),
            offset_ms=int(raw.get(b"offset_ms", b"0")),
            changed_at_ms=int(raw.get(b"changed_at_ms", b"0")),
            is_playing=raw.get(b"is_playing") == b"1",
        )

    async def compare_and_set(self, party_id: int, expected_version: int, new: Playback) -> bool:
        args = [
            expected_version,
            new.version,
            "" if new.song_id is None else new.song_id,
            "" if new.entry_position is None else new.entry_position,
            new.offset_ms,
            new.changed_at_ms,
            1 if new.is_playing else 0,
            STATE_TTL_SECONDS,
        ]
        try:
            changed = await self._cas(keys=[self._key(party_id)], args=args)
        except RedisError as exc:
            raise PartyStateUnavailable() from exc
        return bool(changed)

    async def forget(self, party_id: int) -> None:
        try:
            await self.redis.delete(self._key(party_id))
        except RedisError as exc:
            raise PartyStateUnavailable() from exc
