"""Does the song, artist or user a client named exist? Ids out of key range never do."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.artists.models import Artist
from fastfm.catalog.songs.models import Song
from fastfm.users.models import User

# song.id, artist.id and user_account.id are INTEGER columns; PostgreSQL refuses a
# larger parameter outright, so such an id is simply unknown (404), never a 500.
MAX_ID = 2**31 - 1


def is_possible_id(value: int) -> bool:
    return 1 <= value <= MAX_ID


async def song_exists(session: AsyncSession, song_id: int) -> bool:
    if not is_possible_id(song_id):
        return False
    return await session.scalar(select(Song.id).where(Song.id == song_id)) is not None


async def artist_exists(session: AsyncSession, artist_id: int) -> bool:
    if not is_possible_id(artist_id):
        return False
    return await session.scalar(select(Artist.id).where(Artist.id == artist_id)) is not None


async def user_exists(session: AsyncSession, user_id: int) -> bool:
    if not is_possible_id(user_id):
        return False
    return await session.scalar(select(User.id).where(User.id == user_id)) is not None
