"""Recording listens, keeping ``song.play_count`` exact, and the recently-played list."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.exceptions import SongNotFound
from fastfm.catalog.songs import service as song_service
from fastfm.db.base import utcnow
from fastfm.kit.pagination import Page, PageParams
from fastfm.library import bodies
from fastfm.library.lookups import song_exists
from fastfm.library.plays import repository
from fastfm.library.plays.models import Play
from fastfm.library.plays.schemas import PlayCreate, RecentPlayRead
from fastfm.users.models import User


async def record_play(session: AsyncSession, user: User, data: PlayCreate) -> Play:
    """Record a listen (at ``played_at``, default now); 404 ``song_not_found``."""
    if not await song_exists(session, data.song_id):
        raise SongNotFound()
    play = await repository.add(
        session, user.id, data.song_id, data.played_at or utcnow(), data.ms_played
    )
    await song_service.add_to_play_count(session, data.song_id, 1)
    return play


async def recently_played(
    session: AsyncSession, user: User, params: PageParams
) -> Page[RecentPlayRead]:
    """One page of the user's listens, newest first."""
    total = await repository.count_for_user(session, user.id)
    rows = await repository.recent_for_user(session, user.id, params.limit, params.offset)
    songs = await bodies.songs_by_id(session, [song_id for song_id, _ in rows])
    items = [
        RecentPlayRead(song=songs[song_id], played_at=played_at)
        for song_id, played_at in rows
        if song_id in songs
    ]
    return params.page(items, total)
