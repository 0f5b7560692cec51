"""The party bus: every API process hears every party change and serves its own members.

An event is one frame, ``b"<kind> <party id> <version> <text>"``: ``state`` carries the
message members are sent as it is, ``ended`` the end of a party. The text is serialized
once by the process that made the change, never again on the way to a member.

- :class:`MemoryBus` delivers in-process (the embedded default: one process).
- :class:`RedisBus` publishes on one Redis channel and listens on it with redis-py
  pub/sub. When the connection drops (a Redis restart) it reconnects with backoff,
  subscribes again and reports the gap, so that every member is sent a fresh snapshot:
  events published while it was away are lost, the state is not.

One channel for all parties keeps the subscription trivial to restore; each process
drops the events of parties it has no member of, which at this scale costs less than
a subscription per party.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

Kind = Literal["state", "ended"]


@dataclass(frozen=True, slots=True)
class Event:
    kind: Kind
    party_id: int
    version: int
    text: str

    def encode(self) -> bytes:
        return f"{self.kind} {self.party_id} {self.version} {self.text}".encode()

    @classmethod
    def decode(cls, frame: bytes) -> Event | None:
        try:
            kind, party_id, version, text = frame.decode().split(" ", 3)
            if kind not in ("state", "ended"):
                return None
            return cls(kind, int(party_id), int(version), text)  # type: ignore[arg-type]
        except (UnicodeDecodeError, ValueError):
            return None


Deliver = Callable[[Event], None]
Resync = Callable[[], Awaitable[None]]


class Bus(Protocol):
    async def start(self, deliver: Deliver, resync: Resync) -> None: ...

    async def publish(self, event: Event) -> None:
        """Send ``event`` to every process; raises ``RedisError`` if it cannot."""
        ...

    async def close(self) -> None: ...


class MemoryBus:
    """One process: publishing is delivering."""

    def __init__(self) -> None:
        self._deliver: Deliver | None = None

    async def start(self, deliver: Deliver, resync: Resync) -> None:
        self._deliver = deliver

    async def publish(self, event: Event) -> None:
        if self._deliver is not None:
            self._deliver(event)

    async def close(self) -> None:
        self._deliver = None


RECONNECT_MIN_SECONDS = 0.05
RECONNECT_MAX_SECONDS = 2.0
POLL_SECONDS = 1.0
HEARTBEAT_SECONDS = 5.0
SILENT_SECONDS = 12.0


class RedisBus:
    """Redis pub/sub on one channel, with a listener that outlives Redis restarts."""

    def __init__(self, redis: Redis, channel: str) -> None:
        self._redis = redis
        self._channel = channel
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    async def start(self, deliver: Deliver, resync: Resync) -> None:
        self._task = asyncio.create_task(self._listen(deliver, resync), name="party-bus")

    async def publish(self, event: Event) -> None:
        await self._redis.publish(self._channel, event.encode())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _listen(self, deliver: Deliver, resync: Resync) -> None:
        delay = RECONNECT_MIN_SECONDS
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.subscribe(self._channel)
                self.connected.set()
                # Whatever was published before this subscription is lost to this process
                # (nothing, at startup: no member is connected yet).
                await resync()
                delay = RECONNECT_MIN_SECONDS
                await self._receive(pubsub, deliver)
            except (RedisError, OSError) as exc:
                self.connected.clear()
                logger.warning("party bus: connection lost (%s); reconnecting", exc)
            finally:
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]
            await asyncio.sleep(delay)
            delay = min(RECONNECT_MAX_SECONDS, delay * 2)

    async def _receive(self, pubsub: PubSub, deliver: Deliver) -> None:
        """Deliver events until the connection fails or falls silent.

        Reads wait at most ``POLL_SECONDS`` (under the client's command timeout, so a quiet
        channel is no error); a ping every ``HEARTBEAT_SECONDS`` must be answered within
        ``SILENT_SECONDS``, or the connection is taken for dead (a Redis that accepts and
        never answers) and replaced.
        """
        loop = asyncio.get_running_loop()
        heard = pinged = loop.time()
        while True:
            message = await pubsub.get_message(timeout=POLL_SECONDS)
            now = loop.time()
            if message is not None:
                heard = now
                if message.get("type") == "message":
                    event = Event.decode(message["data"])
                    if event is not None:
                        try:
                            deliver(event)
                        except Exception:
                            logger.exception("party bus: delivering an event failed")
            if now - heard > SILENT_SECONDS:
                raise RedisConnectionError("no answer from Redis")
            if now - pinged > HEARTBEAT_SECONDS:
                pinged = now
                await pubsub.ping()
