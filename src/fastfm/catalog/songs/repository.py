"""Song queries for writes."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as t
from fastfm.catalog.songs.models import Song


async def get_for_update(session: AsyncSession, song_id: int) -> Song | None:
    return await session.get(Song, song_id)


async def album_of(session: AsyncSession, song_id: int) -> tuple[bool, int | None]:
    """Whether the song exists, and its album id."""
    row = (await session.execute(select(t.song.c.album_id).where(t.song.c.id == song_id))).first()
    return (row is not None, None if row is None else row[0])


async def delete_song(session: AsyncSession, song_id: int) -> None:
    """Delete the row; its artist, genre and credit rows go with it (ON DELETE CASCADE)."""
    await session.execute(delete(t.song).where(t.song.c.id == song_id))
