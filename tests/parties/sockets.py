"""A WebSocket client for party tests, over a real server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import orjson
from httpx import AsyncClient
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from tests.factories.users import AuthedUser

TIMEOUT = 10.0


def ws_url(base_url: str, party_id: int, token: str | None) -> str:
    url = f"{base_url.replace('http://', 'ws://')}/api/v1/parties/{party_id}/ws"
    return url if token is None else f"{url}?token={token}"


@asynccontextmanager
async def joined(
    base_url: str, party_id: int, token: str | None, *, origin: str | None = None
) -> AsyncIterator[ClientConnection]:
    headers = {} if origin is None else {"Origin": origin}
    async with connect(
        ws_url(base_url, party_id, token), additional_headers=headers, open_timeout=TIMEOUT
    ) as ws:
        yield ws


@asynccontextmanager
async def members(
    base_url: str, party_id: int, *tokens: str
) -> AsyncIterator[tuple[ClientConnection, ...]]:
    """A socket joined with each token, in order, each past the state sent on joining."""
    async with AsyncExitStack() as stack:
        sockets = [
            await stack.enter_async_context(joined(base_url, party_id, token)) for token in tokens
        ]
        for ws in sockets:
            await receive_state(ws)
        yield tuple(sockets)


async def receive(ws: ClientConnection, within: float = TIMEOUT) -> dict[str, Any]:
    message: dict[str, Any] = orjson.loads(await asyncio.wait_for(ws.recv(), within))
    return message


async def receive_state(ws: ClientConnection, within: float = TIMEOUT) -> dict[str, Any]:
    message = await receive(ws, within)
    assert message["type"] == "state", message
    return message


async def send(ws: ClientConnection, message: dict[str, Any]) -> None:
    await ws.send(orjson.dumps(message).decode())


async def closed(ws: ClientConnection, within: float = TIMEOUT) -> tuple[int | None, list[Any]]:
    """Wait for the server to close; the close code and every message sent before it."""
    messages: list[Any] = []
    try:
        async with asyncio.timeout(within):
            while True:
                messages.append(orjson.loads(await ws.recv()))
    except ConnectionClosed as exc:
        return (exc.rcvd.code if exc.rcvd is not None else None), messages


async def refused(
    base_url: str, party_id: int, token: str | None, *, origin: str | None = None
) -> tuple[int | None, list[Any]]:
    async with joined(base_url, party_id, token, origin=origin) as ws:
        return await closed(ws)


async def quiet(ws: ClientConnection, seconds: float = 0.5) -> bool:
    """Whether nothing arrives for ``seconds``."""
    try:
        await asyncio.wait_for(ws.recv(), seconds)
    except TimeoutError:
        return True
    return False


async def drain(ws: ClientConnection, idle: float = 1.0) -> list[dict[str, Any]]:
    """Every message until none arrives for ``idle`` seconds."""
    messages = []
    while True:
        try:
            messages.append(orjson.loads(await asyncio.wait_for(ws.recv(), idle)))
        except TimeoutError:
            return messages


async def start(http: AsyncClient, user: AuthedUser, playlist_id: int) -> dict[str, Any]:
    response = await http.post(
        "/api/v1/parties", json={"playlist_id": playlist_id}, headers=user.headers
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body
