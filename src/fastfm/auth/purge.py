"""Removing refresh-token rows nothing can use any more.

A login (family) gains a row per refresh, and rows were never removed. A row is kept as
long as it decides anything:

- a family with a row that is neither revoked nor expired keeps its access tokens alive
  (they check that such a row exists); it stays, except for rotated rows past their own
  idle expiry: presenting one could no longer refresh anything, so a replay of it is not
  worth detecting;
- a family whose rows are all revoked (logout, password change, detected replay), or
  whose last token expired (idle or absolute) longer ago than an access token lives, has
  no token left that works: all its rows go.

Run it daily: ``fastfm tokens purge``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.auth.models import RefreshToken as T


async def purge_refresh_tokens(
    session: AsyncSession, now: datetime, access_token_lifetime: timedelta
) -> int:
    """Delete the rows described above; returns how many went."""
    cutoff = now - access_token_lifetime
    dead_families = (
        select(T.family_id)
        .group_by(T.family_id)
        .having(
            or_(
                func.count(T.revoked_at) == func.count(),
                func.max(T.expires_at) < cutoff,
                func.max(T.family_expires_at) < cutoff,
            )
        )
    )
    stale = or_(
        T.family_id.in_(dead_families),
        and_(T.rotated_at.is_not(None), T.expires_at < cutoff),
    )
    result = await session.execute(delete(T).where(stale))
    deleted: int = result.rowcount  # type: ignore[attr-defined]
    return deleted
