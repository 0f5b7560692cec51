"""Queries on liked songs and on the like counter they keep exact."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Exists, Select, Subquery, Table, delete, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables
from fastfm.kit.sorting import SortKey, order_by
from fastfm.library.inserts import insert_unless_present
from fastfm.library.likes.models import SongLike

_LIKES: Table = SongLike.__table__  # type: ignore[assignment]
SORT_COLUMNS: dict[str, ColumnElement[object]] = {"liked_at": _LIKES.c.liked_at}


def likes_of(user_id: ColumnElement[int]) -> Subquery:
    return (
        select(_LIKES.c.song_id, _LIKES.c.liked_at)
        .where(_LIKES.c.user_id == user_id)
        .subquery("liked")
    )


def has_like(user_id: ColumnElement[int], song_id: ColumnElement[int]) -> Exists:
    return exists().where(_LIKES.c.user_id == user_id, _LIKES.c.song_id == song_id)


async def insert(session: AsyncSession, user_id: int, song_id: int, liked_at: datetime) -> bool:
    """Like a song unless already liked; ``True`` when this call added the like."""
    return await insert_unless_present(
        session, SongLike, {"user_id": user_id, "song_id": song_id, "liked_at": liked_at}
    )


async def delete_one(session: AsyncSession, user_id: int, song_id: int) -> bool:
    """Remove a like; ``True`` when there was one."""
    result = await session.execute(
        delete(SongLike)
        .where(SongLike.user_id == user_id, SongLike.song_id == song_id)
        .returning(SongLike.song_id)
    )
    return result.first() is not None


async def liked_at(session: AsyncSession, user_id: int, song_id: int) -> datetime | None:
    return await session.scalar(
        select(SongLike.liked_at).where(SongLike.user_id == user_id, SongLike.song_id == song_id)
    )


async def count_for_user(session: AsyncSession, user_id: int) -> int:
    total = await session.scalar(
        select(func.count()).select_from(SongLike).where(SongLike.user_id == user_id)
    )
    return int(total or 0)


async def page_for_user(
    session: AsyncSession, user_id: int, keys: Sequence[SortKey], limit: int, offset: int
) -> list[tuple[int, datetime]]:
    """``(song_id, liked_at)`` of one page of a user's likes in the order asked."""
    if any(key.field == "title" for key in keys):
        query = _page_by_title(user_id, keys)
    else:
        # Walks (user_id, liked_at, song_id) and stops after the page.
        query = (
            select(_LIKES.c.song_id, _LIKES.c.liked_at)
            .where(_LIKES.c.user_id == user_id)
            .order_by(*order_by(keys, SORT_COLUMNS, _LIKES.c.song_id))
        )
    rows = await session.execute(query.limit(limit).offset(offset))
    return [(song_id, liked_at) for song_id, liked_at in rows]


def _page_by_title(user_id: int, keys: Sequence[SortKey]) -> Select[int, datetime]:
    # Start from the user's likes, then look their songs up: otherwise PostgreSQL may
    # walk the whole song title index probing each song for this user's like.
    liked = (
        select(_LIKES.c.song_id, _LIKES.c.liked_at)
        .where(_LIKES.c.user_id == user_id)
        .cte("liked")
        .prefix_with("MATERIALIZED", dialect="postgresql")
    )
    columns: dict[str, ColumnElement[object]] = {
        "liked_at": liked.c.liked_at,
        "title": tables.song.c.title,
    }
    return (
        select(liked.c.song_id, liked.c.liked_at)
        .join(tables.song, tables.song.c.id == liked.c.song_id)
        .order_by(*order_by(keys, columns, liked.c.song_id))
    )


async def liked_among(session: AsyncSession, user_id: int, song_ids: Sequence[int]) -> set[int]:
    """Which of ``song_ids`` the user likes."""
    rows = await session.scalars(
        select(SongLike.song_id).where(
            SongLike.user_id == user_id, SongLike.song_id.in_(set(song_ids))
        )
    )
    return set(rows)
