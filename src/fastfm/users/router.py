"""The signed-in account (``/me``) and public profiles (``/users``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response, status

from fastfm.auth.dependencies import (
    AccessClaimsDep,
    ClientAddress,
    CurrentUser,
    LoginThrottleDep,
)
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.users import service
from fastfm.users.dependencies import UserById
from fastfm.users.schemas import MeRead, PasswordChange, UserRead, UserUpdate

me_router = APIRouter(prefix="/me", tags=["me"], route_class=DocstringSummaryRoute)
users_router = APIRouter(prefix="/users", tags=["users"], route_class=DocstringSummaryRoute)


@me_router.get(
    "", status_code=status.HTTP_200_OK, response_model=MeRead, responses=error_responses(401)
)
async def read_me(user: CurrentUser) -> Any:
    """Your account."""
    return user


@me_router.patch(
    "",
    status_code=status.HTTP_200_OK,
    response_model=MeRead,
    responses=error_responses(401, 409, 413),
)
async def update_me(body: UserUpdate, session: SessionDep, user: CurrentUser) -> Any:
    """Change your display name, email or username."""
    return await service.update_profile(session, user, body)


@me_router.put(
    "/password",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    response_model=None,
    responses=error_responses(401, 403, 413, 429, 503),
)
async def change_password(
    body: PasswordChange,
    session: SessionDep,
    user: CurrentUser,
    claims: AccessClaimsDep,
    throttle: LoginThrottleDep,
    address: ClientAddress,
) -> None:
    """Change your password; your other sessions are signed out, this one stays.

    A wrong current password counts as a failed login of your account: past the login
    limit this answers 429 with `Retry-After`, as the login does.
    """
    await service.change_password(
        session,
        user,
        body,
        keep_family=claims.family_id,
        throttle=throttle,
        address=address,
    )


@me_router.delete(
    "",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    response_model=None,
    responses=error_responses(401),
)
async def delete_me(session: SessionDep, user: CurrentUser) -> None:
    """Delete your account and everything in it."""
    await service.delete_account(session, user)


@users_router.get(
    "/by-username/{username}",
    status_code=status.HTTP_200_OK,
    response_model=UserRead,
    responses=error_responses(404),
)
async def read_user_by_username(
    username: Annotated[
        str,
        Path(
            min_length=3,
            max_length=30,
            pattern=r"^[A-Za-z0-9_.-]+$",
            description="Case-insensitive",
            examples=["ada"],
        ),
    ],
    session: SessionDep,
) -> Any:
    """A user's public profile by username (to share a playlist with them)."""
    return await service.get_user_by_username(session, username)


@users_router.get(
    "/{user_id}",
    name="get_user",
    status_code=status.HTTP_200_OK,
    response_model=UserRead,
    responses=error_responses(404),
)
async def read_user(user: UserById) -> Any:
    """A user's public profile."""
    return user
