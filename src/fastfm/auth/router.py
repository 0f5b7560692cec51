"""Register, log in, refresh, log out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status

from fastfm.auth import service
from fastfm.auth.dependencies import ClientAddress, CurrentUser, LoginThrottleDep, SettingsDep
from fastfm.auth.schemas import LoginForm, LogoutRequest, RefreshRequest, Tokens
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.users import service as user_service
from fastfm.users.schemas import MeRead, UserCreate

router = APIRouter(prefix="/auth", tags=["auth"], route_class=DocstringSummaryRoute)


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=MeRead,
    responses={
        **error_responses(409, 413),
        201: {"headers": {"Location": {"description": "The new user's public profile"}}},
    },
)
async def register(
    body: UserCreate, session: SessionDep, request: Request, response: Response
) -> Any:
    """Create an account (then log in to get tokens)."""
    user = await user_service.create_user(session, body)
    response.headers["Location"] = request.app.url_path_for("get_user", user_id=str(user.id))
    return user


@router.post(
    "/login",
    status_code=status.HTTP_200_OK,
    response_model=Tokens,
    responses=error_responses(401, 413, 429, 503),
)
async def login(
    form: Annotated[LoginForm, Depends()],
    session: SessionDep,
    settings: SettingsDep,
    throttle: LoginThrottleDep,
    address: ClientAddress,
) -> Any:
    """Log in with a username (or email) and password; returns an access and refresh token."""
    return await service.login(
        session,
        settings,
        throttle,
        login_name=form.username,
        password=form.password,
        address=address,
    )


@router.post(
    "/refresh",
    status_code=status.HTTP_200_OK,
    response_model=Tokens,
    responses=error_responses(401, 413),
)
async def refresh(body: RefreshRequest, session: SessionDep, settings: SettingsDep) -> Any:
    """Exchange a refresh token for a new pair; reusing an old one signs that login out."""
    return await service.refresh(session, settings, body.refresh_token)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    response_model=None,
    responses=error_responses(401, 413),
)
async def logout(body: LogoutRequest, session: SessionDep, user: CurrentUser) -> None:
    """Sign out one login: its refresh and access tokens stop working."""
    await service.logout(session, user, body.refresh_token)


@router.post(
    "/logout-all",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    response_model=None,
    responses=error_responses(401),
)
async def logout_all(session: SessionDep, user: CurrentUser) -> None:
    """Sign out everywhere: every refresh and access token issued so far stops working."""
    await service.logout_all(session, user)
