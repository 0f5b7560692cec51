"""Play counts per song and per primary artist over a window.

The ranked queries bring the ranking's length along (``count(*) OVER ()`` over the
grouped rows), so a page costs one aggregation, not two.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Row, and_, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.songs.models import Song, SongArtist
from fastfm.library.pages import TOTAL, PageRows
from fastfm.library.plays.models import Play

_PLAYS = func.count().label("play_count")
# A play counts for the song's primary artist (billing position 0) only.
_PRIMARY_ARTIST = and_(SongArtist.song_id == Play.song_id, SongArtist.position == 0)


def _ranking(rows: Sequence[Row[int, int, int]]) -> PageRows[tuple[int, int]]:
    return PageRows([(row[0], row[1]) for row in rows], rows[0][2] if rows else None)


def _since(since: datetime | None) -> list[ColumnElement[bool]]:
    """The WHERE clause of a window starting at ``since``; none for all time."""
    return [] if since is None else [Play.played_at >= since]


async def top_songs_of_user(
    session: AsyncSession, user_id: int, since: datetime | None, limit: int, offset: int
) -> PageRows[tuple[int, int]]:
    """The user's most played songs, ``(song_id, plays)``; ties by song id."""
    result = await session.execute(
        select(Play.song_id, _PLAYS, TOTAL)
        .where(Play.user_id == user_id, *_since(since))
        .group_by(Play.song_id)
        .order_by(_PLAYS.desc(), Play.song_id.asc())
        .limit(limit)
        .offset(offset)
    )
    return _ranking(result.all())


async def count_songs_played_by_user(
    session: AsyncSession, user_id: int, since: datetime | None
) -> int:
    query = select(func.count(distinct(Play.song_id))).where(
        Play.user_id == user_id, *_since(since)
    )
    return int(await session.scalar(query) or 0)


async def top_artists_of_user(
    session: AsyncSession, user_id: int, since: datetime | None, limit: int, offset: int
) -> PageRows[tuple[int, int]]:
    """``(artist_id, plays)``: plays credited to each song's primary artist; ties by id."""
    # Count per song first (from the index alone), then look up each song's primary
    # artist by the song_artist primary key, instead of hashing all of song_artist.
    per_song = (
        select(Play.song_id, func.count().label("plays"))
        .where(Play.user_id == user_id, *_since(since))
        .group_by(Play.song_id)
        .subquery()
    )
    plays = func.sum(per_song.c.plays).label("play_count")
    result = await session.execute(
        select(SongArtist.artist_id, plays, TOTAL)
        .select_from(per_song)
        .join(
            SongArtist,
            and_(SongArtist.song_id == per_song.c.song_id, SongArtist.position == 0),
        )
        .group_by(SongArtist.artist_id)
        .order_by(plays.desc(), SongArtist.artist_id.asc())
        .limit(limit)
        .offset(offset)
    )
    return _ranking(result.all())


async def count_artists_played_by_user(
    session: AsyncSession, user_id: int, since: datetime | None
) -> int:
    query = (
        select(func.count(distinct(SongArtist.artist_id)))
        .select_from(Play)
        .join(SongArtist, _PRIMARY_ARTIST)
        .where(Play.user_id == user_id, *_since(since))
    )
    return int(await session.scalar(query) or 0)


async def chart_songs_since(
    session: AsyncSession, since: datetime, limit: int, offset: int
) -> PageRows[tuple[int, int]]:
    """``(song_id, plays)`` across all users since ``since``; ties by song id."""
    result = await session.execute(
        select(Play.song_id, _PLAYS, TOTAL)
        .where(*_since(since))
        .group_by(Play.song_id)
        .order_by(_PLAYS.desc(), Play.song_id.asc())
        .limit(limit)
        .offset(offset)
    )
    return _ranking(result.all())


async def count_chart_songs_since(session: AsyncSession, since: datetime) -> int:
    query = select(func.count(distinct(Play.song_id))).where(*_since(since))
    return int(await session.scalar(query) or 0)


async def chart_songs_all_time(
    session: AsyncSession, limit: int, offset: int
) -> list[tuple[int, int]]:
    """``(song_id, plays)`` of all time, from the exact per-song counter (no history scan)."""
    result = await session.execute(
        select(Song.id, Song.play_count)
        .where(Song.play_count > 0)
        .order_by(Song.play_count.desc(), Song.id.asc())
        .limit(limit)
        .offset(offset)
    )
    return [(song_id, plays) for song_id, plays in result]


async def count_chart_songs_all_time(session: AsyncSession) -> int:
    query = select(func.count()).select_from(Song).where(Song.play_count > 0)
    return int(await session.scalar(query) or 0)
