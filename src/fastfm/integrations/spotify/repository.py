"""Every query on Spotify links and pending authorization states."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.integrations.spotify.models import SpotifyAuthState, SpotifyLink


async def add_state(session: AsyncSession, state: SpotifyAuthState) -> None:
    session.add(state)
    await session.flush()


async def delete_expired_states(session: AsyncSession, user_id: int, now: datetime) -> None:
    await session.execute(
        delete(SpotifyAuthState).where(
            SpotifyAuthState.user_id == user_id, SpotifyAuthState.expires_at < now
        )
    )


async def take_state(session: AsyncSession, state_hash: str) -> SpotifyAuthState | None:
    """Remove and return a pending state: whoever deletes it first is the only one to use it."""
    statement = (
        delete(SpotifyAuthState)
        .where(SpotifyAuthState.state_hash == state_hash)
        .returning(SpotifyAuthState)
    )
    return (await session.execute(statement)).scalars().first()


async def get_link(session: AsyncSession, user_id: int) -> SpotifyLink | None:
    return await session.get(SpotifyLink, user_id, populate_existing=True)


async def delete_link(session: AsyncSession, user_id: int) -> None:
    await session.execute(delete(SpotifyLink).where(SpotifyLink.user_id == user_id))
    await session.execute(delete(SpotifyAuthState).where(SpotifyAuthState.user_id == user_id))
