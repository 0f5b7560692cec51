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
from fastfm.search import postgres, query, repository
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
    revision: int | None = None
    if index is postgres:
        words, revision = await postgres.words_and_revision(db, text) if text else ([], None)
    else:
        words = query.words_of(text)
    if not words:
        return {kind: SearchHits([], 0) for kind in types}
    plan = query.plan(words, await index.typo_terms(db, words))
    me = user_id or 0
    wanted = offset + limit
    found: dict[str, SearchHits] = {}
    for kind in types:
        ids = await index.ranked_ids(db, kind, plan, wanted, me)
        if len(ids) < wanted:
            total = len(ids)  # every match is in hand: no count needed
        else:
            total = await _total(db, index, kind, plan, me, revision)
        found[kind] = SearchHits(await repository.bodies(db, kind, ids[offset:]), total)
    return found


async def _total(
    db: Reader, index: Any, kind: str, plan: query.SearchPlan, me: int, revision: int | None
) -> int:
    """Every match of ``kind``; on PostgreSQL catalog counts are kept per catalog revision
    (playlists change without moving it, and their count depends on the caller)."""
    totals = kept_totals(db)
    if totals is None or kind == "playlist" or revision is None:
        total: int = await index.count(db, kind, plan, me)
        return total
    key = ("search", kind, plan.words, plan.alternatives)
    kept = totals.get(key, revision)
    if kept is not None:
        return kept
    total = await index.count(db, kind, plan, me)
    totals.put(key, revision, total)
    return total
