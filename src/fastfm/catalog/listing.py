"""One statement per page: the page of ids in a subquery, its rows joined, the total beside.

Every catalog list runs through :func:`fetch_page`, so each list costs one round trip
(two only for a page past the end, which carries no row to bring the total along).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from sqlalchemy.sql.elements import UnaryExpression

from fastfm.kit.pagination import PageParams
from fastfm.kit.sorting import SortKey, order_by, parse_sort

Database = AsyncConnection | AsyncSession


@dataclass(frozen=True, slots=True)
class SortFields:
    """The fields a list sorts by, their columns, and which of them may be null."""

    columns: Mapping[str, ColumnElement[Any]]
    tie_breaker: ColumnElement[Any]
    nullable: frozenset[str] = frozenset()

    @property
    def names(self) -> list[str]:
        return list(self.columns)

    def describe(self) -> str:
        """The ``sort`` parameter's OpenAPI description."""
        return (
            f"Comma-separated fields of {', '.join(self.columns)}; prefix - for descending. "
            "Ties are broken by id; the default order is by id (the order things were added)."
        )

    def order(self, raw: str | None) -> list[UnaryExpression[Any]]:
        """ORDER BY clauses for a ``sort`` parameter (422 on an unknown field)."""
        keys: list[SortKey] = []
        if raw is not None and raw.strip():
            keys = parse_sort(raw, self.names, self.names[0])
        return order_by(keys, self.columns, self.tie_breaker, self.nullable)


def page_of_ids(
    table: Table,
    where: Sequence[ColumnElement[bool]],
    order: Sequence[UnaryExpression[Any]],
    page: PageParams,
) -> Select[Any]:
    """``SELECT id … ORDER BY … LIMIT … OFFSET …``: walks a (sort key, id) index, no joins."""
    return (
        select(table.c.id)
        .where(*where)
        .order_by(*order)
        .limit(page.limit)
        .offset(page.offset)
        .correlate(None)
    )


def count_of(table: Table, where: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """``SELECT count(*) FROM table WHERE …``."""
    return select(func.count()).select_from(table).where(*where).correlate(None)


@dataclass(frozen=True, slots=True)
class PageQuery:
    """What one list page needs: the row select, the page of ids, the order, the total."""

    rows: Select[Any]
    table: Table
    ids: Select[Any]
    order: Sequence[UnaryExpression[Any]]
    total: Select[Any]


async def fetch_page(
    db: Database, query: PageQuery, page: PageParams
) -> tuple[list[Sequence[Any]], int]:
    """The page's rows (in order) and the exact total, in one statement when the page has rows.

    The total is the statement's last column.
    """
    statement = (
        query.rows.add_columns(query.total.scalar_subquery().label("total"))
        .where(query.table.c.id.in_(query.ids))
        .order_by(*query.order)
    )
    rows: list[Sequence[Any]] = list((await db.execute(statement)).all())
    if rows:
        return rows, int(rows[0][-1])
    if page.offset == 0:
        return rows, 0
    return rows, int((await db.execute(query.total)).scalar_one())
