"""Search reads: which database's index queries a reader gets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from fastfm.db.reads import Reader
from fastfm.search import postgres, sqlite
from fastfm.search.execution import dialect_of
from fastfm.search.query import Lookup, Ranked, SearchPlan


class SearchIndex(Protocol):
    """A database's search index queries (the ``postgres`` and ``sqlite`` modules)."""

    async def lookup(self, db: Reader, q: str) -> Lookup: ...

    async def rank(
        self,
        db: Reader,
        kinds: Sequence[str],
        plan: SearchPlan,
        wanted: int,
        me: int,
        counted: frozenset[str],
        skip: int,
    ) -> dict[str, Ranked]: ...


def index_for(db: Reader) -> SearchIndex:
    """The search index queries of ``db``'s database (``postgres`` or ``sqlite``)."""
    return postgres if dialect_of(db) == "postgresql" else sqlite
