"""Statements that undo one user's whole library and the counters it fed."""

from __future__ import annotations

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.artists.models import Artist
from fastfm.catalog.songs.models import Song
from fastfm.library.follows.models import ArtistFollow, UserFollow
from fastfm.library.likes.models import SongLike
from fastfm.library.plays.models import Play
from fastfm.users.models import User

# Counters are fixed with set-based UPDATEs; nothing here is loaded into the session.
_NO_SYNC = {"synchronize_session": False}


async def lock_user(session: AsyncSession, user_id: int) -> None:
    """Hold the account row until commit.

    Every like, play or follow by or of the user checks its foreign key with a share
    lock on this row, so none can slip in between the counts taken back and the rows
    deleted. (SQLite runs one writer at a time anyway and ignores FOR UPDATE.)
    """
    await session.execute(select(User.id).where(User.id == user_id).with_for_update())


async def uncount_likes(session: AsyncSession, user_id: int) -> None:
    liked = select(SongLike.song_id).where(SongLike.user_id == user_id)
    await session.execute(
        update(Song).where(Song.id.in_(liked)).values(like_count=Song.like_count - 1),
        execution_options=_NO_SYNC,
    )


async def uncount_plays(session: AsyncSession, user_id: int) -> None:
    played = select(Play.song_id).where(Play.user_id == user_id)
    plays_of_song = (
        select(func.count())
        .select_from(Play)
        .where(Play.user_id == user_id, Play.song_id == Song.id)
        .scalar_subquery()
    )
    await session.execute(
        update(Song).where(Song.id.in_(played)).values(play_count=Song.play_count - plays_of_song),
        execution_options=_NO_SYNC,
    )


async def uncount_follows(session: AsyncSession, user_id: int) -> None:
    artists = select(ArtistFollow.artist_id).where(ArtistFollow.user_id == user_id)
    await session.execute(
        update(Artist)
        .where(Artist.id.in_(artists))
        .values(follower_count=Artist.follower_count - 1),
        execution_options=_NO_SYNC,
    )
    followees = select(UserFollow.followee_id).where(UserFollow.follower_id == user_id)
    await session.execute(
        update(User).where(User.id.in_(followees)).values(follower_count=User.follower_count - 1),
        execution_options=_NO_SYNC,
    )


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
