"""Serves the built web app: hashed assets cached for a year, ``index.html`` for every page.

The app is a single-page app, so any path that is not the API's answers ``index.html``
and the app's router draws the page. Paths the API owns never fall back to it: an
unknown ``/api/...`` path stays a JSON 404.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, Response
from starlette.convertors import Convertor, register_url_convertor

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


class AppPathConvertor(Convertor[str]):
    """Any path except the reserved ones, which must never match the app's catch-all.

    Excluding them in the pattern (not in the handler) keeps the API's own answers for
    its paths: a wrong method on an API path stays 405, an unknown API path a JSON 404.
    """

    regex = "(?!(?:" + "|".join(p.replace(".", "\\.") for p in RESERVED_PREFIXES) + ")(?:/|$)).*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("app_path", AppPathConvertor())


def default_web_dir() -> Path:
    """``web/dist`` of the source checkout, where ``npm run build`` writes the app."""
    return Path(__file__).resolve().parents[3] / "web" / "dist"


def build_router(web_dir: Path) -> APIRouter:
    """Routes for the app built into ``web_dir`` (which holds ``index.html``)."""
    root = web_dir.resolve()
    index = root / "index.html"
    router = APIRouter(include_in_schema=False)

    def file_response(path: Path, cache: str) -> Response:
        return FileResponse(path, headers={"Cache-Control": cache, **SECURITY_HEADERS})

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

    @router.api_route("/{page:app_path}", methods=["GET", "HEAD"])
    async def page(page: str) -> Response:
        # Files at the root of the build (favicon, robots.txt) are served as they are.
        if page and "/" not in page and (path := _inside(root, page)) is not None:
            return file_response(path, ROOT_FILE_CACHE)
        return file_response(index, INDEX_CACHE)

    return router


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
    return True
