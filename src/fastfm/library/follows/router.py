"""``/me/following``: artists and users the caller follows."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status

from fastfm.auth.dependencies import CurrentUser
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.ids import IdPath
from fastfm.kit.pagination import Page, PageDep
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.library.follows import service
from fastfm.library.follows.schemas import FollowedArtist, FollowedUser

router = APIRouter(prefix="/me/following", tags=["library"], route_class=DocstringSummaryRoute)

_NO_CONTENT: dict[str, Any] = {
    "status_code": status.HTTP_204_NO_CONTENT,
    "response_class": Response,
    "response_model": None,
}


@router.get(
    "/artists",
    status_code=status.HTTP_200_OK,
    response_model=Page[FollowedArtist],
    responses=error_responses(401),
)
async def list_followed_artists(session: SessionDep, user: CurrentUser, page: PageDep) -> Any:
    """Artists you follow, most recently followed first."""
    return await service.list_followed_artists(session, user, page)


@router.put("/artists/{artist_id}", **_NO_CONTENT, responses=error_responses(401, 404))
async def follow_artist(artist_id: IdPath, session: SessionDep, user: CurrentUser) -> None:
    """Follow an artist; following one you already follow changes nothing."""
    await service.follow_artist(session, user, artist_id)


@router.delete("/artists/{artist_id}", **_NO_CONTENT, responses=error_responses(401, 404))
async def unfollow_artist(artist_id: IdPath, session: SessionDep, user: CurrentUser) -> None:
    """Stop following an artist (204 whether or not you followed it)."""
    await service.unfollow_artist(session, user, artist_id)


@router.get(
    "/users",
    status_code=status.HTTP_200_OK,
    response_model=Page[FollowedUser],
    responses=error_responses(401),
)
async def list_followed_users(session: SessionDep, user: CurrentUser, page: PageDep) -> Any:
    """Users you follow, most recently followed first."""
    return await service.list_followed_users(session, user, page)


@router.put("/users/{user_id}", **_NO_CONTENT, responses=error_responses(401, 404))
async def follow_user(user_id: IdPath, session: SessionDep, user: CurrentUser) -> None:
    """Follow another user (again: no change); yourself is 422 `cannot_follow_self`."""
    await service.follow_user(session, user, user_id)


@router.delete("/users/{user_id}", **_NO_CONTENT, responses=error_responses(401, 404))
async def unfollow_user(user_id: IdPath, session: SessionDep, user: CurrentUser) -> None:
    """Stop following a user (204 whether or not you followed them)."""
    await service.unfollow_user(session, user, user_id)
