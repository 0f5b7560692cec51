"""Queries on listening history and on the play counter it keeps exact."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.library.plays.models import Play


async def add(
    session: AsyncSession, user_id: int, song_id: int, played_at: datetime, ms_played: int | None
) -> Play:
    play = Play(user_id=user_id, song_id=song_id, played_at=played_at, ms_played=ms_played)
    session.add(play)
    await session.flush()
    return play


async def count_for_user(session: AsyncSession, user_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Play).where(Play.user_id == user_id)
    )
    return int(total or 0)


async def recent_for_user(
    session: AsyncSession, user_id: int, limit: int, offset: int
) -> list[tuple[int, datetime]]:
    """``(song_id, played_at)`` newest first; equal times: the one recorded last first."""
    rows = await session.execute(
        select(Play.song_id, Play.played_at)
        .where(Play.user_id == user_id)
        .order_by(Play.played_at.desc(), Play.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [(song_id, played_at) for song_id, played_at in rows]
