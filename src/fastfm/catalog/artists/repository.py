"""Artist queries for writes."""

from __future__ import annotations

from sqlalchemy import Select, delete, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as t
from fastfm.catalog.artists.models import Artist


async def get_for_update(session: AsyncSession, artist_id: int) -> Artist | None:
    """The row, locked until commit (``FOR UPDATE``; SQLite runs one writer anyway)."""
    query = (
        select(Artist)
        .where(Artist.id == artist_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return await session.scalar(query)


async def is_referenced(session: AsyncSession, artist_id: int) -> bool:
    """Whether any song, album or credit still names the artist."""
    references = [
        exists().where(t.song_artist.c.artist_id == artist_id),
        exists().where(t.album_artist.c.artist_id == artist_id),
        exists().where(t.credit.c.artist_id == artist_id),
    ]
    return bool((await session.execute(select(or_(*references)))).scalar_one())


async def delete_artist(session: AsyncSession, artist_id: int) -> None:
    """Delete the row; its genre links go with it (ON DELETE CASCADE)."""
    await session.execute(delete(t.artist).where(t.artist.c.id == artist_id))


async def add_to_follower_count(session: AsyncSession, artist_id: int, delta: int) -> None:
    await session.execute(
        update(Artist)
        .where(Artist.id == artist_id)
        .values(follower_count=Artist.follower_count + delta)
    )


async def subtract_one_follower(session: AsyncSession, artist_ids: Select[int]) -> None:
    await session.execute(
        update(Artist)
        .where(Artist.id.in_(artist_ids))
        .values(follower_count=Artist.follower_count - 1),
        execution_options={"synchronize_session": False},
    )
