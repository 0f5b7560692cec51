"""Queries on refresh tokens. Every write is a single statement, so races resolve in SQL."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.auth.models import RefreshToken
from fastfm.users.models import User


@dataclass(frozen=True, slots=True)
class RotatedToken:
    """The parts of a just-rotated token its successor inherits."""

    user_id: int
    family_id: str
    family_expires_at: datetime


def add(session: AsyncSession, token: RefreshToken) -> None:
    session.add(token)


async def get_by_hash(session: AsyncSession, token_hash: str) -> RefreshToken | None:
    return await session.scalar(select(RefreshToken).where(RefreshToken.token_hash == token_hash))


async def mark_rotated_if_usable(
    session: AsyncSession, token_hash: str, now: datetime
) -> RotatedToken | None:
    """Compare-and-set: mark the token rotated only if it is still live; ``None`` otherwise.

    One UPDATE with the liveness test in its WHERE clause: PostgreSQL re-checks the
    clause after waiting on a concurrent writer's row lock, and SQLite serializes
    writers, so of two concurrent refreshes of one token exactly one gets the row.
    """
    statement = (
        update(RefreshToken)
        .where(
            RefreshToken.token_hash == token_hash,
            RefreshToken.rotated_at.is_(None),
            RefreshToken.revoked_at.is_(None),
            RefreshToken.expires_at > now,
            RefreshToken.family_expires_at > now,
        )
        .values(rotated_at=now)
        .returning(RefreshToken.user_id, RefreshToken.family_id, RefreshToken.family_expires_at)
        .execution_options(synchronize_session=False)
    )
    row = (await session.execute(statement)).one_or_none()
    if row is None:
        return None
    return RotatedToken(
        user_id=row.user_id, family_id=row.family_id, family_expires_at=row.family_expires_at
    )


async def revoke_family(session: AsyncSession, family_id: str, now: datetime) -> None:
    """Revoke every live token of one login."""
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )


async def revoke_all_for_user(
    session: AsyncSession, user_id: int, now: datetime, *, except_family: str | None = None
) -> None:
    """Revoke every live token of a user, optionally sparing one login."""
    statement = update(RefreshToken).where(
        RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None)
    )
    if except_family is not None:
        statement = statement.where(RefreshToken.family_id != except_family)
    await session.execute(
        statement.values(revoked_at=now).execution_options(synchronize_session=False)
    )


async def get_user_id(session: AsyncSession, token_hash: str) -> int | None:
    """Whose token this is, without loading it (the row may change before we lock)."""
    return await session.scalar(
        select(RefreshToken.user_id).where(RefreshToken.token_hash == token_hash)
    )


async def get_user_with_live_family(
    session: AsyncSession, user_id: int, family_id: str
) -> User | None:
    """The user, if the login (family) an access token belongs to is still theirs and live."""
    live_family = exists().where(
        RefreshToken.user_id == User.id,
        RefreshToken.family_id == family_id,
        RefreshToken.revoked_at.is_(None),
    )
    return await session.scalar(select(User).where(User.id == user_id, live_family))


async def live_logins(
    session: AsyncSession, logins: Collection[tuple[int, str]]
) -> dict[tuple[int, str], int]:
    """Of ``(user id, login family)`` pairs, those still live, with the account's token version."""
    if not logins:
        return {}
    query = (
        select(RefreshToken.user_id, RefreshToken.family_id, User.token_version)
        .join(User, User.id == RefreshToken.user_id)
        .where(
            tuple_(RefreshToken.user_id, RefreshToken.family_id).in_(list(set(logins))),
            RefreshToken.revoked_at.is_(None),
        )
        .distinct()
    )
    return {(row[0], row[1]): row[2] for row in await session.execute(query)}
