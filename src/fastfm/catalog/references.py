"""Checks that ids named in a write body exist, before anything is written."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as t
from fastfm.db.dialect import id_in
from fastfm.errors import UnprocessableEntity

_EXISTING = {
    table.name: select(table.c.id).where(id_in(table.c.id, "ids"))
    for table in (t.artist, t.album, t.genre, t.song)
}


async def existing_ids(session: AsyncSession, table: Table, ids: Sequence[int]) -> set[int]:
    """Which of ``ids`` are rows of ``table``."""
    if not ids:
        return set()
    result = await session.execute(_EXISTING[table.name], {"ids": list(ids)})
    return set(result.scalars())


async def require_ids(session: AsyncSession, table: Table, ids: Sequence[int], field: str) -> None:
    """422 naming ``field`` when any of ``ids`` is not a row of ``table``."""
    missing = sorted(set(ids) - await existing_ids(session, table, ids))
    if missing:
        listed = ", ".join(str(i) for i in missing)
        raise UnprocessableEntity(
            field, f"Unknown {table.name} id(s): {listed}", input_value=missing
        )
