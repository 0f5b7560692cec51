"""Who is calling: ``CurrentUser``, ``OptionalUser``, ``AdminUser`` for every domain's routes."""

from __future__ import annotations

from typing import Annotated

import structlog
from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from fastfm.auth import service
from fastfm.auth.exceptions import AdminRequired, InvalidToken, NotAuthenticated
from fastfm.auth.security import AccessClaims, decode_access_token
from fastfm.auth.throttling import LoginThrottle
from fastfm.config import Settings
from fastfm.db.session import SessionDep, get_database
from fastfm.ratelimit.service import spend_user_budget
from fastfm.state import SharedState
from fastfm.users.models import User

# auto_error=False: a missing token is the route's call (anonymous reads), and every
# 401 goes through FastFMError so it carries a code and the Bearer challenge.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/login", auto_error=False)


async def get_settings(request: Request) -> Settings:
    """The running app's settings (not the environment's: tests run several apps).

    ``async`` so FastAPI calls it on the event loop, not through the thread pool."""
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_login_throttle(request: Request, settings: SettingsDep) -> LoginThrottle:
    shared: SharedState = request.app.state.shared
    return LoginThrottle(
        shared.limiter_storage,
        settings.login_account_limit,
        settings.login_address_limit,
        fallback=shared.local_limiter_storage,
        outage=shared.redis_outage,
    )


LoginThrottleDep = Annotated[LoginThrottle, Depends(get_login_throttle)]


def client_address(request: Request) -> str:
    """The caller's address (the proxy-resolved one when served behind a trusted proxy)."""
    return request.client.host if request.client else "unknown"


ClientAddress = Annotated[str, Depends(client_address)]


async def get_optional_claims(
    request: Request,
    settings: SettingsDep,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> AccessClaims | None:
    """The verified access token's claims; ``None`` without an Authorization header."""
    if token is None:
        # A header that is there but not a bearer token is a broken client, not anonymous.
        if request.headers.get("authorization"):
            raise InvalidToken()
        return None
    claims = decode_access_token(settings, token)
    request.scope.setdefault("state", {})["user_id"] = claims.user_id
    structlog.contextvars.bind_contextvars(user_id=claims.user_id)
    await spend_user_budget(request, claims.user_id)
    return claims


OptionalClaims = Annotated[AccessClaims | None, Depends(get_optional_claims)]


async def get_access_claims(claims: OptionalClaims) -> AccessClaims:
    """The verified access token's claims; 401 without a token."""
    if claims is None:
        raise NotAuthenticated()
    return claims


AccessClaimsDep = Annotated[AccessClaims, Depends(get_access_claims)]


async def get_current_user(session: SessionDep, claims: AccessClaimsDep) -> User:
    """The signed-in user; 401 for a missing, invalid, expired or revoked token."""
    return await service.user_for_access(session, claims)


async def get_optional_user(session: SessionDep, claims: OptionalClaims) -> User | None:
    """The signed-in user, or ``None`` for an anonymous call; 401 for a bad token."""
    if claims is None:
        return None
    return await service.user_for_access(session, claims)


async def get_optional_caller(request: Request, claims: OptionalClaims) -> User | None:
    """The signed-in user, or ``None`` for an anonymous call; 401 for a bad token.

    For read-only routes: the account is checked in a session of its own, opened only
    when a token came, so an anonymous read opens no session at all.
    """
    if claims is None:
        return None
    async with get_database(request).sessionmaker() as session:
        return await service.user_for_access(session, claims)


CurrentUser = Annotated[User, Depends(get_current_user)]
OptionalUser = Annotated[User | None, Depends(get_optional_user)]
OptionalCaller = Annotated[User | None, Depends(get_optional_caller)]


async def get_admin_user(user: CurrentUser) -> User:
    """The signed-in user if an admin; 401 without a token, 403 ``admin_required`` otherwise."""
    if not user.is_admin:
        raise AdminRequired()
    return user


AdminUser = Annotated[User, Depends(get_admin_user)]
