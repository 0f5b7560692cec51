"""A party's playback state, and where it lives.

The state records the song, its place in the playlist's order (for ``next`` without a
shuffle session), the position the song was at when the state last changed
(``offset_ms`` at ``changed_at_ms``) and whether it plays on from there. The position
now is derived from the clock, so nothing needs writing while a song plays.

Every change bumps ``version``; a store installs a new state only over the version it
was computed from (compare-and-set), so two writers (two host tabs, on two processes)
never lose each other's change silently.

- :class:`DatabaseStateStore`: the ``state_*`` columns of the ``party`` row (the
  embedded default, one process).
- :class:`~fastfm.parties.state_redis.RedisStateStore`: a Redis hash per party, shared
  by every API process.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from fastfm.parties.models import Party


def now_ms() -> int:
    return time.time_ns() // 1_000_000


@dataclass(frozen=True, slots=True)
class Playback:
    """One version of a party's playback state."""

    version: int = 0
    song_id: int | None = None
    entry_position: int | None = None
    offset_ms: int = 0
    changed_at_ms: int = 0
    is_playing: bool = False

    def position_ms(self, at_ms: int, duration_ms: int | None) -> int:
        """Where the song is at ``at_ms``: it moves on only while playing, and stops at its end."""
        if self.song_id is None:
            return 0
        position = self.offset_ms
        if self.is_playing:
            position += max(0, at_ms - self.changed_at_ms)
        return position if duration_ms is None else min(position, duration_ms)

    def successor(self, at_ms: int, **changes: object) -> Playback:
        """The next version, changed at ``at_ms``."""
        return replace(self, version=self.version + 1, changed_at_ms=at_ms, **changes)  # type: ignore[arg-type]


class StateStore(Protocol):
    async def get(self, party_id: int) -> Playback | None:
        """The current state; ``None`` if the party is gone (database store only)."""
        ...

    async def compare_and_set(self, party_id: int, expected_version: int, new: Playback) -> bool:
        """Install ``new`` if the state is still at ``expected_version``."""
        ...

    async def forget(self, party_id: int) -> None:
        """Drop the state of an ended party."""
        ...


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


@dataclass(frozen=True)
class DatabaseStateStore:
    """The state in the party's own row; each call is one short transaction."""

    sessionmaker: async_sessionmaker[AsyncSession]

    async def get(self, party_id: int) -> Playback | None:
        p = Party
        query = select(
            p.state_version,
            p.state_song_id,
            p.state_entry_position,
            p.state_offset_ms,
            p.state_changed_at,
            p.state_is_playing,
        ).where(p.id == party_id)
        async with self.sessionmaker() as session:
            row = (await session.execute(query)).first()
        if row is None:
            return None
        return Playback(row[0], row[1], row[2], row[3], _ms(row[4]), row[5])

    async def compare_and_set(self, party_id: int, expected_version: int, new: Playback) -> bool:
        statement = (
            update(Party)
            .where(Party.id == party_id, Party.state_version == expected_version)
            .values(
                state_version=new.version,
                state_song_id=new.song_id,
                state_entry_position=new.entry_position,
                state_offset_ms=new.offset_ms,
                state_changed_at=datetime.fromtimestamp(new.changed_at_ms / 1000, UTC),
                state_is_playing=new.is_playing,
            )
            .returning(Party.id)
        )
        async with self.sessionmaker() as session, session.begin():
            changed = (await session.execute(statement)).first()
        return changed is not None

    async def forget(self, party_id: int) -> None:
        """Nothing to do: the row went with the party."""
