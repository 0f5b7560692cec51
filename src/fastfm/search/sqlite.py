"""Search on SQLite: the FTS5 tables of migration 0007 (unicode61, diacritics removed).

Each kind's name column ends with a sentinel token (U+E000), so an exact name is a phrase
anchored at the start (``^``) that ends with the sentinel, and a name prefix is an
anchored phrase whose last token is a prefix. One statement ranks every match by tier;
each tier's FTS query runs once (SQLite materializes ``IN (subquery)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastfm.db.reads import Reader
from fastfm.search import bodies
from fastfm.search.execution import rows
from fastfm.search.query import (
    TYPO_MIN_LENGTH,
    Lookup,
    Ranked,
    SearchPlan,
    one_typo_away,
    words_of,
)

SENTINEL = "\ue000"
KINDS = ("song", "artist", "album", "playlist", "genre")
# Ties: popularity, then id.
_ORDER = {
    "song": "r.like_count DESC, r.play_count DESC, r.id",
    "artist": "r.follower_count DESC, r.id",
    "playlist": "r.follower_count DESC, r.id",
    "album": "r.id",
    "genre": "r.id",
}
_VISIBLE = {
    "playlist": " AND (r.is_public OR r.owner_id = :me OR r.id IN "
    "(SELECT c.playlist_id FROM playlist_collaborator AS c WHERE c.user_id = :me))"
}
TIERS = ("exact", "prefix", "in_name", "anywhere", "fixed", "fixed_prefix", "fuzzy_in_name")


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _all(plan: SearchPlan, *, fuzzy: bool) -> str:
    last = len(plan.words) - 1
    parts = []
    for i, (word, alternatives) in enumerate(zip(plan.words, plan.alternatives, strict=True)):
        terms = [_phrase(word) + (" *" if i == last else "")]
        if fuzzy:
            terms += [_phrase(a) for a in alternatives]
        parts.append("(" + " OR ".join(terms) + ")")
    return "(" + " AND ".join(parts) + ")"


def fts_queries(plan: SearchPlan) -> dict[str, str]:
    """The FTS5 query of each tier that applies, and of every match (``match``)."""
    queries = {
        "exact": f"name : ^ {_phrase(plan.key + ' ' + SENTINEL)}",
        "prefix": f"name : ^ {_phrase(plan.key)} *",
        "in_name": f"name : {_all(plan, fuzzy=False)}",
        "anywhere": _all(plan, fuzzy=False),
        "match": _all(plan, fuzzy=True),
    }
    fixed = plan.fixed_keys()
    if fixed:
        exact = " OR ".join(f"^ {_phrase(k + ' ' + SENTINEL)}" for k in fixed)
        prefix = " OR ".join(f"^ {_phrase(k)} *" for k in fixed)
        queries["fixed"] = f"name : ({exact})"
        queries["fixed_prefix"] = f"name : ({prefix})"
    if plan.fuzzy:
        queries["fuzzy_in_name"] = f"name : {_all(plan, fuzzy=True)}"
    return queries


def _ranked(kind: str, tiers: tuple[str, ...]) -> str:
    cases = " ".join(
        f"WHEN t.rowid IN (SELECT rowid FROM search_{kind} WHERE search_{kind} MATCH :{tier}) "
        f"THEN {TIERS.index(tier)}"
        for tier in tiers
    )
    return f"""SELECT t.rowid, CASE {cases} ELSE 7 END AS tier
    FROM search_{kind} AS t JOIN {kind} AS r ON r.id = t.rowid
    WHERE search_{kind} MATCH :match{_VISIBLE.get(kind, "")}
    ORDER BY tier, {_ORDER[kind]} LIMIT :n"""


def _count(kind: str) -> str:
    return (
        f"SELECT count(*) FROM search_{kind} AS t JOIN {kind} AS r ON r.id = t.rowid "
        f"WHERE search_{kind} MATCH :match{_VISIBLE.get(kind, '')}"
    )


COUNT = {k: _count(k) for k in KINDS}
_VOCABULARY = " UNION ".join(
    f"SELECT term FROM search_{k}_vocab WHERE length(term) BETWEEN :shortest AND :longest"
    for k in KINDS
)


async def typo_terms(db: Reader, words: list[str]) -> list[str]:
    """Index words one edit away from a long enough word of the query."""
    long_words = [w for w in words if len(w) >= TYPO_MIN_LENGTH]
    if not long_words:
        return []
    lengths = [len(w) for w in long_words]
    params = {"shortest": min(lengths) - 1, "longest": max(lengths) + 1}
    terms = [row[0] for row in await rows(db, _VOCABULARY, params)]
    return [t for t in terms if any(one_typo_away(w, t) for w in long_words)]


async def lookup(db: Reader, q: str) -> Lookup:
    """The folded words of ``q`` (folded as the index's tokenizer folds) and their typo
    candidates; no totals are kept here, so no revision."""
    words = words_of(q)
    return Lookup(words, None, await typo_terms(db, words) if words else [])


def _params(plan: SearchPlan, me: int) -> dict[str, Any]:
    return {**fts_queries(plan), "me": me}


async def ranked_ids(db: Reader, kind: str, plan: SearchPlan, wanted: int, me: int) -> list[int]:
    """The ids of the best ``wanted`` matches, best first."""
    params = _params(plan, me)
    tiers = tuple(t for t in TIERS if t in params)
    sql = _ranked(kind, tiers)
    return [row[0] for row in await rows(db, sql, {**params, "n": wanted})]


async def count(db: Reader, kind: str, plan: SearchPlan, me: int) -> int:
    """How many rows of ``kind`` match (typos included)."""
    (row,) = await rows(db, COUNT[kind], _params(plan, me))
    return int(row[0])


async def rank(
    db: Reader,
    kinds: Sequence[str],
    plan: SearchPlan,
    wanted: int,
    me: int,
    counted: frozenset[str],
    skip: int,
) -> dict[str, Ranked]:
    """Per kind, the ids of the best ``wanted`` matches (best first), for ``counted``
    kinds whose page is full how many match (typos included), and the bodies of the ids
    after the first ``skip``."""
    ranked = {}
    for kind in kinds:
        ids = await ranked_ids(db, kind, plan, wanted, me)
        total = await count(db, kind, plan, me) if kind in counted and len(ids) >= wanted else None
        ranked[kind] = Ranked(ids, total, await bodies.load(db, kind, ids[skip:]))
    return ranked
