"""The browser session: the refresh token in an httpOnly cookie, never in page scripts.

The cookie is ``SameSite=Strict`` and sent only to ``/api/v1/auth``; every route that
reads it also requires the ``X-FastFM-CSRF`` header (which a cross-site form or image
cannot send, and a cross-site script cannot add without a CORS preflight we refuse)
and, when the browser names one, an ``Origin`` of this same site.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Cookie, Depends, Header, Request, Response

from fastfm.auth.exceptions import CsrfCheckFailed
from fastfm.config import Settings

REFRESH_COOKIE = "fastfm_refresh"
COOKIE_PATH = "/api/v1/auth"
CSRF_HEADER = "X-FastFM-CSRF"


def set_refresh_cookie(
    response: Response, request: Request, settings: Settings, refresh_token: str
) -> None:
    response.set_cookie(
        REFRESH_COOKIE,
        refresh_token,
        max_age=settings.refresh_token_idle_days * 86400,
        path=COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=settings.is_production or request.url.scheme == "https",
    )


def clear_refresh_cookie(response: Response) -> None:
    response.delete_cookie(REFRESH_COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict")


async def require_same_site(
    request: Request,
    csrf: Annotated[
        str | None,
        Header(
            alias=CSRF_HEADER,
            description="Any value; required on routes that read the session cookie",
            max_length=64,
        ),
    ] = None,
) -> None:
    """403 ``csrf_failed`` unless the request carries the CSRF header and is same-origin."""
    if not csrf:
        raise CsrfCheckFailed()
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
        raise CsrfCheckFailed()


SameSiteRequest = Depends(require_same_site)

RefreshCookie = Annotated[
    str | None,
    Cookie(
        alias=REFRESH_COOKIE,
        description="The session's refresh token, set by POST /auth/session",
        max_length=4096,
    ),
]
