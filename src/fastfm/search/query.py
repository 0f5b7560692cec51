"""What a search query asks for: its folded words, and the typo alternatives of each.

Matching rules (the same on both databases):

- case and accents are ignored, apostrophes vanish ("Don't" is "dont") and every other
  character that is not a letter or digit separates words;
- every word must match a word of the document (name, and for songs their artists' and
  album's names), in any order; the last word also matches as a prefix (while typing);
- a word of ``TYPO_MIN_LENGTH`` letters or more also matches the document words one
  edit away (substitution, insertion, deletion or transposition of neighbours).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz.distance import OSA

TYPO_MIN_LENGTH = 5
# PostgreSQL's lexicon (``search_term``, migration 0007) holds the words this long or longer.
LEXICON_MIN_LENGTH = 4
MAX_FIXED_KEYS = 16
_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = str.maketrans("", "", "'\u2019")


def fold(text: str) -> str:
    """Lowercase, without accents or apostrophes (the embedded profile's folding)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words_of(text: str) -> list[str]:
    """The folded words of ``text``: runs of letters and digits."""
    return _WORD.findall(fold(text))


def typo_patterns(word: str) -> list[str]:
    """LIKE patterns (``_`` is any one character) covering every word one edit away."""
    patterns = {word}
    for i in range(len(word)):
        patterns.add(word[:i] + "_" + word[i + 1 :])  # substitution
        patterns.add(word[:i] + word[i + 1 :])  # deletion
        if i + 1 < len(word):
            patterns.add(word[:i] + "__" + word[i + 2 :])  # transposition
    for i in range(len(word) + 1):
        patterns.add(word[:i] + "_" + word[i:])  # insertion
    patterns.discard(word)
    return sorted(patterns)


def one_typo_away(word: str, term: str) -> bool:
    """Whether ``term`` is ``word`` with exactly one edit (optimal string alignment)."""
    return term != word and OSA.distance(word, term, score_cutoff=1) <= 1


@dataclass(frozen=True, slots=True)
class SearchPlan:
    """The words of a query and, per word, the other words it stands for (its typos)."""

    words: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]
    # False when a word before the last is in no document as typed (as far as the
    # lexicon tells): only its typos (the fuzzy tiers) can then match, and the plain
    # tiers need not be read.
    plain: bool = True
    # The lexicon's words the last word is a prefix of, when it can tell them all (the
    # last word is long enough and they are few): exact lexemes match faster than a prefix.
    completions: tuple[str, ...] | None = None

    @property
    def key(self) -> str:
        """The query as a folded name: its words joined by single spaces."""
        return " ".join(self.words)

    @property
    def fuzzy(self) -> bool:
        return any(self.alternatives)

    def fixed_keys(self) -> list[str]:
        """Names the query could mean with its typos fixed (at most ``MAX_FIXED_KEYS``)."""
        choices = [(w, *alts) for w, alts in zip(self.words, self.alternatives, strict=True)]
        keys = (" ".join(c) for c in itertools.product(*choices))
        return [k for k in itertools.islice(keys, MAX_FIXED_KEYS + 1) if k != self.key][
            :MAX_FIXED_KEYS
        ]


@dataclass(frozen=True, slots=True)
class Lookup:
    """What the index says of a query before ranking: its folded words, the catalog
    revision (None where totals are not kept) and the lexicon words that may be typos."""

    words: list[str]
    revision: int | None
    terms: list[str]
    known: list[str] | None = None  # which words the lexicon holds as they are
    completions: list[str] | None = None  # every lexicon word the last word begins


@dataclass(frozen=True, slots=True)
class Ranked:
    """One kind's best ids, best first, how many match in all when it was counted, and
    the bodies of the page (the ids after those skipped)."""

    ids: list[int]
    total: int | None
    bodies: list[dict[str, Any]]


def typo_words(words: Sequence[str]) -> list[str]:
    """The words long enough to tolerate a typo."""
    return sorted({w for w in words if len(w) >= TYPO_MIN_LENGTH})


def plan(
    words: Sequence[str],
    terms: Iterable[str],
    known: Iterable[str] | None = None,
    completions: Sequence[str] | None = None,
) -> SearchPlan:
    """The plan for ``words`` given the lexicon ``terms`` that may be their typos and, if
    looked up, which of ``words`` the lexicon holds as they are (``known``) and every
    lexicon word the last word begins (``completions``)."""
    candidates = sorted(set(terms))
    alternatives = tuple(
        tuple(t for t in candidates if one_typo_away(w, t)) if len(w) >= TYPO_MIN_LENGTH else ()
        for w in words
    )
    checked = {w for w in words[:-1] if len(w) >= LEXICON_MIN_LENGTH}
    plain = known is None or checked <= set(known)
    completed = None if completions is None else tuple(sorted(set(completions)))
    return SearchPlan(tuple(words), alternatives, plain, completed)


def key_upper_bound(key: str) -> str:
    """The smallest string above every string that starts with ``key`` (code point order)."""
    last = ord(key[-1])
    return key[:-1] + chr(min(last + 1, 0x10FFFF))


def typo_pattern(words: Sequence[str]) -> str | None:
    """The regular expression matching every word one typo away from a long enough word
    of ``words`` (None when no word is long enough)."""
    # Kept for queries of everyday length (a pattern grows with the square of a word's).
    if sum(map(len, words)) <= _KEPT_PATTERN_LETTERS:
        return _kept_typo_pattern(tuple(words))
    return _typo_pattern(words)


_KEPT_PATTERN_LETTERS = 48


@lru_cache(maxsize=512)
def _kept_typo_pattern(words: tuple[str, ...]) -> str | None:
    return _typo_pattern(words)


def _typo_pattern(words: Sequence[str]) -> str | None:
    patterns = sorted({p for w in typo_words(words) for p in typo_patterns(w)})
    if not patterns:
        return None
    return "^(" + "|".join(_regex(p) for p in patterns) + ")$"


def _regex(like_pattern: str) -> str:
    """A LIKE pattern (``_``: any one character) as a regular expression."""
    if like_pattern.replace("_", "").isalnum():  # words are letters and digits
        return like_pattern.replace("_", ".")
    return "".join("." if c == "_" else c if c.isalnum() else "\\" + c for c in like_pattern)
