"""Album queries for writes: row locks, exact totals, the release date songs copy."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as t
from fastfm.db.dialect import id_in

al = t.album.c
s = t.song.c

_LOCK = (
    select(al.id, al.release_date)
    .where(id_in(al.id, "ids"))
    .order_by(al.id)
    .with_for_update(key_share=True)
)
_RECOMPUTE_TOTALS = (
    update(t.album)
    .where(id_in(al.id, "ids"))
    .values(
        track_count=select(func.count()).where(s.album_id == al.id).scalar_subquery(),
        total_duration_ms=select(func.coalesce(func.sum(s.duration_ms), 0))
        .where(s.album_id == al.id)
        .scalar_subquery(),
    )
)


async def lock_albums(session: AsyncSession, album_ids: Collection[int]) -> dict[int, date | None]:
    """Lock albums whose songs are about to change; returns their release dates by id.

    ``FOR NO KEY UPDATE`` in id order: writers touching the same album take turns (so
    each recount sees the others' committed songs) without blocking the key-share locks
    of foreign-key checks, and without deadlocking each other.
    """
    if not album_ids:
        return {}
    result = await session.execute(_LOCK, {"ids": sorted(album_ids)})
    return {row[0]: row[1] for row in result}


async def recompute_totals(session: AsyncSession, album_ids: Collection[int]) -> None:
    """Set ``track_count`` and ``total_duration_ms`` from the albums' songs as they are now."""
    if album_ids:
        await session.execute(_RECOMPUTE_TOTALS, {"ids": sorted(album_ids)})


async def copy_release_date(
    session: AsyncSession, album_id: int, release_date: date | None
) -> None:
    """Give every song of the album the album's release date."""
    await session.execute(
        update(t.song).where(s.album_id == album_id).values(release_date=release_date)
    )


async def has_songs(session: AsyncSession, album_id: int) -> bool:
    return bool(
        (await session.execute(select(exists().where(s.album_id == album_id)))).scalar_one()
    )
