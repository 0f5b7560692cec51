"""The browser's session: log in, refresh and log out with the refresh token in a cookie.

The same service calls as ``/auth/login``, ``/auth/refresh`` and ``/auth/logout``; only
where the refresh token travels differs. API clients keep using those JSON routes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status

from fastfm.auth import service
from fastfm.auth.cookies import (
    RefreshCookie,
    SameSiteRequest,
    clear_refresh_cookie,
    set_refresh_cookie,
)
from fastfm.auth.dependencies import ClientAddress, LoginThrottleDep, SettingsDep
from fastfm.auth.exceptions import NoSession
from fastfm.auth.schemas import LoginForm, SessionToken, Tokens
from fastfm.config import Settings
from fastfm.db.session import SessionDep
from fastfm.errors import FastFMError, error_responses
from fastfm.kit.routing import DocstringSummaryRoute

router = APIRouter(
    prefix="/auth/session",
    tags=["auth"],
    route_class=DocstringSummaryRoute,
    dependencies=[SameSiteRequest],
)
_SET_COOKIE = {"Set-Cookie": {"description": "The refresh token (httpOnly, SameSite=Strict)"}}


def _answer(tokens: Tokens, request: Request, response: Response, settings: Settings) -> Any:
    set_refresh_cookie(response, request, settings, tokens.refresh_token)
    return SessionToken(access_token=tokens.access_token, expires_in=tokens.expires_in)


def _cleared_cookie_headers() -> dict[str, str]:
    cleared = Response()
    clear_refresh_cookie(cleared)
    return {"Set-Cookie": cleared.headers["set-cookie"]}


@router.post(
    "",
    status_code=status.HTTP_200_OK,
    response_model=SessionToken,
    responses={**error_responses(401, 403, 413, 429, 503), 200: {"headers": _SET_COOKIE}},
)
async def start_session(
    form: Annotated[LoginForm, Depends()],
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    throttle: LoginThrottleDep,
    address: ClientAddress,
) -> Any:
    """Log in from the browser: the access token in the body, the refresh token in a cookie."""
    tokens = await service.login(
        session,
        settings,
        throttle,
        login_name=form.username,
        password=form.password,
        address=address,
    )
    return _answer(tokens, request, response, settings)


@router.post(
    "/refresh",
    status_code=status.HTTP_200_OK,
    response_model=SessionToken,
    responses={**error_responses(401, 403, 413), 200: {"headers": _SET_COOKIE}},
)
async def refresh_session(
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    refresh_token: RefreshCookie = None,
) -> Any:
    """A new access token for the browser's session; the cookie's refresh token rotates.

    Without a usable cookie: 401, and the cookie is cleared.
    """
    try:
        if not refresh_token:
            raise NoSession()
        tokens = await service.refresh(session, settings, refresh_token)
    except FastFMError as exc:
        exc.headers = {**(exc.headers or {}), **_cleared_cookie_headers()}
        raise
    return _answer(tokens, request, response, settings)


@router.delete(
    "",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    response_model=None,
    responses=error_responses(403, 413),
)
async def end_session(session: SessionDep, refresh_token: RefreshCookie = None) -> Response:
    """Log out in this browser: the cookie's login stops working and the cookie is cleared."""
    if refresh_token:
        await service.end_login(session, refresh_token)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_refresh_cookie(response)
    return response
