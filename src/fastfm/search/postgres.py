"""Search on PostgreSQL: the ``search_<kind>`` tables of migration 0007.

A request is two queries: :func:`lookup` (the query's words as the index folds them,
the catalog revision and the typo candidates from the lexicon) and :func:`rank` (the best
ids of every asked kind, with their totals when the page is full, and their bodies).

Ranks are computed lazily, best first: exact names and name prefixes come from the btree
on ``(name_key, popularity DESC, plays DESC, id)`` (only as many rows as the page needs),
and only when they do not fill the page are the remaining matches (GIN on ``doc``) ranked.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from fastfm.db.reads import Reader
from fastfm.search import bodies
from fastfm.search.execution import rows
from fastfm.search.query import (
    LEXICON_MIN_LENGTH,
    Lookup,
    Ranked,
    SearchPlan,
    key_upper_bound,
    typo_pattern,
    words_of,
)

_ORDER = "ORDER BY popularity DESC, plays DESC, id"
# Private playlists of others never match (nor count): only public ones, the caller's own
# and those they collaborate on. Anonymous callers pass user id 0, which no user has.
_VISIBLE = {
    "playlist": " AND (t.is_public OR t.owner_id = :me OR t.id IN "
    "(SELECT c.playlist_id FROM playlist_collaborator AS c WHERE c.user_id = :me))"
}

# One anchored alternation of every typo pattern: the trigram GIN index answers it in one
# scan (``LIKE ANY(patterns)`` costs a scan per pattern, fifteen times as much).
TERMS = "SELECT term FROM search_term WHERE term ~ :pattern"
# Up to MAX_COMPLETIONS + 1 lexicon words starting with the last word (LIKE: the trigram
# index), to tell whether they are few enough to stand for its prefix.
MAX_COMPLETIONS = 16
_WORDS = (
    "search_words(:q), (SELECT revision FROM catalog_revision WHERE id = 1), "
    "ARRAY(SELECT term FROM search_term WHERE term = ANY(search_words(:q))), "
    f"ARRAY(SELECT term FROM search_term WHERE term LIKE :completing LIMIT {MAX_COMPLETIONS + 1})"
)
# Left to choose, PostgreSQL plans the rank statement afresh on every call (its custom
# plans always look cheaper), which costs more than running it; its generic plan reads
# the same indexes. So the lookup of a query with words (which a rank follows) keeps the
# session's setting aside and switches it to generic plans, and the rank puts the kept
# setting back once it ran: no round trip of their own, and no read of pg_settings
# (which cost more than the rank's slowest tier). A failed statement discards its
# connection, so the switch cannot outlive a request.
_KEPT_MODE = "fastfm.plan_cache_mode"
_GENERIC_PLANS = (
    "CASE WHEN cardinality(search_words(:q)) > 0 THEN "
    f"set_config('{_KEPT_MODE}', current_setting('plan_cache_mode'), false) || "
    "set_config('plan_cache_mode', 'force_generic_plan', false) END"
)
# (Nothing kept reads as NULL, which resets it.)
_PLANS_RESET = f"SELECT set_config('plan_cache_mode', current_setting('{_KEPT_MODE}', true), false)"
WORDS = f"SELECT {_WORDS}, NULL::text[], {_GENERIC_PLANS}"
WORDS_AND_TERMS = f"SELECT {_WORDS}, ARRAY({TERMS}), {_GENERIC_PLANS}"


KINDS = ("song", "artist", "album", "playlist", "genre")
# Songs' and albums' documents also hold artists' and the album's names; their names'
# own words are indexed apart (migration 0009). The other kinds' documents are names.
_NAME_WORDS = {
    "song": "to_tsvector('simple'::regconfig, t.name_key)",
    "album": "to_tsvector('simple'::regconfig, t.name_key)",
}
# The first tier a row meets is its own; 0 and 1 (the exact name, a prefix of the name)
# are read from the btree.
_TIER = """CASE
    WHEN t.name_key >= :key AND t.name_key < :upper THEN 1
    WHEN t.doc @@ CAST(:in_name AS tsquery) THEN 2
    WHEN t.doc @@ CAST(:anywhere AS tsquery) THEN 3
    WHEN t.name_key = ANY(CAST(:fixed AS text[])) THEN 4
    WHEN EXISTS (SELECT 1 FROM unnest(CAST(:fixed AS text[])) AS k
                 WHERE starts_with(t.name_key, k)) THEN 5
    WHEN t.doc @@ CAST(:fuzzy_in_name AS tsquery) THEN 6
    ELSE 7 END"""
_FIXED_PREFIXES = """t.id IN (SELECT p.id FROM unnest(CAST(:fixed AS text[]),
    CAST(:fixed_upper AS text[])) AS f(k, u) JOIN search_{kind} AS p
    ON p.name_key >= f.k AND p.name_key < f.u)"""


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


def _candidates(kind: str) -> dict[int, str]:
    """Per tier from 2 on, an indexed condition every row of that tier meets."""
    name_words = _NAME_WORDS.get(kind, "t.doc")
    tiers = {
        2: f"CAST(:plain AS boolean) AND {name_words} @@ CAST(:anywhere AS tsquery)",
        3: "CAST(:plain AS boolean) AND t.doc @@ CAST(:anywhere AS tsquery)",
        4: "t.name_key = ANY(CAST(:fixed AS text[]))",
        5: _FIXED_PREFIXES.format(kind=kind),
        6: f"{name_words} @@ CAST(:fuzzy AS tsquery)",
        7: "t.doc @@ CAST(:fuzzy AS tsquery)",
    }
    if kind not in _NAME_WORDS:  # a document of the name alone: every match is tier 2 or 6
        del tiers[3], tiers[7]
    return tiers


# The one tier whose candidates need not match: a name starting with a typo-fixed name
# whose last word is a fixed typo (matched whole, not as a prefix) may go on longer.
_CHECKED = frozenset({5})


def _tier(kind: str, tier: int, candidates: str) -> str:
    # Only the candidate condition is indexable where it implies a match: the planner
    # then reads one index, not the intersection with the whole document's.
    match = " AND t.doc @@ CAST(:fuzzy AS tsquery)" if tier in _CHECKED else ""
    return (
        f"SELECT t.id FROM search_{kind} AS t WHERE {candidates}{match} "
        f"AND ({_TIER}) = {tier}{_VISIBLE.get(kind, '')} {_ORDER} LIMIT :n"
    )


def _count(kind: str) -> str:
    return (
        f"SELECT count(*) FROM search_{kind} AS t "
        f"WHERE t.doc @@ CAST(:fuzzy AS tsquery){_VISIBLE.get(kind, '')}"
    )


def _best(kind: str) -> str:
    # One statement, tiers in order: a non-parallel Append runs its branches one after the
    # other and the outer LIMIT stops it as soon as it has enough rows, so a tier is only
    # read when the tiers above it do not fill the page, and then only its own rows
    # (through its index), never every match at once.
    branches = [_exact(kind), _prefix(kind)]
    branches += [_tier(kind, tier, where) for tier, where in _candidates(kind).items()]
    union = " UNION ALL ".join(f"({branch})" for branch in branches)
    return f"SELECT found.id FROM ({union}) AS found LIMIT :n"


# The ids of the page itself: those after the first ``skip``.
_PAGE_IDS = "found.ids[(CAST(:skip AS integer) + 1):]"


def _kind_row(kind: str, counted: bool) -> str:
    # The count is an uncorrelated subquery: an InitPlan, which PostgreSQL runs only when
    # the CASE reaches it, i.e. only when the page is full (otherwise its ids are all).
    total = f"CASE WHEN cardinality(found.ids) >= :n THEN ({_count(kind)}) END"
    return (
        f"SELECT {KINDS.index(kind)}, found.ids, {total if counted else 'NULL::bigint'}, "
        f"{bodies.aggregated(kind, _PAGE_IDS)} "
        f"FROM (SELECT ARRAY({_best(kind)}) AS ids OFFSET 0) AS found"
    )


@lru_cache(maxsize=256)
def rank_statement(kinds: tuple[str, ...], counted: frozenset[str]) -> str:
    """One statement answering, per kind of ``kinds``, its best ids, (for ``counted``
    kinds, when the page is full) how many match, and the bodies of the page: one round
    trip, not one per kind."""
    rows = [_kind_row(kind, kind in counted) for kind in kinds]
    # Last, once the kinds ran: the plan setting put back (a row never answered).
    rows.append(
        f"SELECT -1, NULL::integer[], NULL::bigint, NULL::record[] WHERE ({_PLANS_RESET}) IS NULL"
    )
    return " UNION ALL ".join(f"({row})" for row in rows)


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
        if i == last and plan.completions is not None:
            # Every document word the prefix matches (none: the word, which no document has).
            completed = plan.completions or (word,)
            terms = [_lexeme(c, prefix=False, weight=weight) for c in completed]
        else:
            terms = [_lexeme(word, prefix=i == last, weight=weight)]
        if fuzzy:
            terms += [_lexeme(a, prefix=False, weight=weight) for a in alternatives]
        parts.append("(" + " | ".join(terms) + ")")
    return " & ".join(parts)


async def lookup(db: Reader, q: str) -> Lookup:
    """The folded words of ``q`` as the index folds names, the catalog revision and the
    lexicon's typo candidates, in one round trip.

    The candidates are looked up for the words as Python folds them, which are the
    index's words for nearly every query; when the index folds them otherwise (``ß``,
    ligatures), the lexicon is asked again for the index's words.
    """
    python_words = words_of(q)
    guessed = typo_pattern(python_words)
    last = python_words[-1] if python_words else ""
    params = {"q": q, "completing": _completing(last)}
    if guessed is None:
        (row,) = await rows(db, WORDS, params)
    else:
        (row,) = await rows(db, WORDS_AND_TERMS, {**params, "pattern": guessed})
    words, revision, known = list(row[0] or ()), row[1], list(row[2])
    terms = list(row[4] or ())
    pattern = typo_pattern(words)
    if pattern != guessed:
        found = await rows(db, TERMS, {"pattern": pattern}) if pattern is not None else []
        terms = [row[0] for row in found]
    completions = list(row[3])
    if not words or words[-1] != last or _completing(last) is None:
        completions_known = None
    else:
        completions_known = completions if len(completions) <= MAX_COMPLETIONS else None
    return Lookup(words, revision, terms, known, completions_known)


def _completing(last: str) -> str | None:
    """The LIKE pattern of the lexicon's words starting with ``last``, if the lexicon
    holds every such word (it keeps words of LEXICON_MIN_LENGTH letters or more)."""
    if len(last) < LEXICON_MIN_LENGTH:
        return None
    return last.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


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
    fixed = plan.fixed_keys()
    params = {
        "key": plan.key,
        "upper": key_upper_bound(plan.key),
        "me": me,
        "n": wanted,
        "plain": plan.plain,
        "in_name": tsquery(plan, fuzzy=False, weight="A"),
        "anywhere": tsquery(plan, fuzzy=False),
        "fixed": fixed,
        "fixed_upper": [key_upper_bound(k) for k in fixed],
        "fuzzy_in_name": tsquery(plan, fuzzy=True, weight="A"),
        "fuzzy": tsquery(plan, fuzzy=True),
        "skip": skip,
    }
    statement = rank_statement(tuple(kinds), counted & frozenset(kinds))
    found = await rows(db, statement, params)
    ranked = {}
    for kind_index, ids, total, records in found:
        if kind_index >= 0:
            kind = KINDS[kind_index]
            ranked[kind] = Ranked(ids, total, bodies.from_records(kind, records, ids[skip:]))
    return ranked
