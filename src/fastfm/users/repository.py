"""Queries on user accounts. Emails and usernames are stored lowercased."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, exists, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from fastfm.users.models import User


async def get_by_id(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)


async def get_by_username(session: AsyncSession, username: str) -> User | None:
    return await session.scalar(select(User).where(User.username == username.lower()))


async def get_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == email.lower()))


async def get_by_login(session: AsyncSession, login: str) -> User | None:
    """The account a login name refers to: an email if it has an ``@``, else a username."""
    if "@" in login:
        return await get_by_email(session, login)
    return await get_by_username(session, login)


async def email_taken(session: AsyncSession, email: str, *, except_id: int | None = None) -> bool:
    query = select(User.id).where(User.email == email.lower())
    if except_id is not None:
        query = query.where(User.id != except_id)
    return bool(await session.scalar(select(exists(query))))


async def username_taken(
    session: AsyncSession, username: str, *, except_id: int | None = None
) -> bool:
    query = select(User.id).where(User.username == username.lower())
    if except_id is not None:
        query = query.where(User.id != except_id)
    return bool(await session.scalar(select(exists(query))))


def add(session: AsyncSession, user: User) -> None:
    session.add(user)


async def delete(session: AsyncSession, user: User) -> None:
    await session.delete(user)


async def lock(session: AsyncSession, user_id: int) -> bool:
    """Take the account's row lock until commit; ``False`` if the account is gone.

    Token changes of one account (refresh, logout, logout-all, password change) take
    it first, so they run one at a time on PostgreSQL; SQLite serializes writers anyway.
    """
    locked = await session.scalar(select(User.id).where(User.id == user_id).with_for_update())
    return locked is not None


async def get_token_version(session: AsyncSession, user_id: int) -> int | None:
    """The account's current token version, read fresh (not from the identity map)."""
    return await session.scalar(select(User.token_version).where(User.id == user_id))


async def add_to_follower_count(session: AsyncSession, user_id: int, delta: int) -> None:
    await session.execute(
        update(User).where(User.id == user_id).values(follower_count=User.follower_count + delta)
    )


async def subtract_one_follower(session: AsyncSession, user_ids: Select[int]) -> None:
    await session.execute(
        update(User).where(User.id.in_(user_ids)).values(follower_count=User.follower_count - 1),
        execution_options={"synchronize_session": False},
    )


async def ref(session: AsyncSession, user_id: int) -> tuple[int, str, str | None] | None:
    """The account's id, username and display name."""
    query = select(User.id, User.username, User.display_name).where(User.id == user_id)
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1], row[2])


async def refs(connection: AsyncConnection, user_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """``{"id", "username", "display_name"}`` of each account still there (one statement)."""
    query = select(User.id, User.username, User.display_name).where(User.id.in_(set(user_ids)))
    rows = await connection.execute(query)
    return {r[0]: {"id": r[0], "username": r[1], "display_name": r[2]} for r in rows}
