"""Index declarations that differ between PostgreSQL and SQLite.

Indexes for ``sort=-field`` on a nullable field are declared ``DESC NULLS LAST``; on SQLite
the words are dropped from the DDL (its ``DESC`` order puts nulls last already).

Indexes that serve PostgreSQL only (trigram GIN) are declared with
``sqlite_where=PG_ONLY``: on SQLite they become empty partial indexes that cost nothing
to maintain, so models and migrations stay the same on both databases (and
autogenerate finds no difference on either).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import false
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.schema import CreateIndex

PG_ONLY = false()


@compiles(CreateIndex, "sqlite")
def _create_index_sqlite(element: CreateIndex, compiler: Any, **kw: Any) -> str:
    # Indexes for `sort=-field` are declared `DESC NULLS LAST`, which PostgreSQL needs;
    # SQLite rejects NULLS LAST in an index, and its DESC order has nulls last already.
    ddl: str = compiler.visit_create_index(element, **kw)
    return ddl.replace(" NULLS LAST", "")
