"""One statement per page: the page of ids in a subquery, its rows joined, the total beside.

Every catalog list runs through :func:`fetch_page`, so each list costs one round trip
(two for a page past the end, which carries no row to bring the total along, and for a
kept total whose revision has moved on).
Statements are built once per shape — which filters, which sort — with named parameters
(``limit``, ``offset`` and one per filter), and reused for every request of that shape.

A filtered list's total costs a count over every match; on PostgreSQL it is kept per
filter values with the catalog revision it was counted at (see catalog.revision), so the
same search again reads only its page and the revision.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from fastapi import Query
from sqlalchemy import ColumnElement, Engine, Integer, Select, Table, bindparam, func, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.elements import UnaryExpression

from fastfm.catalog.id_blocks import (
    BLOCK_SIZE,
    COUNTED_TABLES,
    counted_total,
    page_of_ids_in_id_order,
)
from fastfm.catalog.revision import TotalCache, current_revision, values_key
from fastfm.db.dialect import id_in_page, is_postgresql
from fastfm.db.reads import Reader, Row, cached
from fastfm.kit.pagination import PageParams
from fastfm.kit.sorting import SortKey, order_by, parse_sort, sort_pattern

__all__ = ["ListStatements", "Reader", "SortFields", "fetch_page", "list_statements"]

# One cache of kept totals per database (engine): revisions of different databases may
# coincide.
_totals: WeakKeyDictionary[Engine, TotalCache] = WeakKeyDictionary()


def _totals_of(engine: Engine) -> TotalCache:
    try:
        return _totals[engine]
    except KeyError:
        return _totals.setdefault(engine, TotalCache())


def kept_totals(db: Reader) -> TotalCache | None:
    """The totals kept for ``db``'s database; None where nothing may be kept (SQLite, or
    inside a write's transaction)."""
    if db.in_transaction or not is_postgresql(db.engine.dialect):
        return None
    return _totals_of(db.engine)


def forget_kept_totals(engine: AsyncEngine) -> None:
    """Drop the list totals kept for ``engine``'s database (tests start each from scratch)."""
    _totals.pop(engine.sync_engine, None)


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

    def pattern(self) -> str:
        """The ``sort`` parameter's values, as the schema states them."""
        return sort_pattern(self.names)

    def query(self) -> Any:
        """The ``sort`` query parameter: its description and its pattern."""
        return Query(description=self.describe(), json_schema_extra={"pattern": self.pattern()})

    def keys(self, raw: str | None) -> tuple[SortKey, ...]:
        """The parsed ``sort`` parameter (422 on an unknown field); () for the default."""
        if raw is None or not raw.strip():
            return ()
        return tuple(parse_sort(raw, self.names, self.names[0]))

    def order(self, keys: Sequence[SortKey]) -> list[UnaryExpression[Any]]:
        return order_by(keys, self.columns, self.tie_breaker, self.nullable)


def page_of_ids(
    table: Table, where: Sequence[ColumnElement[bool]], order: Sequence[UnaryExpression[Any]]
) -> Select[Any]:
    """``SELECT id … ORDER BY … LIMIT :limit OFFSET :offset``: walks a (sort key, id) index."""
    return (
        select(table.c.id)
        .where(*where)
        .order_by(*order)
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
        .correlate(None)
    )


def count_of(table: Table, where: Sequence[ColumnElement[bool]]) -> Select[Any]:
    """``SELECT count(*) FROM table WHERE …``."""
    return select(func.count()).select_from(table).where(*where).correlate(None)


@dataclass(frozen=True, slots=True)
class ListStatements:
    """A list shape's statements: the page (its rows and a ``total`` column), the total.

    Lists whose total is a count of matches also have ``counted`` (PostgreSQL only).
    """

    page: Select[Any]
    total: Select[Any]
    counted: CountedStatements | None = None


@dataclass(frozen=True, slots=True)
class CountedStatements:
    """The statements of a list whose total is kept per catalog revision: the page with
    ``total`` and ``revision`` columns, the page with only ``revision``, and the total
    with the revision."""

    key: Hashable
    page_with_total: Select[Any]
    page: Select[Any]
    total: Select[Any]


@dataclass(frozen=True, slots=True)
class ListShape:
    """What a list statement is built from; ``where`` and ``total`` use named parameters."""

    rows: Select[Any]
    table: Table
    where: Sequence[ColumnElement[bool]] = ()
    total: Select[Any] | None = None
    order: Sequence[UnaryExpression[Any]] | None = None


def list_statements(
    db: Reader,
    key: Hashable,
    sort: SortFields,
    raw_sort: str | None,
    page: PageParams,
    build: Callable[[], ListShape],
) -> ListStatements:
    """The statements of one list page, built once per ``key`` (the filters present) and sort.

    Unfiltered lists of the big tables take their total, and deep pages in the default
    (id) order their starting point, from the id blocks on PostgreSQL.
    """
    keys = sort.keys(raw_sort)
    postgresql = is_postgresql(db.engine.dialect)
    deep = not keys and page.offset >= BLOCK_SIZE

    def assemble() -> ListStatements:
        shape = build()
        order = shape.order if shape.order is not None else sort.order(keys)
        total = shape.total if shape.total is not None else count_of(shape.table, shape.where)
        ids = page_of_ids(shape.table, shape.where, order)
        counted = not shape.where and shape.table.name in COUNTED_TABLES and postgresql
        if counted:
            total = counted_total(shape.table)
            if deep:
                ids = page_of_ids_in_id_order(shape.table)
        rows = shape.rows.where(id_in_page(shape.table.c.id, ids)).order_by(*order)
        labelled_total = total.scalar_subquery().label("total")
        statement = rows.add_columns(labelled_total)
        kept = None
        if shape.where and postgresql:
            revision = current_revision().label("revision")
            kept = CountedStatements(
                key=key,  # the filters present: the total does not depend on the sort
                page_with_total=statement.add_columns(revision),
                page=rows.add_columns(revision),
                total=select(labelled_total, revision),
            )
        return ListStatements(page=statement, total=select(labelled_total), counted=kept)

    return cached((key, keys, postgresql, deep), assemble)


async def fetch_page(
    db: Reader, statements: ListStatements, params: Mapping[str, Any], page: PageParams
) -> tuple[Sequence[Row], int]:
    """The page's rows (in order) and the exact total: one statement when the page has rows.

    Totals are kept only from committed data (never inside a write's transaction).
    """
    values = {**params, "limit": page.limit, "offset": page.offset}
    if statements.counted is not None and not db.in_transaction:
        totals = _totals_of(db.engine)
        return await _fetch_page_kept_total(
            db, totals, statements.counted, params, values, page.offset
        )
    rows = await db.fetch(statements.page, values)
    if rows:
        return rows, int(rows[0]["total"])
    if page.offset == 0:
        return rows, 0
    return rows, int((await db.fetch(statements.total, values))[0]["total"])


async def _fetch_page_kept_total(
    db: Reader,
    totals: TotalCache,
    statements: CountedStatements,
    params: Mapping[str, Any],
    values: Mapping[str, Any],
    offset: int,
) -> tuple[Sequence[Row], int]:
    """The page, and the total kept for these filter values if the catalog revision read
    with the page is the one it was counted at; else the page again with a new count (one
    snapshot for both), which is kept."""
    key = (statements.key, values_key(dict(params)))
    if totals.revision_of(key) is None:
        rows = await db.fetch(statements.page_with_total, values)
    else:
        rows = await db.fetch(statements.page, values)
        if rows:
            revision = rows[0]["revision"]
            kept = None if revision is None else totals.get(key, revision)
            if kept is not None:
                return rows, kept
            rows = await db.fetch(statements.page_with_total, values)
    if rows:
        _keep(totals, key, rows[0]["revision"], rows[0]["total"])
        return rows, int(rows[0]["total"])
    if offset == 0:
        return rows, 0
    (row, *_) = await db.fetch(statements.total, values)
    _keep(totals, key, row["revision"], row["total"])
    return rows, int(row["total"])


def _keep(totals: TotalCache, key: Hashable, revision: int | None, total: int) -> None:
    # No revision row (a database emptied by hand): nothing can tell when to count again.
    if revision is not None:
        totals.put(key, int(revision), int(total))
