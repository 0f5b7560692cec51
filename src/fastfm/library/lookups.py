"""Does the song, artist or user a client named exist? Ids out of key range never do.

Routes refuse such ids (422, see kit.ids); the check here keeps a caller inside the code
(a service, the CLI) from sending PostgreSQL a parameter its INTEGER column refuses.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.artists.models import Artist
from fastfm.catalog.songs.models import Song
from fastfm.kit.ids import is_storable_id
from fastfm.users.models import User


async def song_exists(session: AsyncSession, song_id: int) -> bool:
    if not is_storable_id(song_id):
        return False
    return await session.scalar(select(Song.id).where(Song.id == song_id)) is not None


async def artist_exists(session: AsyncSession, artist_id: int) -> bool:
    if not is_storable_id(artist_id):
        return False
    return await session.scalar(select(Artist.id).where(Artist.id == artist_id)) is not None


async def user_exists(session: AsyncSession, user_id: int) -> bool:
    if not is_storable_id(user_id):
        return False
    return await session.scalar(select(User.id).where(User.id == user_id)) is not None
