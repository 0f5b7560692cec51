"""Liking and unliking songs, keeping ``song.like_count`` exact."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Exists, Subquery
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.exceptions import SongNotFound
from fastfm.catalog.songs import service as song_service
from fastfm.db.base import utcnow
from fastfm.kit.ids import is_storable_id
from fastfm.kit.pagination import Page, PageParams
from fastfm.kit.sorting import SortKey
from fastfm.library import bodies
from fastfm.library.likes import imports, repository
from fastfm.library.likes.schemas import LikedSongRead
from fastfm.library.lookups import song_exists
from fastfm.users.models import User


async def like_song(session: AsyncSession, user: User, song_id: int) -> tuple[LikedSongRead, bool]:
    """Add a song to the user's likes; the flag says whether this call added it.

    404 ``song_not_found`` for an unknown song.
    """
    await _require_song(session, song_id)
    now = utcnow()
    while True:
        if await repository.insert(session, user.id, song_id, now):
            await song_service.add_to_like_count(session, song_id, 1)
            liked_at, created = now, True
            break
        existing = await repository.liked_at(session, user.id, song_id)
        # None only if a concurrent unlike removed it between the two statements.
        if existing is not None:
            liked_at, created = existing, False
            break
    songs = await bodies.songs_by_id(session, [song_id])
    return LikedSongRead(song=songs[song_id], liked_at=liked_at), created


async def unlike_song(session: AsyncSession, user: User, song_id: int) -> None:
    """Remove a song from the user's likes if it is there; 404 for an unknown song."""
    await _require_song(session, song_id)
    if await repository.delete_one(session, user.id, song_id):
        await song_service.add_to_like_count(session, song_id, -1)


async def list_liked_songs(
    session: AsyncSession, user: User, params: PageParams, keys: Sequence[SortKey]
) -> Page[LikedSongRead]:
    """One page of the user's liked songs in the order asked."""
    total = await repository.count_for_user(session, user.id)
    rows = await repository.page_for_user(session, user.id, keys, params.limit, params.offset)
    songs = await bodies.songs_by_id(session, [song_id for song_id, _ in rows])
    items = [
        LikedSongRead(song=songs[song_id], liked_at=liked_at)
        for song_id, liked_at in rows
        if song_id in songs
    ]
    return params.page(items, total)


async def liked_flags(session: AsyncSession, user: User, song_ids: Sequence[int]) -> list[bool]:
    """For each id in order, whether the user likes that song (unknown songs: false)."""
    possible = [song_id for song_id in song_ids if is_storable_id(song_id)]
    liked = await repository.liked_among(session, user.id, possible) if possible else set()
    return [song_id in liked for song_id in song_ids]


async def _require_song(session: AsyncSession, song_id: int) -> None:
    if not await song_exists(session, song_id):
        raise SongNotFound()


# Parts of statements other domains build around likes (shuffle over the liked songs).


def likes_of(user_id: ColumnElement[int]) -> Subquery:
    """The user's likes as a subquery of ``(song_id, liked_at)``."""
    return repository.likes_of(user_id)


def has_like(user_id: ColumnElement[int], song_id: ColumnElement[int]) -> Exists:
    """Whether the user (still) likes the song."""
    return repository.has_like(user_id, song_id)


async def import_likes(
    session: AsyncSession, user_id: int, liked: Sequence[tuple[int, datetime]]
) -> int:
    """Likes from another service, dated when saved there; returns how many were new."""
    return await imports.import_likes(session, user_id, liked)
