"""Read and change the database behind the API, to check effects and age tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update

from fastfm.auth.models import RefreshToken
from fastfm.auth.security import hash_refresh_token
from fastfm.users.models import User
from tests.conftest import Profile


async def users(profile: Profile) -> list[User]:
    async with profile.session() as session:
        return list(await session.scalars(select(User).order_by(User.id)))


async def user_count(profile: Profile) -> int:
    async with profile.session() as session:
        return int(await session.scalar(select(func.count()).select_from(User)) or 0)


async def get_user(profile: Profile, user_id: int) -> User | None:
    async with profile.session() as session:
        return await session.get(User, user_id)


async def refresh_tokens(profile: Profile, user_id: int | None = None) -> list[RefreshToken]:
    query = select(RefreshToken).order_by(RefreshToken.id)
    if user_id is not None:
        query = query.where(RefreshToken.user_id == user_id)
    async with profile.session() as session:
        return list(await session.scalars(query))


async def token_row(profile: Profile, raw_token: str) -> RefreshToken | None:
    async with profile.session() as session:
        return await session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(raw_token))
        )


async def set_token_times(profile: Profile, raw_token: str, **values: datetime) -> None:
    """Move ``expires_at`` / ``family_expires_at`` of one stored refresh token."""
    async with profile.session() as session, session.begin():
        await session.execute(
            update(RefreshToken)
            .where(RefreshToken.token_hash == hash_refresh_token(raw_token))
            .values(**values)
        )


async def set_user(profile: Profile, user_id: int, **values: Any) -> None:
    async with profile.session() as session, session.begin():
        await session.execute(update(User).where(User.id == user_id).values(**values))
