"""Statements that undo one user's whole library: what it fed to counters, and its rows."""

from __future__ import annotations

from sqlalchemy import Select, Subquery, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.library.follows.models import ArtistFollow, UserFollow
from fastfm.library.likes.models import SongLike
from fastfm.library.plays.models import Play

_NO_SYNC = {"synchronize_session": False}


def liked_song_ids(user_id: int) -> Select[int]:
    return select(SongLike.song_id).where(SongLike.user_id == user_id)


def plays_per_song(user_id: int) -> Subquery:
    """``(song_id, n)``: how many listens of each song the user recorded."""
    return (
        select(Play.song_id, func.count().label("n"))
        .where(Play.user_id == user_id)
        .group_by(Play.song_id)
        .subquery("plays")
    )


def followed_artist_ids(user_id: int) -> Select[int]:
    return select(ArtistFollow.artist_id).where(ArtistFollow.user_id == user_id)


def followed_user_ids(user_id: int) -> Select[int]:
    return select(UserFollow.followee_id).where(UserFollow.follower_id == user_id)


async def delete_rows(session: AsyncSession, user_id: int) -> None:
    for statement in (
        delete(SongLike).where(SongLike.user_id == user_id),
        delete(Play).where(Play.user_id == user_id),
        delete(ArtistFollow).where(ArtistFollow.user_id == user_id),
        delete(UserFollow).where(
            or_(UserFollow.follower_id == user_id, UserFollow.followee_id == user_id)
        ),
    ):
        await session.execute(statement, execution_options=_NO_SYNC)
