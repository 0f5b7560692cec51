"""Search across songs, artists, albums, playlists and genres (``search``).

Ranking, best first: the exact name, then names starting with the query, then every word
in the name, then every word anywhere (songs: their artists' and album's names too), then
the same four with typos fixed. Ties: popularity (songs: likes, then plays; artists and
playlists: followers), then id. Private playlists of others never match.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fastfm.catalog.listing import kept_totals
from fastfm.db.reads import Reader
from fastfm.search import query, repository
from fastfm.search.schemas import TYPES


@dataclass(frozen=True, slots=True)
class SearchHits:
    """One kind's page of matches (JSON-ready bodies) and how many match in all."""

    items: list[dict[str, Any]]
    total: int


def _cleaned(q: str) -> str:
    # NUL and other control characters separate words (PostgreSQL text cannot hold NUL).
    return "".join(" " if ord(c) < 32 or ord(c) == 127 else c for c in q).strip()


async def search(
    db: Reader,
    q: str,
    *,
    types: Sequence[str] = TYPES,
    limit: int = 20,
    offset: int = 0,
    user_id: int | None = None,
) -> dict[str, SearchHits]:
    """The best ``limit`` matches of ``q`` after ``offset``, per kind in ``types``.

    ``user_id`` (the caller, if signed in) sees their own and collaborated private
    playlists; nobody sees other private playlists.
    """
    text = _cleaned(q)
    index = repository.index_for(db)
    found = await index.lookup(db, text) if text else None
    if found is None or not found.words:
        return {kind: SearchHits([], 0) for kind in types}
    plan = query.plan(found.words, found.terms, found.known, found.completions)
    wanted = offset + limit
    kept = _KeptTotals(db, plan, found.revision)
    known = {kind: total for kind in types if (total := kept.get(kind)) is not None}
    counted = frozenset(types) - frozenset(known)
    ranked = await index.rank(db, types, plan, wanted, user_id or 0, counted, offset)
    hits: dict[str, SearchHits] = {}
    for kind in types:
        ids, counted_total = ranked[kind].ids, ranked[kind].total
        if len(ids) < wanted:
            total = len(ids)  # fewer than a page: every match is in hand
        elif counted_total is None:
            total = known.get(kind, len(ids))
        else:
            total = counted_total
            kept.put(kind, total)
        hits[kind] = SearchHits(ranked[kind].bodies, total)
    return hits


class _KeptTotals:
    """Totals kept per catalog revision on PostgreSQL (playlists change without moving it,
    and their count depends on the caller, so theirs are never kept)."""

    def __init__(self, db: Reader, plan: query.SearchPlan, revision: int | None) -> None:
        totals = kept_totals(db) if revision is not None else None
        self._store = (totals, revision) if totals is not None and revision is not None else None
        self._plan = plan

    def _key(self, kind: str) -> tuple[object, ...]:
        return ("search", kind, self._plan.words, self._plan.alternatives)

    def get(self, kind: str) -> int | None:
        if self._store is None or kind == "playlist":
            return None
        totals, revision = self._store
        return totals.get(self._key(kind), revision)

    def put(self, kind: str, total: int) -> None:
        if self._store is not None and kind != "playlist":
            totals, revision = self._store
            totals.put(self._key(kind), revision, total)
