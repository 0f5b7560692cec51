"""Every query of the parties domain (other domains' tables are read through their
services)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.parties.models import Party


def add(session: AsyncSession, party: Party) -> None:
    session.add(party)


async def get(session: AsyncSession, party_id: int) -> Party | None:
    party: Party | None = await session.get(Party, party_id)
    return party


async def get_by_code(session: AsyncSession, join_code: str) -> Party | None:
    party: Party | None = await session.scalar(select(Party).where(Party.join_code == join_code))
    return party


async def code_taken(session: AsyncSession, join_code: str) -> bool:
    found = await session.scalar(select(Party.id).where(Party.join_code == join_code))
    return found is not None


async def delete_party(session: AsyncSession, party_id: int) -> None:
    await session.execute(delete(Party).where(Party.id == party_id))


async def playlist_ids(session: AsyncSession, party_ids: Collection[int]) -> dict[int, int]:
    """Each party still there, with its playlist's id."""
    if not party_ids:
        return {}
    query = select(Party.id, Party.playlist_id).where(Party.id.in_(set(party_ids)))
    return {row[0]: row[1] for row in await session.execute(query)}
