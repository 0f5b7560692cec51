"""Pages of a list for many owners at once: one windowed statement per (limit, offset)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

# (owner id, limit, offset): one page of one owner's list.
PageKey = tuple[int, int, int]


async def owner_pages(
    connection: AsyncConnection,
    keys: Sequence[PageKey],
    owner: Any,
    item: Any,
    order: Sequence[Any],
    extra: Sequence[Any] = (),
) -> dict[PageKey, list[Any]]:
    """Rows ``(owner, item, rank, *extra)`` of each key's page, in ``order`` per owner."""
    by_window: dict[tuple[int, int], set[int]] = defaultdict(set)
    for owner_id, limit, offset in keys:
        by_window[(limit, offset)].add(owner_id)
    found: dict[PageKey, list[Any]] = {key: [] for key in keys}
    for (limit, offset), owners in by_window.items():
        rank = func.row_number().over(partition_by=owner, order_by=list(order)) - 1
        ranked = select(owner.label("owner"), item.label("item"), rank.label("rank"), *extra)
        inner = ranked.where(owner.in_(owners)).subquery()
        query = (
            select(inner)
            .where(inner.c.rank >= offset, inner.c.rank < offset + limit)
            .order_by(inner.c.owner, inner.c.rank)
        )
        for row in await connection.execute(query):
            found[(row[0], limit, offset)].append(row)
    return found
