"""A user's top songs and artists, and the public song charts."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.db.base import utcnow
from fastfm.kit.pagination import Page, PageParams
from fastfm.library import bodies
from fastfm.library.charts import repository
from fastfm.library.charts.schemas import (
    CHART_PERIOD_WINDOWS,
    TOP_RANGE_WINDOWS,
    ArtistPlayCountRead,
    ChartPeriod,
    SongPlayCountRead,
    TopRange,
)
from fastfm.library.pages import total_of
from fastfm.users.models import User


def _since(window: timedelta | None) -> datetime | None:
    return None if window is None else utcnow() - window


async def top_songs(
    session: AsyncSession, user: User, time_range: TopRange, params: PageParams
) -> Page[SongPlayCountRead]:
    """The user's most played songs over the range, most played first."""
    since = _since(TOP_RANGE_WINDOWS[time_range])
    page = await repository.top_songs_of_user(session, user.id, since, params.limit, params.offset)
    total = await total_of(
        page, params, lambda: repository.count_songs_played_by_user(session, user.id, since)
    )
    return await _song_page(session, page.rows, total, params)


async def top_artists(
    session: AsyncSession, user: User, time_range: TopRange, params: PageParams
) -> Page[ArtistPlayCountRead]:
    """The primary artists of the user's most played songs over the range."""
    since = _since(TOP_RANGE_WINDOWS[time_range])
    page = await repository.top_artists_of_user(
        session, user.id, since, params.limit, params.offset
    )
    total = await total_of(
        page, params, lambda: repository.count_artists_played_by_user(session, user.id, since)
    )
    artists = await bodies.artists_by_id(session, [artist_id for artist_id, _ in page.rows])
    items = [
        ArtistPlayCountRead(artist=artists[artist_id], play_count=plays)
        for artist_id, plays in page.rows
        if artist_id in artists
    ]
    return params.page(items, total)


async def chart_songs(
    session: AsyncSession, period: ChartPeriod, params: PageParams
) -> Page[SongPlayCountRead]:
    """The most played songs across all users over the period."""
    since = _since(CHART_PERIOD_WINDOWS[period])
    if since is None:
        all_time = await repository.count_chart_songs_all_time(session)
        rows = await repository.chart_songs_all_time(session, params.limit, params.offset)
        return await _song_page(session, rows, all_time, params)
    page = await repository.chart_songs_since(session, since, params.limit, params.offset)
    total = await total_of(page, params, lambda: repository.count_chart_songs_since(session, since))
    return await _song_page(session, page.rows, total, params)


async def _song_page(
    session: AsyncSession, rows: list[tuple[int, int]], total: int, params: PageParams
) -> Page[SongPlayCountRead]:
    songs = await bodies.songs_by_id(session, [song_id for song_id, _ in rows])
    items = [
        SongPlayCountRead(song=songs[song_id], play_count=plays)
        for song_id, plays in rows
        if song_id in songs
    ]
    return params.page(items, total)
