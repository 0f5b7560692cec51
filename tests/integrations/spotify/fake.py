"""A local fake of Spotify's accounts service and Web API, for the suite and the benchmark.

It speaks Spotify's JSON: paging objects with absolute ``next`` links, playlist items
(``item`` on ``/items``, ``track`` on ``/tracks``), full tracks with albums, artists and
``external_ids``, and the accounts service's OAuth errors (``invalid_grant``,
``invalid_client``). It checks what Spotify checks: client credentials, the redirect URI,
the PKCE S256 verifier, single-use codes, access token expiry, refresh-token rotation.
Faults (status codes, ``Retry-After``, delays) are scripted per path.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tests.integrations.spotify.shapes import item, track
from tests.server import free_port

__all__ = ["CLIENT_ID", "CLIENT_SECRET", "FakeSpotify", "item", "serving", "track"]

CLIENT_ID = "fake-client-id"
CLIENT_SECRET = "fake-client-secret"


@dataclass
class Fault:
    path_contains: str
    status: int | None = None
    times: int = 1
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class FakePlaylist:
    id: str
    name: str
    description: str
    owner: str
    items: list[dict[str, Any]] = field(default_factory=list)


class FakeSpotify:
    def __init__(self) -> None:
        self.base_url = ""
        self.reset()
        self._app = self.app()

    def reset(self) -> None:
        self.user_id = "wizzler"
        self.deny = False
        self.rotate_refresh = False
        self.items_endpoint = True
        self.access_ttl = 3600
        self.codes: dict[str, tuple[str, str]] = {}
        self.access_tokens: dict[str, float] = {}
        self.refresh_tokens: set[str] = set()
        self.playlists: dict[str, FakePlaylist] = {}
        self.saved: list[dict[str, Any]] = []
        self.faults: list[Fault] = []
        self.requests: list[tuple[float, str]] = []
        self.token_grants: list[str] = []

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/v1"

    # -- test controls --------------------------------------------------------------

    def add_playlist(self, pid: str, name: str, items: list[Any], description: str = "") -> None:
        self.playlists[pid] = FakePlaylist(pid, name, description, self.user_id, list(items))

    def fail(self, path_contains: str, status: int | None = None, **kwargs: Any) -> None:
        self.faults.append(Fault(path_contains, status, **kwargs))

    def expire_access_tokens(self) -> None:
        self.access_tokens = dict.fromkeys(self.access_tokens, 0.0)

    def revoke_refresh_tokens(self) -> None:
        self.refresh_tokens.clear()

    def api_requests(self) -> list[tuple[float, str]]:
        return [r for r in self.requests if r[1].startswith("/v1/")]

    # -- the app -------------------------------------------------------------------

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/authorize", self._authorize),
                Route("/api/token", self._token, methods=["POST"]),
                Route("/v1/me", self._me),
                Route("/v1/me/playlists", self._my_playlists),
                Route("/v1/me/tracks", self._saved_tracks),
                Route("/v1/playlists/{pid}", self._playlist),
                Route("/v1/playlists/{pid}/items", self._items),
                Route("/v1/playlists/{pid}/tracks", self._tracks),
            ],
        )

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            path = scope["path"]
            query = scope.get("query_string", b"").decode()
            target = f"{path}?{query}" if query else path
            self.requests.append((time.monotonic(), path))
            for fault in self.faults:
                if fault.times > 0 and fault.path_contains in target:
                    fault.times -= 1
                    if fault.delay:
                        await asyncio.sleep(fault.delay)
                    if fault.status is not None:
                        body = {"error": {"status": fault.status, "message": "Scripted fault"}}
                        response = JSONResponse(body, fault.status, headers=fault.headers)
                        await response(scope, receive, send)
                        return
                    break
        await self._app(scope, receive, send)

    # -- accounts service ------------------------------------------------------------

    async def _authorize(self, request: Request) -> Response:
        q = request.query_params
        assert q["client_id"] == CLIENT_ID
        assert q["response_type"] == "code"
        assert q["code_challenge_method"] == "S256"
        target = q["redirect_uri"]
        if self.deny:
            query = urlencode({"error": "access_denied", "state": q["state"]})
            return RedirectResponse(f"{target}?{query}", 302)
        code = secrets.token_urlsafe(16)
        self.codes[code] = (q["code_challenge"], target)
        return RedirectResponse(f"{target}?{urlencode({'code': code, 'state': q['state']})}", 302)

    async def _token(self, request: Request) -> Response:
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if request.headers.get("authorization") != f"Basic {expected}":
            return _oauth_error("invalid_client", "Invalid client", 401)
        form = await request.form()
        grant = str(form.get("grant_type"))
        self.token_grants.append(grant)
        if grant == "authorization_code":
            pending = self.codes.pop(str(form.get("code")), None)
            verifier = str(form.get("code_verifier", ""))
            challenge = (
                base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
                .rstrip(b"=")
                .decode()
            )
            if pending is None or pending != (challenge, form.get("redirect_uri")):
                return _oauth_error("invalid_grant", "Invalid authorization code")
            return self._issue(new_refresh=True)
        if grant == "refresh_token":
            refresh = str(form.get("refresh_token"))
            if refresh not in self.refresh_tokens:
                return _oauth_error("invalid_grant", "Refresh token revoked")
            if self.rotate_refresh:
                self.refresh_tokens.discard(refresh)
            return self._issue(new_refresh=self.rotate_refresh)
        return _oauth_error("unsupported_grant_type", "grant_type not supported")

    def _issue(self, *, new_refresh: bool) -> Response:
        access = "acc-" + secrets.token_urlsafe(16)
        self.access_tokens[access] = time.time() + self.access_ttl
        body: dict[str, Any] = {
            "access_token": access,
            "token_type": "Bearer",
            "scope": "playlist-read-private playlist-read-collaborative user-library-read",
            "expires_in": self.access_ttl,
        }
        if new_refresh:
            refresh = "ref-" + secrets.token_urlsafe(16)
            self.refresh_tokens.add(refresh)
            body["refresh_token"] = refresh
        return JSONResponse(body)

    # -- Web API ---------------------------------------------------------------------

    def _unauthorized(self, request: Request) -> Response | None:
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if self.access_tokens.get(token, 0.0) < time.time():
            body = {"error": {"status": 401, "message": "The access token expired"}}
            return JSONResponse(body, 401)
        return None

    async def _me(self, request: Request) -> Response:
        if (refused := self._unauthorized(request)) is not None:
            return refused
        return JSONResponse({"id": self.user_id, "display_name": "Wiz", "type": "user"})

    async def _my_playlists(self, request: Request) -> Response:
        if (refused := self._unauthorized(request)) is not None:
            return refused
        simplified = [self._simplified(p) for p in self.playlists.values()]
        return JSONResponse(self._page(request, simplified, 20, 50))

    async def _playlist(self, request: Request) -> Response:
        if (refused := self._unauthorized(request)) is not None:
            return refused
        found = self.playlists.get(request.path_params["pid"])
        if found is None:
            return JSONResponse({"error": {"status": 404, "message": "Not found."}}, 404)
        return JSONResponse(self._simplified(found))

    async def _items(self, request: Request) -> Response:
        if not self.items_endpoint:
            return JSONResponse({"error": {"status": 404, "message": "Service not found"}}, 404)
        return await self._entries(request, "item")

    async def _tracks(self, request: Request) -> Response:
        return await self._entries(request, "track")

    async def _entries(self, request: Request, key: str) -> Response:
        if (refused := self._unauthorized(request)) is not None:
            return refused
        found = self.playlists.get(request.path_params["pid"])
        if found is None:
            return JSONResponse({"error": {"status": 404, "message": "Not found."}}, 404)
        entries = [
            {"added_at": e["added_at"], "is_local": e["is_local"], key: e["track"]}
            for e in found.items
        ]
        return JSONResponse(self._page(request, entries, 100, 100))

    async def _saved_tracks(self, request: Request) -> Response:
        if (refused := self._unauthorized(request)) is not None:
            return refused
        saved = [{"added_at": e["added_at"], "track": e["track"]} for e in self.saved]
        return JSONResponse(self._page(request, saved, 20, 50))

    def _simplified(self, playlist: FakePlaylist) -> Any:
        href = f"{self.api_url}/playlists/{playlist.id}"
        return {
            "id": playlist.id,
            "name": playlist.name,
            "description": playlist.description,
            "owner": {"id": playlist.owner, "type": "user"},
            "public": False,
            "snapshot_id": "MTY4",
            "items": {"href": f"{href}/items", "total": len(playlist.items)},
            "type": "playlist",
        }

    def _page(self, request: Request, items: list[Any], default: int, most: int) -> Any:
        limit = int(request.query_params.get("limit", default))
        offset = int(request.query_params.get("offset", 0))
        assert 1 <= limit <= most, f"limit {limit} outside 1..{most}"
        href = f"{self.base_url}{request.url.path}"

        def link(at: int) -> str:
            return f"{href}?{urlencode({'offset': at, 'limit': limit})}"

        return {
            "href": link(offset),
            "items": items[offset : offset + limit],
            "limit": limit,
            "offset": offset,
            "total": len(items),
            "next": link(offset + limit) if offset + limit < len(items) else None,
            "previous": link(max(0, offset - limit)) if offset > 0 else None,
        }


def _oauth_error(error: str, description: str, status: int = 400) -> Response:
    return JSONResponse({"error": error, "error_description": description}, status)


@asynccontextmanager
async def serving(fake: FakeSpotify) -> AsyncIterator[FakeSpotify]:
    """Serve ``fake`` on a real uvicorn on a free 127.0.0.1 port, in this event loop."""
    port = free_port()
    config = uvicorn.Config(fake, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    fake.base_url = f"http://127.0.0.1:{port}"
    try:
        yield fake
    finally:
        server.should_exit = True
        await task
