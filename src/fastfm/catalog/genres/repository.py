"""Genre queries for writes."""

from __future__ import annotations

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as t
from fastfm.catalog.genres.models import Genre


async def get_for_update(session: AsyncSession, genre_id: int) -> Genre | None:
    """The row, locked until commit (``FOR UPDATE``; SQLite runs one writer anyway)."""
    query = (
        select(Genre)
        .where(Genre.id == genre_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return await session.scalar(query)


async def name_or_slug_taken(
    session: AsyncSession, name_key: str, slug: str, *, other_than: int | None = None
) -> bool:
    """Whether another genre has this (case-folded) name or this slug."""
    query = select(Genre.id).where(or_(Genre.name_key == name_key, Genre.slug == slug))
    if other_than is not None:
        query = query.where(Genre.id != other_than)
    return (await session.execute(query.limit(1))).first() is not None


async def is_linked(session: AsyncSession, genre_id: int) -> bool:
    """Whether any artist, album or song still links to the genre."""
    links = [
        exists().where(link.c.genre_id == genre_id)
        for link in (t.artist_genre, t.album_genre, t.song_genre)
    ]
    query = select(or_(*links))
    return bool((await session.execute(query)).scalar_one())
