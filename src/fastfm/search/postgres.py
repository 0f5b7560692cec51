"""Search on PostgreSQL: the ``search_<kind>`` tables of migration 0007.

Ranks are computed lazily, best first, in one statement per kind: exact names and name
prefixes come from the btree on ``(name_key, popularity DESC, plays DESC, id)`` (only as
many rows as the page needs), and only when they do not fill the page are the remaining
matches (GIN on ``doc``) ranked.
"""

from __future__ import annotations

from typing import Any

from fastfm.db.reads import Reader
from fastfm.search.execution import rows
from fastfm.search.query import SearchPlan, key_upper_bound, typo_patterns, typo_words

_ORDER = "ORDER BY popularity DESC, plays DESC, id"
# Private playlists of others never match (nor count): only public ones, the caller's own
# and those they collaborate on. Anonymous callers pass user id 0, which no user has.
_VISIBLE = {
    "playlist": " AND (t.is_public OR t.owner_id = :me OR t.id IN "
    "(SELECT c.playlist_id FROM playlist_collaborator AS c WHERE c.user_id = :me))"
}

WORDS = "SELECT search_words(:q), (SELECT revision FROM catalog_revision WHERE id = 1)"
# One anchored alternation of every typo pattern: the trigram GIN index answers it in one
# scan (``LIKE ANY(patterns)`` costs a scan per pattern, fifteen times as much).
TERMS = "SELECT term FROM search_term WHERE term ~ :pattern"


def _exact(kind: str) -> str:
    return (
        f"SELECT t.id FROM search_{kind} AS t WHERE t.name_key = :key{_VISIBLE.get(kind, '')} "
        f"{_ORDER} LIMIT :n"
    )


def _prefix(kind: str) -> str:
    return (
        f"SELECT t.id FROM search_{kind} AS t WHERE t.name_key > :key AND t.name_key < :upper"
        f"{_VISIBLE.get(kind, '')} {_ORDER} LIMIT :n"
    )


def _ranked(kind: str) -> str:
    return f"""SELECT t.id, CASE
        WHEN t.doc @@ CAST(:in_name AS tsquery) THEN 2
        WHEN t.doc @@ CAST(:anywhere AS tsquery) THEN 3
        WHEN t.name_key = ANY(CAST(:fixed AS text[])) THEN 4
        WHEN EXISTS (SELECT 1 FROM unnest(CAST(:fixed AS text[])) AS k
                     WHERE starts_with(t.name_key, k)) THEN 5
        WHEN t.doc @@ CAST(:fuzzy_in_name AS tsquery) THEN 6
        ELSE 7 END AS tier
    FROM search_{kind} AS t
    WHERE t.doc @@ CAST(:fuzzy AS tsquery)
      AND NOT (t.name_key >= :key AND t.name_key < :upper){_VISIBLE.get(kind, "")}
    ORDER BY tier, popularity DESC, plays DESC, id LIMIT :n"""


def _count(kind: str) -> str:
    return (
        f"SELECT count(*) FROM search_{kind} AS t "
        f"WHERE t.doc @@ CAST(:fuzzy AS tsquery){_VISIBLE.get(kind, '')}"
    )


def _best(kind: str) -> str:
    # One statement, tiers in order: a non-parallel Append runs its branches one after the
    # other and the outer LIMIT stops it as soon as it has enough rows, so the ranked
    # branch (which sorts every remaining match) only runs when exact names and prefixes
    # do not fill the page. A round trip per tier cost more than the tiers themselves.
    return (
        f"SELECT found.id FROM (({_exact(kind)}) UNION ALL ({_prefix(kind)}) "
        f"UNION ALL (SELECT ranked.id FROM ({_ranked(kind)}) AS ranked)) AS found LIMIT :n"
    )


KINDS = ("song", "artist", "album", "playlist", "genre")
BEST = {k: _best(k) for k in KINDS}
COUNT = {k: _count(k) for k in KINDS}


def _lexeme(word: str, *, prefix: bool, weight: str) -> str:
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    label = ("*" if prefix else "") + weight
    return f"{quoted}:{label}" if label else quoted


def tsquery(plan: SearchPlan, *, fuzzy: bool, weight: str = "") -> str:
    """Every word (the last also as a prefix), with its typos when ``fuzzy``; ``weight``
    "A" restricts the words to the name."""
    last = len(plan.words) - 1
    parts = []
    for i, (word, alternatives) in enumerate(zip(plan.words, plan.alternatives, strict=True)):
        terms = [_lexeme(word, prefix=i == last, weight=weight)]
        if fuzzy:
            terms += [_lexeme(a, prefix=False, weight=weight) for a in alternatives]
        parts.append("(" + " | ".join(terms) + ")")
    return " & ".join(parts)


async def words_and_revision(db: Reader, q: str) -> tuple[list[str], int | None]:
    """The folded words of ``q`` as the index folds names, and the catalog revision."""
    (row,) = await rows(db, WORDS, {"q": q})
    return list(row[0] or ()), row[1]


async def typo_terms(db: Reader, words: list[str]) -> list[str]:
    """Lexicon words that may be one typo away from a long enough word of the query."""
    patterns = sorted({p for w in typo_words(words) for p in typo_patterns(w)})
    if not patterns:
        return []
    pattern = "^(" + "|".join(_regex(p) for p in patterns) + ")$"
    return [row[0] for row in await rows(db, TERMS, {"pattern": pattern})]


def _regex(like_pattern: str) -> str:
    """A LIKE pattern (``_``: any one character) as a regular expression."""
    return "".join("." if c == "_" else c if c.isalnum() else "\\" + c for c in like_pattern)


def _params(plan: SearchPlan, me: int) -> dict[str, Any]:
    return {"key": plan.key, "upper": key_upper_bound(plan.key), "me": me}


async def ranked_ids(db: Reader, kind: str, plan: SearchPlan, wanted: int, me: int) -> list[int]:
    """The ids of the best ``wanted`` matches, best first."""
    params = {
        **_params(plan, me),
        "n": wanted,
        "in_name": tsquery(plan, fuzzy=False, weight="A"),
        "anywhere": tsquery(plan, fuzzy=False),
        "fixed": plan.fixed_keys(),
        "fuzzy_in_name": tsquery(plan, fuzzy=True, weight="A"),
        "fuzzy": tsquery(plan, fuzzy=True),
    }
    return [row[0] for row in await rows(db, BEST[kind], params)]


async def count(db: Reader, kind: str, plan: SearchPlan, me: int) -> int:
    """How many rows of ``kind`` match (typos included)."""
    params = {"fuzzy": tsquery(plan, fuzzy=True), "me": me}
    if kind != "playlist":
        params.pop("me")
    (row,) = await rows(db, COUNT[kind], params)
    return int(row[0])
