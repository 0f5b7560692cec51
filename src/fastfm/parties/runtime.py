"""Each process's party machinery: the state store, the bus, the members, the access sweep.

Started by the app's lifespan (``app.state.parties``). With Redis configured the state
and the bus are Redis's, shared by every process; otherwise the database holds the state
and the bus is in-process.

The access sweep checks, every ``party_access_check_seconds``, in three statements for
all of this process's members, that each member's login is still live (logout,
logout-all and a password change elsewhere revoke it), that each party still exists and
that its playlist is still visible to each member; and it closes those for whom not.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import Literal

from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError
from starlette.datastructures import State

from fastfm.auth import service as auth_service
from fastfm.config import Settings
from fastfm.db.session import Database
from fastfm.parties import service as party_service
from fastfm.parties.bus import Bus, Event, MemoryBus, RedisBus
from fastfm.parties.exceptions import PartyStateUnavailable
from fastfm.parties.hub import CLOSE_FORBIDDEN, CLOSE_UNAUTHORIZED, Member, PartyHub
from fastfm.parties.playback import Playbacks
from fastfm.parties.state import DatabaseStateStore, StateStore
from fastfm.parties.state_redis import RedisStateStore
from fastfm.shuffle.dependencies import store_of

logger = logging.getLogger(__name__)

RESYNC_ATTEMPTS = 6
RESYNC_FIRST_DELAY_SECONDS = 0.05


@dataclass
class PartyRuntime:
    settings: Settings
    database: Database
    store: StateStore
    bus: Bus
    playbacks: Playbacks
    hub: PartyHub = field(default_factory=PartyHub)
    _sweeper: asyncio.Task[None] | None = None

    @classmethod
    async def start(cls, state: State) -> PartyRuntime:
        settings: Settings = state.settings
        database: Database = state.database
        redis = state.shared.redis
        store: StateStore
        bus: Bus
        if redis is None:
            store, bus = DatabaseStateStore(database.sessionmaker), MemoryBus()
        else:
            prefix = settings.redis_key_prefix
            store, bus = RedisStateStore(redis, prefix), RedisBus(redis, f"{prefix}:parties")
        runtime = cls(
            settings, database, store, bus, Playbacks(database, store, lambda: store_of(state))
        )
        await bus.start(runtime.hub.deliver, runtime.resync)
        runtime._sweeper = asyncio.create_task(runtime._sweep_forever(), name="party-sweep")
        return runtime

    async def stop(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
        self.hub.close_all()
        await self.bus.close()

    async def publish(self, event: Event) -> None:
        """Deliver to this process's members now, and to every other process's."""
        self.hub.deliver(event)
        try:
            await self.bus.publish(event)
        except (RedisError, OSError) as exc:
            raise PartyStateUnavailable() from exc

    async def end(self, party_id: int) -> None:
        """After a party's row is gone: tell its members, forget its state."""
        with contextlib.suppress(PartyStateUnavailable):
            await self.publish(Event("ended", party_id, 0, ""))
            await self.store.forget(party_id)

    async def send_snapshot(self, member: Member) -> bool:
        """The party's current state to one member; ``False`` if the party is gone."""
        event = await self.playbacks.snapshot(member.party_id)
        if event is None:
            return False
        member.offer_state(event.version, event.text, snapshot=True)
        return True

    async def resync(self) -> None:
        """After a gap on the bus: a fresh snapshot to every member of this process.

        Right after Redis comes back the client's pooled connections may still be the
        dead ones; each snapshot is tried again a few times before it is given up.
        """
        for party_id in self.hub.party_ids():
            event = await self._snapshot_with_retries(party_id)
            if event is None:
                self.hub.end(party_id)
                continue
            if event is not False:
                for member in self.hub.members_of(party_id):
                    member.offer_state(event.version, event.text, snapshot=True)

    async def _snapshot_with_retries(self, party_id: int) -> Event | Literal[False] | None:
        delay = RESYNC_FIRST_DELAY_SECONDS
        for _ in range(RESYNC_ATTEMPTS):
            try:
                return await self.playbacks.snapshot(party_id)
            except (PartyStateUnavailable, RedisError, SQLAlchemyError, OSError):
                await asyncio.sleep(delay)
                delay *= 2
        logger.warning("party %s: no snapshot after a bus gap", party_id)
        return False

    async def sweep(self) -> None:
        """Close the members whose login was revoked or who may no longer be there."""
        members = [m for m in self.hub.members() if not m.closing]
        if not members:
            return
        async with self.database.sessionmaker() as session:
            live = await auth_service.live_logins(
                session, {(m.user_id, m.family_id) for m in members}
            )
            parties = await party_service.access_of(
                session, {m.party_id for m in members}, {m.user_id for m in members}
            )
        for member in members:
            access = parties.get(member.party_id)
            if access is None:
                self.hub.end(member.party_id)
            elif live.get((member.user_id, member.family_id)) != member.token_version:
                member.close(CLOSE_UNAUTHORIZED, "login revoked")
            elif not access.admits(member.user_id):
                member.close(CLOSE_FORBIDDEN, "playlist not visible")

    async def _sweep_forever(self) -> None:
        interval = self.settings.party_access_check_seconds
        while True:
            await asyncio.sleep(interval)
            try:
                await self.sweep()
            except (SQLAlchemyError, OSError):
                logger.warning("party access sweep failed; retrying", exc_info=True)
