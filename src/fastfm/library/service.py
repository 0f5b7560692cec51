"""What the library does when an account goes."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.library import repository


async def delete_user_library(session: AsyncSession, user_id: int) -> None:
    """Remove a user's likes, plays and follows (both ways) and what they added to counters."""
    await repository.lock_user(session, user_id)
    await repository.uncount_likes(session, user_id)
    await repository.uncount_plays(session, user_id)
    await repository.uncount_follows(session, user_id)
    await repository.delete_rows(session, user_id)
