"""This process's party members: who is connected to which party, and sending to them.

Each member has a writer task and an outbox that holds at most the newest state (a state
is a whole snapshot, so a slow member skips the ones it could not take in time instead
of queueing them) plus a few error replies. Delivering an event to a party's members is
therefore a loop of non-blocking offers, and one stalled connection delays nobody else.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from dataclasses import dataclass, field

from starlette.websockets import WebSocket, WebSocketState

from fastfm.parties.bus import Event
from fastfm.parties.playback import ENDED_TEXT

logger = logging.getLogger(__name__)

MAX_QUEUED_REPLIES = 16

# Close codes: 1000 the party ended; 1012 the server is stopping (SIGTERM: a restart or a
# deployment; the client reconnects and gets the state afresh); 4401 the login was
# revoked; 4403 the playlist is no longer visible to the member (or the party is unknown).
CLOSE_ENDED = 1000
CLOSE_SERVICE_RESTART = 1012
CLOSE_UNAUTHORIZED = 4401
CLOSE_FORBIDDEN = 4403


@dataclass(eq=False)
class Member:
    """One WebSocket connection to a party."""

    websocket: WebSocket
    party_id: int
    user_id: int
    family_id: str
    token_version: int
    is_host: bool
    _state: str | None = None
    _version: int = -1
    _replies: deque[str] = field(default_factory=lambda: deque(maxlen=MAX_QUEUED_REPLIES))
    _closing: tuple[int, str, str | None] | None = None
    _wake: asyncio.Event = field(default_factory=asyncio.Event)

    def offer_state(self, version: int, text: str, *, snapshot: bool = False) -> None:
        """Queue a state unless a newer one was already queued (a snapshot may repeat one)."""
        if version < self._version or (version == self._version and not snapshot):
            return
        self._version, self._state = version, text
        self._wake.set()

    def reply(self, text: str) -> None:
        self._replies.append(text)
        self._wake.set()

    def close(self, code: int, reason: str, final: str | None = None) -> None:
        """Send ``final`` (if any) after what is queued, then close with ``code``."""
        if self._closing is None:
            self._closing = (code, reason, final)
            self._wake.set()

    @property
    def closing(self) -> bool:
        return self._closing is not None

    async def write(self) -> None:
        """The writer task: send what is queued until the member is closed."""
        websocket = self.websocket
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._replies:
                await websocket.send_text(self._replies.popleft())
            if self._state is not None and self._closing is None:
                text, self._state = self._state, None
                await websocket.send_text(text)
            if self._closing is not None:
                code, reason, final = self._closing
                if final is not None:
                    await websocket.send_text(final)
                if websocket.client_state is WebSocketState.CONNECTED:
                    await websocket.close(code=code, reason=reason)
                return


class PartyHub:
    """The members connected to this process, by party."""

    def __init__(self) -> None:
        self._parties: dict[int, set[Member]] = {}

    def add(self, member: Member) -> None:
        self._parties.setdefault(member.party_id, set()).add(member)

    def remove(self, member: Member) -> None:
        members = self._parties.get(member.party_id)
        if members is not None:
            members.discard(member)
            if not members:
                del self._parties[member.party_id]

    def members(self) -> list[Member]:
        return [m for members in self._parties.values() for m in members]

    def party_ids(self) -> list[int]:
        return list(self._parties)

    def members_of(self, party_id: int) -> list[Member]:
        return list(self._parties.get(party_id, ()))

    def deliver(self, event: Event) -> None:
        """Hand ``event`` to this process's members of its party (no waiting)."""
        members = self._parties.get(event.party_id)
        if not members:
            return
        if event.kind == "ended":
            for member in members:
                member.close(CLOSE_ENDED, "party ended", ENDED_TEXT)
            return
        for member in members:
            member.offer_state(event.version, event.text)

    def end(self, party_id: int) -> None:
        self.deliver(Event("ended", party_id, 0, ""))

    def close_all(self) -> None:
        for member in self.members():
            member.close(CLOSE_SERVICE_RESTART, "server restarting")


async def run_writer(member: Member) -> None:
    """The member's writer; a connection that fails is the reader's to notice."""
    with contextlib.suppress(Exception):
        await member.write()
