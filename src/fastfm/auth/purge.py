"""Removing refresh-token rows nothing can use any more.

A login (family) gains a row per refresh, and rows were never removed. A login's rows
are kept, all of them, for as long as any token of it can work: its access tokens check
that a row of it is neither revoked nor expired, and every rotated row lets a replay of
that token (even one past its own idle expiry) be caught and the login revoked. A login
goes, with all its rows, once they are all revoked (logout, password change, detected
replay), or once its last token expired (idle or absolute) longer ago than an access
token lives. A live login thus keeps at most one row per refresh until its absolute
expiry.

Run it daily: ``fastfm tokens purge``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, select
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
    result = await session.execute(delete(T).where(T.family_id.in_(dead_families)))
    deleted: int = result.rowcount  # type: ignore[attr-defined]
    return deleted
