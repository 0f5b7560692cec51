"""Where shuffle sessions live: the ``ShuffleStore`` interface and its two implementations.

A session belongs to one user and one source (a playlist, or the user's liked songs). It
holds the mode, the seed, the cycle number, the ``version`` of the source its order was
computed for (a playlist's ``snapshot_id``), the item that ended the previous cycle, and
the cycle itself as two lists of items: ``played`` (returned so far) and ``remaining``
(still to come, next first). Items are opaque strings to the store; the service puts in
each what answering ``next`` needs (the entry id, its song id and its position). Every
change bumps ``revision``, so a writer that computed a new order from what it read can
install it only if nothing moved in between.

``pop`` is O(1) and atomic: two concurrent calls never get the same entry. Sessions expire
after 24 hours without use; every access renews them.

- :class:`~fastfm.shuffle.store_redis.RedisShuffleStore`: Redis lists and a hash, changed
  by Lua scripts; sessions survive restarts and are shared by every API process.
- :class:`~fastfm.shuffle.store_memory.MemoryShuffleStore`: one process (the embedded
  profile without Redis), a lock per session, expiry checked on access.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal, Protocol

from fastfm.shuffle.algorithm import Mode

SESSION_TTL_SECONDS = 24 * 60 * 60


def fresh_revision() -> int:
    """A new session's first revision: the clock in microseconds.

    A write prepared against an earlier session under the same key thus never matches a
    later one; microseconds stay exact in Lua's double-precision numbers.
    """
    return time.time_ns() // 1000


@dataclass(frozen=True, slots=True)
class SessionKey:
    """A user's session over one source, e.g. ``SessionKey(7, "playlist:12")``."""

    user_id: int
    source: str

    @classmethod
    def playlist(cls, user_id: int, playlist_id: int) -> SessionKey:
        return cls(user_id, f"playlist:{playlist_id}")

    @classmethod
    def liked(cls, user_id: int) -> SessionKey:
        return cls(user_id, "liked")


@dataclass(frozen=True, slots=True)
class SessionMeta:
    """The scalar part of a session."""

    mode: Mode
    seed: int
    cycle: int
    version: str
    previous_last: str | None


@dataclass(frozen=True, slots=True)
class SessionState:
    """A whole session, read at one ``revision``."""

    meta: SessionMeta
    revision: int
    played: list[str]
    remaining: list[str]

    @property
    def last_played(self) -> str | None:
        """The item returned last (in this cycle, else the one that ended the previous)."""
        return self.played[-1] if self.played else self.meta.previous_last


@dataclass(frozen=True, slots=True)
class Overview:
    """What ``GET …/shuffle`` shows: counts, the next few items, the last one returned."""

    meta: SessionMeta
    played: int
    remaining: int
    upcoming: list[str]
    last_played: str | None


PopStatus = Literal["ok", "missing", "stale", "exhausted"]


@dataclass(frozen=True, slots=True)
class Pop:
    """The outcome of :meth:`ShuffleStore.pop`.

    ``ok``: ``item`` is the next one, ``remaining`` are still to come.
    ``missing``: no session. ``stale``: the session's version differs from the one
    asked for; nothing was popped. ``exhausted``: the cycle is over; ``last_played``
    ended it.
    """

    status: PopStatus
    cycle: int = 0
    revision: int = 0
    item: str | None = None
    remaining: int = 0
    last_played: str | None = None


class ShuffleStore(Protocol):
    """Shuffle sessions; every method renews the session's expiry."""

    async def create(
        self, key: SessionKey, meta: SessionMeta, order: list[str], *, replace: bool
    ) -> bool:
        """Start a session at cycle ``meta.cycle``; without ``replace``, only if none exists."""
        ...

    async def delete(self, key: SessionKey) -> bool:
        """Forget the session; whether there was one."""
        ...

    async def pop(self, key: SessionKey, version: str) -> Pop:
        """Atomically take the next item, if the session is at ``version``."""
        ...

    async def state(self, key: SessionKey) -> SessionState | None:
        """The whole session (O(n)), to recompute its order from."""
        ...

    async def overview(self, key: SessionKey, upcoming: int) -> Overview | None:
        """Counts and the first ``upcoming`` remaining items."""
        ...

    async def rewrite(
        self,
        key: SessionKey,
        revision: int,
        *,
        played: list[str],
        remaining: list[str],
        version: str,
    ) -> bool:
        """Replace both lists of the cycle, if the session is still at ``revision``."""
        ...

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
        """Begin cycle ``cycle`` with ``order``, if the session is still at ``revision``."""
        ...
