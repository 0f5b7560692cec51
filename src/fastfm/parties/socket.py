"""``WS /api/v1/parties/{id}/ws?token=ACCESS_TOKEN``: listen along, and (the host) control.

The handshake is checked before anything is sent: an ``Origin`` other than the app's own
or one of ``cors_origins`` is closed with 4403; a missing, bad, expired or revoked token
with 4401; a party that is unknown or whose playlist the caller cannot see with 4403.
Then the member gets the state, and again on every change. The host's ``play``,
``pause``, ``seek`` (``position_ms``) and ``next`` change it; anyone else's control, a
malformed message, or one over the rate limit is answered ``{"type": "error", "code"}``.
A message over ``party_max_message_bytes`` closes the connection with 1009. When the
server stops (SIGTERM) every member gets a close frame with 1012 (Service Restart) from
uvicorn before the process exits: the client should reconnect, with backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Annotated
from urllib.parse import urlsplit

import orjson
from fastapi import APIRouter, Path, Query, WebSocket
from pydantic import TypeAdapter, ValidationError
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from fastfm.auth.security import decode_access_token
from fastfm.config import Settings
from fastfm.errors import FastFMError, NotFound, Unauthorized
from fastfm.kit.ids import MAX_ID
from fastfm.parties import service
from fastfm.parties.hub import CLOSE_FORBIDDEN, CLOSE_UNAUTHORIZED, Member, run_writer
from fastfm.parties.playback import PartyRef, error_text
from fastfm.parties.runtime import PartyRuntime
from fastfm.parties.schemas import Control

router = APIRouter(tags=["parties"])
CLOSE_TOO_BIG = 1009
_controls: TypeAdapter[Control] = TypeAdapter(Control)


def origin_allowed(websocket: WebSocket, settings: Settings) -> bool:
    """No ``Origin`` (not a browser), the app's own, or one of the allowed origins."""
    origin = websocket.headers.get("origin")
    if origin is None or origin in settings.cors_origins:
        return True
    parts = urlsplit(origin)
    host = websocket.headers.get("host")
    return parts.scheme in ("http", "https") and host is not None and parts.netloc == host


class TokenBucket:
    """``rate`` messages a second on average, bursts of up to ``burst``."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, float(burst)
        self.tokens, self.at = float(burst), time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


async def _refuse(websocket: WebSocket, code: int, reason: str) -> None:
    # Accepted first so the client sees the close code (a refused handshake shows none).
    await websocket.accept()
    await websocket.close(code=code, reason=reason)


@router.websocket("/parties/{party_id}/ws")
async def party_socket(
    websocket: WebSocket,
    party_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    token: Annotated[str | None, Query(max_length=4096)] = None,
) -> None:
    """Listen along with a party (members) and control its playback (the host)."""
    runtime: PartyRuntime = websocket.app.state.parties
    settings = runtime.settings
    if not origin_allowed(websocket, settings):
        return await _refuse(websocket, CLOSE_FORBIDDEN, "origin not allowed")
    if token is None:
        return await _refuse(websocket, CLOSE_UNAUTHORIZED, "token required")
    try:
        claims = decode_access_token(settings, token)
        async with runtime.database.sessionmaker() as session:
            user, party = await service.admit(session, claims, party_id)
    except Unauthorized:
        return await _refuse(websocket, CLOSE_UNAUTHORIZED, "invalid token")
    except NotFound:
        return await _refuse(websocket, CLOSE_FORBIDDEN, "party not found")
    await websocket.accept()
    member = Member(
        websocket,
        party.id,
        user.id,
        claims.family_id,
        claims.token_version,
        is_host=party.host_id == user.id,
    )
    ref = PartyRef(party.id, party.playlist_id, party.host_id)
    runtime.hub.add(member)
    writer = asyncio.create_task(run_writer(member))
    reader = asyncio.create_task(_read(runtime, member, ref))
    try:
        if not await _snapshot(runtime, member):
            runtime.hub.end(party.id)
        await asyncio.wait({writer, reader}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        runtime.hub.remove(member)
        for task in (reader, writer):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


async def _snapshot(runtime: PartyRuntime, member: Member) -> bool:
    try:
        return await runtime.send_snapshot(member)
    except (FastFMError, RedisError, SQLAlchemyError, OSError):
        member.reply(error_text("party_state_unavailable", "The party's state is unavailable"))
        return True


async def _read(runtime: PartyRuntime, member: Member, party: PartyRef) -> None:
    """Take the member's messages until they disconnect."""
    settings = runtime.settings
    bucket = TokenBucket(settings.party_messages_per_second, settings.party_message_burst)
    while True:
        message = await member.websocket.receive()
        if message["type"] == "websocket.disconnect":
            return
        text: str | None = message.get("text")
        data = text.encode() if text is not None else message.get("bytes") or b""
        if len(data) > settings.party_max_message_bytes:
            member.close(CLOSE_TOO_BIG, "message too big")
            return
        if not bucket.take():
            member.reply(error_text("rate_limited", "Too many messages; slow down"))
            continue
        await _handle(runtime, member, party, data)


async def _handle(runtime: PartyRuntime, member: Member, party: PartyRef, data: bytes) -> None:
    try:
        control = _controls.validate_python(orjson.loads(data))
    except (orjson.JSONDecodeError, ValidationError):
        member.reply(
            error_text(
                "invalid_message",
                'Expected {"type": "play"|"pause"|"next"} or {"type": "seek", "position_ms"}',
            )
        )
        return
    if not member.is_host:
        member.reply(error_text("not_party_host", "Only the host controls playback"))
        return
    try:
        event = await runtime.playbacks.control(party, control)
        await runtime.publish(event)
    except NotFound:
        runtime.hub.end(party.id)
    except FastFMError as exc:
        member.reply(error_text(exc.code, exc.detail))
    except (RedisError, SQLAlchemyError, OSError):
        member.reply(error_text("party_state_unavailable", "The party's state is unavailable"))
