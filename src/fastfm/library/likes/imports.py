"""Likes brought in from another service (Spotify's saved tracks), keeping like_count exact."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.songs import service as song_service
from fastfm.library.likes.models import SongLike


async def import_likes(
    session: AsyncSession, user_id: int, liked: Sequence[tuple[int, datetime]]
) -> int:
    """Like each ``(song_id, liked_at)`` not liked yet; returns how many were new.

    ``liked_at`` is when the song was saved there, so the liked list keeps that order.
    A song liked already keeps its like (and its date).
    """
    rows = dict(liked)
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(SongLike)
        .on_conflict_do_nothing(index_elements=["user_id", "song_id"])
        .returning(SongLike.song_id)
    )
    values = [{"user_id": user_id, "song_id": s, "liked_at": w} for s, w in rows.items()]
    added = sorted(row[0] for row in await session.execute(statement, values))
    await song_service.add_one_like_each(session, added)
    return len(added)
