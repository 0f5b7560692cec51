"""``/me/top``: the caller's most played; ``/charts``: the most played across everyone."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from fastfm.auth.dependencies import CurrentUser
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.pagination import Page, PageDep
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.library.charts import service
from fastfm.library.charts.schemas import (
    ArtistPlayCountRead,
    ChartPeriod,
    SongPlayCountRead,
    TopRange,
)

top_router = APIRouter(prefix="/me/top", tags=["library"], route_class=DocstringSummaryRoute)
charts_router = APIRouter(prefix="/charts", tags=["charts"], route_class=DocstringSummaryRoute)

RangeParam = Annotated[
    TopRange,
    Query(
        alias="range",
        description="`short`: the last 4 weeks, `medium`: the last 182 days (about 6 "
        "months), `long`: all time.",
    ),
]
PeriodParam = Annotated[
    ChartPeriod,
    Query(
        description="`day`: the last 24 hours, `week`: the last 7 days, `month`: the last "
        "30 days, `all`: all time.",
    ),
]


@top_router.get(
    "/songs",
    status_code=status.HTTP_200_OK,
    response_model=Page[SongPlayCountRead],
    responses=error_responses(401),
)
async def top_songs(
    session: SessionDep, user: CurrentUser, page: PageDep, time_range: RangeParam = TopRange.MEDIUM
) -> Any:
    """Your most played songs over `range`, most played first (ties by song id)."""
    return await service.top_songs(session, user, time_range, page)


@top_router.get(
    "/artists",
    status_code=status.HTTP_200_OK,
    response_model=Page[ArtistPlayCountRead],
    responses=error_responses(401),
)
async def top_artists(
    session: SessionDep, user: CurrentUser, page: PageDep, time_range: RangeParam = TopRange.MEDIUM
) -> Any:
    """Your most played artists over `range`: each play counts for the song's primary artist."""
    return await service.top_artists(session, user, time_range, page)


@charts_router.get("/songs", status_code=status.HTTP_200_OK, response_model=Page[SongPlayCountRead])
async def chart_songs(
    session: SessionDep, page: PageDep, period: PeriodParam = ChartPeriod.WEEK
) -> Any:
    """The most played songs across all listeners over a rolling `period` (ties by song id)."""
    return await service.chart_songs(session, period, page)
