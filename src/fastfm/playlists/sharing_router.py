"""Sharing a playlist: collaborators who may edit it, followers who keep it in their library."""

from __future__ import annotations

from fastapi import APIRouter, status

from fastfm.auth.dependencies import CurrentUser, OptionalUser
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.ids import IdPath
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.playlists import service
from fastfm.playlists.schemas import UserRef

router = APIRouter(
    prefix="/playlists/{playlist_id}", tags=["playlists"], route_class=DocstringSummaryRoute
)


@router.get(
    "/collaborators",
    response_model=list[UserRef],
    responses=error_responses(401, 404),
)
async def list_collaborators(
    session: SessionDep, user: OptionalUser, playlist_id: IdPath
) -> list[UserRef]:
    """The playlist's collaborators, in the order they were added."""
    return await service.list_collaborators(session, playlist_id, user)


@router.put(
    "/collaborators/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def add_collaborator(
    session: SessionDep, user: CurrentUser, playlist_id: IdPath, user_id: IdPath
) -> None:
    """Let a user edit the playlist (owner only; the owner themself is 422)."""
    await service.add_collaborator(session, playlist_id, user, user_id)


@router.delete(
    "/collaborators/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def remove_collaborator(
    session: SessionDep, user: CurrentUser, playlist_id: IdPath, user_id: IdPath
) -> None:
    """Remove a collaborator (the owner), or leave the playlist (the collaborator)."""
    await service.remove_collaborator(session, playlist_id, user, user_id)


@router.put(
    "/followers",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404),
)
async def follow_playlist(session: SessionDep, user: CurrentUser, playlist_id: IdPath) -> None:
    """Follow a playlist you can see."""
    await service.follow(session, playlist_id, user)


@router.delete(
    "/followers",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 404),
)
async def unfollow_playlist(session: SessionDep, user: CurrentUser, playlist_id: IdPath) -> None:
    """Stop following a playlist."""
    await service.unfollow(session, playlist_id, user)
