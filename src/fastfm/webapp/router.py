"""Serves the built web app: hashed assets cached for a year, ``index.html`` for every page.

The app is a single-page app, so a GET of any path no route matched answers ``index.html``
and the app's router draws the page. It is the router's fallback, not a catch-all route,
so every route (added before or after) keeps its own answers, 405s included; paths the
API owns never fall back to the app: an unknown ``/api/...`` path stays a JSON 404.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from fastfm.errors import NotFound

ASSET_CACHE = "public, max-age=31536000, immutable"
INDEX_CACHE = "no-cache"
ROOT_FILE_CACHE = "public, max-age=3600"
# Paths the API and the operations endpoints own; an unknown one is a JSON 404.
RESERVED_PREFIXES = (
    "api",
    "docs",
    "redoc",
    "openapi.json",
    "healthz",
    "readyz",
    "metrics",
    "graphql",
)

# The app loads only its own scripts and styles; nothing inline, nothing framed.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: https:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}


class PageNotFound(NotFound):
    code = "not_found"
    detail = "Not found"


def default_web_dir() -> Path:
    """``web/dist`` of the source checkout, where ``npm run build`` writes the app."""
    return Path(__file__).resolve().parents[3] / "web" / "dist"


def is_reserved(path: str) -> bool:
    """Whether ``path`` belongs to the API or the operations endpoints."""
    return path.lstrip("/").split("/", 1)[0] in RESERVED_PREFIXES


def file_response(path: Path, cache: str) -> Response:
    return FileResponse(path, headers={"Cache-Control": cache, **SECURITY_HEADERS})


def build_router(web_dir: Path) -> APIRouter:
    """The route of the app's hashed assets, built into ``web_dir/assets``."""
    root = web_dir.resolve()
    router = APIRouter(include_in_schema=False)

    @router.api_route("/assets/{name:path}", methods=["GET", "HEAD"])
    async def asset(name: str, request: Request) -> Response:
        path = _inside(root / "assets", name)
        if path is None:
            raise PageNotFound()
        # The build writes a gzipped twin of each script and stylesheet.
        packed = path.with_name(path.name + ".gz")
        if "gzip" in request.headers.get("accept-encoding", "") and packed.is_file():
            media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            headers = {"Cache-Control": ASSET_CACHE, "Content-Encoding": "gzip", **SECURITY_HEADERS}
            headers["Vary"] = "Accept-Encoding"
            return FileResponse(packed, media_type=media_type, headers=headers)
        return file_response(path, ASSET_CACHE)

    return router


def page_fallback(web_dir: Path, not_found: ASGIApp) -> ASGIApp:
    """The router's fallback: ``index.html`` (or a file at the build's root) for a GET of a
    page path; everything else goes on to ``not_found`` (the JSON 404)."""
    root = web_dir.resolve()
    index = root / "index.html"

    async def fallback(scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or is_reserved(path):
            await not_found(scope, receive, send)
            return
        name = path.lstrip("/")
        # Files at the root of the build (favicon, robots.txt) are served as they are.
        if name and "/" not in name and (file := _inside(root, name)) is not None:
            response = file_response(file, ROOT_FILE_CACHE)
        else:
            response = file_response(index, INDEX_CACHE)
        await response(scope, receive, send)

    return fallback


def _inside(folder: Path, name: str) -> Path | None:
    """``folder/name`` if it is an existing file inside ``folder`` (no ``..`` escapes)."""
    try:
        path = (folder / name).resolve()
    except (OSError, ValueError):
        return None
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        return None
    return path


def mount(app: FastAPI, web_dir: Path | None) -> bool:
    """Serve the app from ``web_dir`` if it was built; returns whether it was mounted."""
    folder = web_dir or default_web_dir()
    if not (folder / "index.html").is_file():
        return False
    app.include_router(build_router(folder))
    app.router.default = page_fallback(folder, app.router.default)
    return True
