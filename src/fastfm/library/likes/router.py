"""``/me/liked``: the caller's liked songs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response, status

from fastfm.auth.dependencies import CurrentUser
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.ids import IdPath
from fastfm.kit.pagination import Page, PageDep
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.library.likes import service
from fastfm.library.likes.dependencies import LikedSort, SongIdsToCheck
from fastfm.library.likes.schemas import LikedSongRead

router = APIRouter(prefix="/me/liked", tags=["library"], route_class=DocstringSummaryRoute)


@router.get(
    "",
    status_code=status.HTTP_200_OK,
    response_model=Page[LikedSongRead],
    responses=error_responses(401),
)
async def list_liked_songs(
    session: SessionDep, user: CurrentUser, page: PageDep, sort: LikedSort
) -> Any:
    """Your liked songs, newest first unless `sort` says otherwise."""
    return await service.list_liked_songs(session, user, page, sort)


@router.get(
    "/contains",
    status_code=status.HTTP_200_OK,
    response_model=list[bool],
    responses={
        200: {"content": {"application/json": {"example": [True, False, True]}}},
        **error_responses(401),
    },
)
async def check_liked_songs(session: SessionDep, user: CurrentUser, ids: SongIdsToCheck) -> Any:
    """For each song id asked, in order, whether it is in your liked songs."""
    return await service.liked_flags(session, user, ids)


@router.post(
    "/{song_id:signed_int}",
    status_code=status.HTTP_201_CREATED,
    response_model=LikedSongRead,
    responses={
        200: {"model": LikedSongRead, "description": "The song was already liked"},
        201: {"description": "The song was added to your liked songs"},
        **error_responses(401, 404),
    },
)
async def like_song(
    song_id: IdPath, session: SessionDep, user: CurrentUser, response: Response
) -> Any:
    """Add a song to your liked songs (201); liking it again changes nothing (200)."""
    liked, created = await service.like_song(session, user, song_id)
    if not created:
        response.status_code = status.HTTP_200_OK
    return liked


@router.delete(
    "/{song_id:signed_int}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    response_model=None,
    responses=error_responses(401, 404),
)
async def unlike_song(song_id: IdPath, session: SessionDep, user: CurrentUser) -> None:
    """Remove a song from your liked songs (204 whether or not it was there)."""
    await service.unlike_song(session, user, song_id)
