"""``/me/plays``: the caller's listening history."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from fastfm.auth.dependencies import CurrentUser
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.pagination import Page, PageDep
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.library.plays import service
from fastfm.library.plays.schemas import PlayCreate, PlayRead, RecentPlayRead

router = APIRouter(prefix="/me/plays", tags=["library"], route_class=DocstringSummaryRoute)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=PlayRead,
    responses=error_responses(401, 404, 413),
)
async def record_play(body: PlayCreate, session: SessionDep, user: CurrentUser) -> Any:
    """Record that you listened to a song (now, or at `played_at`)."""
    return await service.record_play(session, user, body)


@router.get(
    "/recent",
    status_code=status.HTTP_200_OK,
    response_model=Page[RecentPlayRead],
    responses=error_responses(401),
)
async def recently_played(session: SessionDep, user: CurrentUser, page: PageDep) -> Any:
    """Your listens, newest first."""
    return await service.recently_played(session, user, page)
