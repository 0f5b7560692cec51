"""Strong ETags and Cache-Control on API reads, and 304 for a matching If-None-Match.

The ETag is a hash of the response body, so it changes exactly when the body does,
whatever write changed it. Catalog reads are the same for every caller: ``public,
max-age=0, must-revalidate`` (a cache may keep them and must ask again each time). Every
other read may depend on who asks (private playlists, ``/me``): ``private`` and ``Vary:
Authorization``. Shuffle routes move a session on each call and are never cached, nor
are the auth flows.
"""

from __future__ import annotations

import hashlib

from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_PREFIX = "/api/v1/"
AUTH = "/api/v1/auth/"
PUBLIC_PREFIXES = tuple(
    f"/api/v1/{name}" for name in ("artists", "albums", "songs", "genres", "credits")
)
PUBLIC = b"public, max-age=0, must-revalidate"
PRIVATE = b"private, max-age=0, must-revalidate"
_IF_NONE_MATCH = b"if-none-match"
_DROP_ON_304 = {b"content-length", b"content-type"}


def etagged(path: str) -> bool:
    """Whether GETs of ``path`` (a path or a route template) carry an ETag: API reads,
    not the shuffle (each call moves a session) nor the auth flows (redirects)."""
    return path.startswith(API_PREFIX) and "/shuffle" not in path and not path.startswith(AUTH)


def _cache_headers(path: str) -> list[tuple[bytes, bytes]]:
    if path.startswith(PUBLIC_PREFIXES):
        return [(b"cache-control", PUBLIC)]
    return [(b"cache-control", PRIVATE), (b"vary", b"Authorization")]


def matches(if_none_match: bytes, etag: bytes) -> bool:
    """``If-None-Match`` against a strong ETag, by the weak comparison RFC 9110 asks for."""
    for candidate in if_none_match.split(b","):
        tag = candidate.strip()
        if tag == b"*" or tag.removeprefix(b"W/") == etag:
            return True
    return False


class ETagMiddleware:
    """Hash each 200 answer to a GET under ``/api/v1``; 304 when the client has it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not etagged(scope["path"]):
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffered_send(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                if message["status"] != 200:
                    await send(message)
                    return
                start = message
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                await _finish(scope, send, start, b"".join(chunks))

        await self.app(scope, receive, buffered_send)


async def _finish(scope: Scope, send: Send, start: Message, body: bytes) -> None:
    etag = b'"' + hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b'"'
    headers = []
    cache_control = False
    for header in start.get("headers", []):
        if header[0] != b"etag":
            headers.append(header)
            cache_control = cache_control or header[0] == b"cache-control"
    extra = [(b"etag", etag)]
    if not cache_control:
        extra += _cache_headers(scope["path"])
    for name, value in scope["headers"]:
        if name == _IF_NONE_MATCH and matches(value, etag):
            kept = [h for h in headers if h[0] not in _DROP_ON_304]
            await send({"type": "http.response.start", "status": 304, "headers": kept + extra})
            await send({"type": "http.response.body", "body": b""})
            return
    await send({**start, "headers": headers + extra})
    await send({"type": "http.response.body", "body": body})
