"""What differs between PostgreSQL and SQLite on the read path, in one place.

- How reads run (:func:`direct_reads`): PostgreSQL reads on bare asyncpg connections,
  SQLite through SQLAlchemy (see :mod:`fastfm.db.reads`).
- Which SQL features exist (:func:`is_postgresql`): prepared-statement tricks, kept
  list totals and id blocks are PostgreSQL's.
- The SQL itself. Hot reads aggregate a row's links (artists, genres, credits, tracks)
  into one JSON text column per row, so a page of rows is a single statement on both
  backends; lists of ids are one parameter; a page of ids is joined by primary key.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import Boolean, Integer, Select, String, TypeDecorator, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter, ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeEngine

LIKE_ESCAPE = "/"
POSTGRESQL = "postgresql"


def is_postgresql(dialect: Dialect) -> bool:
    return dialect.name == POSTGRESQL


def direct_reads(dialect: Dialect) -> bool:
    """Whether reads go straight to the driver (asyncpg) rather than through SQLAlchemy."""
    return dialect.name == POSTGRESQL and dialect.driver == "asyncpg"


class json_rows(FunctionElement[str]):  # noqa: N801 - a SQL function, named like one
    """Aggregate: a JSON array (as text) with one array ``[expr, ...]`` per row, ``[]`` if none.

    The order of the aggregated rows is unspecified: put the sort key first in each
    element and decode with :func:`decode_rows`, which sorts.
    """

    type = String()
    name = "json_rows"
    inherit_cache = True


class json_embed(FunctionElement[str]):  # noqa: N801 - a SQL function, named like one
    """A JSON text value (e.g. a ``json_rows`` subquery) nested as JSON inside ``json_rows``."""

    type = String()
    name = "json_embed"
    inherit_cache = True


@compiles(json_rows, "postgresql")
def _json_rows_postgresql(element: json_rows, compiler: SQLCompiler, **kw: Any) -> str:
    # ::text keeps the driver's (stdlib) JSON decoder out of the hot path; orjson decodes it.
    elements = compiler.process(element.clauses, **kw)
    return f"coalesce(json_agg(json_build_array({elements})), '[]')::text"


@compiles(json_rows, "sqlite")
def _json_rows_sqlite(element: json_rows, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_group_array(json_array({compiler.process(element.clauses, **kw)}))"


@compiles(json_embed, "postgresql")
def _json_embed_postgresql(element: json_embed, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)})::json"


@compiles(json_embed, "sqlite")
def _json_embed_sqlite(element: json_embed, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite loses the JSON subtype across a subquery; json() restores it.
    return f"json({compiler.process(element.clauses, **kw)})"


class IdArray(TypeDecorator[Sequence[int]]):
    """A list of ids bound as ONE parameter: an integer array (PostgreSQL) or JSON (SQLite).

    One parameter keeps one statement text (and one prepared statement) for any number
    of ids, where an expanding ``IN`` would prepare a new statement per list length.
    """

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(ARRAY(Integer()))
        return dialect.type_descriptor(String())

    def process_bind_param(self, value: Sequence[int] | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "postgresql":
            return list(value)
        return orjson.dumps(list(value)).decode()


class TextArray(TypeDecorator[Sequence[str]]):
    """A list of strings bound as ONE parameter (text array / JSON), like ``IdArray``."""

    impl = String
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(ARRAY(String()))
        return dialect.type_descriptor(String())

    def process_bind_param(self, value: Sequence[str] | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "postgresql":
            return list(value)
        return orjson.dumps(list(value)).decode()


class in_ids(FunctionElement[bool]):  # noqa: N801 - a SQL function, named like one
    """``column IN (the ids of one IdArray parameter)``."""

    type = Boolean()
    name = "in_ids"
    inherit_cache = True
    # A predicate already: without this SQLite would get "... = 1" appended.
    _is_implicitly_boolean = True


def id_in(column: ColumnElement[int], name: str) -> ColumnElement[bool]:
    """``column`` is one of the ids bound to parameter ``name`` (a list of ints)."""
    parameter: BindParameter[Sequence[int]] = bindparam(name, type_=IdArray())
    return in_ids(column, parameter)


def text_in(column: ColumnElement[str], name: str) -> ColumnElement[bool]:
    """``column`` is one of the strings bound to parameter ``name`` (a list of str)."""
    parameter: BindParameter[Sequence[str]] = bindparam(name, type_=TextArray())
    return in_ids(column, parameter)


@compiles(in_ids, "postgresql")
def _in_ids_postgresql(element: in_ids, compiler: SQLCompiler, **kw: Any) -> str:
    column, parameter = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} = ANY({parameter})"


@compiles(in_ids, "sqlite")
def _in_ids_sqlite(element: in_ids, compiler: SQLCompiler, **kw: Any) -> str:
    column, parameter = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} IN (SELECT value FROM json_each({parameter}))"  # noqa: S608 - compiled SQL


class in_page(FunctionElement[bool]):  # noqa: N801 - a SQL function, named like one
    """``column`` is one of the ids a page subquery (``SELECT id … LIMIT … OFFSET …``) selects.

    PostgreSQL gets ``column = ANY(ARRAY(subquery))``: the page is computed once and each
    row fetched by primary key. Under a generic plan (a prepared statement PostgreSQL
    stops replanning) ``IN (subquery)`` was estimated at a tenth of the table and joined
    by a sequential scan: 200 ms instead of 2 ms for a page at offset 900,000.
    """

    type = Boolean()
    name = "in_page"
    inherit_cache = True
    _is_implicitly_boolean = True


def id_in_page(column: ColumnElement[int], page: Select[Any]) -> ColumnElement[bool]:
    return in_page(column, page.scalar_subquery())


@compiles(in_page, "postgresql")
def _in_page_postgresql(element: in_page, compiler: SQLCompiler, **kw: Any) -> str:
    column, page = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} = ANY(ARRAY{page})"


@compiles(in_page, "sqlite")
def _in_page_sqlite(element: in_page, compiler: SQLCompiler, **kw: Any) -> str:
    column, page = (compiler.process(c, **kw) for c in element.clauses)
    return f"{column} IN {page}"


def decode_rows(text: str | None) -> list[list[Any]]:
    """The rows of a ``json_rows`` value, sorted by their leading sort key."""
    if not text:
        return []
    rows: list[list[Any]] = orjson.loads(text)
    if len(rows) > 1:
        rows.sort()
    return rows


def contains_pattern(column: ColumnElement[str], parameter: str) -> ColumnElement[bool]:
    """Case-insensitive match of ``column`` against the pattern bound to ``parameter``
    (build it with :func:`substring_pattern`)."""
    return column.ilike(bindparam(parameter, type_=String()), escape=LIKE_ESCAPE)


def substring_pattern(text: str) -> str:
    """A LIKE pattern for ``text`` anywhere, in which ``%`` and ``_`` are literal."""
    escaped = (
        text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )
    return f"%{escaped}%"
