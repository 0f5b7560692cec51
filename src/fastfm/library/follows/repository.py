"""Queries on follows of artists and users, and on the follower counters they keep exact."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.library.follows.models import ArtistFollow, UserFollow
from fastfm.library.inserts import insert_unless_present
from fastfm.users.models import User


async def follow_artist(session: AsyncSession, user_id: int, artist_id: int) -> bool:
    """``True`` when this call added the follow."""
    return await insert_unless_present(
        session, ArtistFollow, {"user_id": user_id, "artist_id": artist_id}
    )


async def unfollow_artist(session: AsyncSession, user_id: int, artist_id: int) -> bool:
    """``True`` when there was a follow to remove."""
    result = await session.execute(
        delete(ArtistFollow)
        .where(ArtistFollow.user_id == user_id, ArtistFollow.artist_id == artist_id)
        .returning(ArtistFollow.artist_id)
    )
    return result.first() is not None


async def follow_user(session: AsyncSession, follower_id: int, followee_id: int) -> bool:
    """``True`` when this call added the follow."""
    return await insert_unless_present(
        session, UserFollow, {"follower_id": follower_id, "followee_id": followee_id}
    )


async def unfollow_user(session: AsyncSession, follower_id: int, followee_id: int) -> bool:
    """``True`` when there was a follow to remove."""
    result = await session.execute(
        delete(UserFollow)
        .where(UserFollow.follower_id == follower_id, UserFollow.followee_id == followee_id)
        .returning(UserFollow.followee_id)
    )
    return result.first() is not None


async def count_followed_artists(session: AsyncSession, user_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(ArtistFollow).where(ArtistFollow.user_id == user_id)
    )
    return int(total or 0)


async def page_of_followed_artists(
    session: AsyncSession, user_id: int, limit: int, offset: int
) -> list[int]:
    """Artist ids the user follows, most recently followed first (ties by artist id)."""
    rows = await session.scalars(
        select(ArtistFollow.artist_id)
        .where(ArtistFollow.user_id == user_id)
        .order_by(ArtistFollow.followed_at.desc(), ArtistFollow.artist_id.asc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows)


async def count_followed_users(session: AsyncSession, user_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(UserFollow).where(UserFollow.follower_id == user_id)
    )
    return int(total or 0)


async def page_of_followed_users(
    session: AsyncSession, user_id: int, limit: int, offset: int
) -> list[User]:
    """Users the user follows, most recently followed first (ties by user id)."""
    rows = await session.scalars(
        select(User)
        .join(UserFollow, UserFollow.followee_id == User.id)
        .where(UserFollow.follower_id == user_id)
        .order_by(UserFollow.followed_at.desc(), User.id.asc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows)
