"""Exact totals and deep pages of big tables without counting rows at request time.

On PostgreSQL, statement-level triggers (migration 0002) keep, for ``artist``, ``album``
and ``song``, how many rows each block of 4096 consecutive ids holds: every INSERT or
DELETE statement appends ``(table, block, ±rows)`` and folds the rows of the blocks it
touched into one, skipping rows another writer is folding (``SKIP LOCKED``), so writers
never wait for each other. Summing a few hundred rows then gives

- the unfiltered total (``count(*)`` over a million rows costs ~100 ms; this ~0.1 ms);
- the block holding the row at any offset in id order, so ``OFFSET 900000`` only skips
  the rows inside one block instead of 900,000 index entries.

SQLite (the embedded profile) has no statement triggers; there the table stays empty
and lists count and skip directly, which is cheap at the sizes it serves.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Index,
    Integer,
    Select,
    String,
    Table,
    bindparam,
    cast,
    func,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column

from fastfm.db.base import Base

BLOCK_BITS = 12
BLOCK_SIZE = 1 << BLOCK_BITS
COUNTED_TABLES = ("artist", "album", "song")


class IdBlockCount(Base):
    """Rows a statement added (+) or removed (-) in one block of ids of a counted table."""

    __tablename__ = "id_block_count"
    __table_args__ = (Index("ix_id_block_count_table_name_block", "table_name", "block"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True
    )
    table_name: Mapped[str] = mapped_column(String(63))
    # id >> BLOCK_BITS
    block: Mapped[int] = mapped_column(Integer)
    delta: Mapped[int] = mapped_column(BigInteger)


_blocks = IdBlockCount.__table__.c


def counted_total(table: Table) -> Select[Any]:
    """``SELECT`` the exact row count of a counted table (PostgreSQL only)."""
    return (
        select(func.coalesce(func.sum(_blocks.delta), 0))
        .where(_blocks.table_name == table.name)
        .correlate(None)
    )


def page_of_ids_in_id_order(table: Table) -> Select[Any]:
    """``SELECT id … ORDER BY id LIMIT :limit OFFSET :offset`` that starts at the block
    holding the row at ``offset``, so it skips fewer than ``BLOCK_SIZE`` index entries."""
    offset = bindparam("offset", type_=Integer)
    per_block = (
        select(_blocks.block, func.sum(_blocks.delta).label("rows"))
        .where(_blocks.table_name == table.name)
        .group_by(_blocks.block)
        .subquery("per_block")
    )
    running = select(
        per_block.c.block,
        per_block.c.rows,
        func.sum(per_block.c.rows).over(order_by=per_block.c.block).label("through"),
    ).subquery("running")
    start = (
        select(running.c.block, (running.c.through - running.c.rows).label("before"))
        .where(running.c.through > offset)
        .order_by(running.c.block)
        .limit(1)
        .cte("start_block")
    )
    first_id = select(start.c.block.op("<<")(BLOCK_BITS)).scalar_subquery()
    skip = select(cast(offset - start.c.before, Integer)).scalar_subquery()
    return (
        select(table.c.id)
        .where(table.c.id >= first_id)
        .order_by(table.c.id)
        .limit(bindparam("limit", type_=Integer))
        .offset(skip)
        .correlate(None)
    )
