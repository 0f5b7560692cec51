"""The search plan: typo alternatives, and whether the plain (typo-free) tiers can match."""

from __future__ import annotations

from fastfm.search.postgres import tsquery
from fastfm.search.query import plan


def test_a_word_the_lexicon_lacks_leaves_only_its_typos_to_match() -> None:
    made = plan(["midnigth", "harbour"], ["midnight", "harbours"], known=["harbour"])
    assert made.alternatives == (("midnight",), ("harbours",))
    assert made.plain is False
    assert sorted(made.fixed_keys()) == [
        "midnight harbour",
        "midnight harbours",
        "midnigth harbours",
    ]


def test_known_words_short_words_and_the_last_word_keep_the_plain_tiers() -> None:
    # Every word known; a short word ("of") the lexicon never holds; the last word,
    # which matches as a prefix, is never required to be known.
    assert plan(["song", "of", "love"], [], known=["song", "love"]).plain is True
    assert plan(["song", "of", "lov"], [], known=["song"]).plain is True
    assert plan(["songz", "love"], [], known=["love"]).plain is False


def test_without_a_lexicon_lookup_every_tier_is_read() -> None:
    made = plan(["midnigth", "harbour"], ["midnight"])
    assert made.plain is True
    assert made.alternatives == (("midnight",), ())


def test_the_last_word_stands_for_its_completions_when_they_are_known() -> None:
    completed = plan(["harbour", "ligh"], [], known=["harbour"], completions=["lights", "light"])
    assert completed.completions == ("light", "lights")
    assert tsquery(completed, fuzzy=False) == "('harbour') & ('light' | 'lights')"
    assert tsquery(completed, fuzzy=False, weight="A") == "('harbour':A) & ('light':A | 'lights':A)"
    # No lexicon word starts with it: the word itself, which no document holds.
    assert tsquery(plan(["zzyzx"], [], completions=[]), fuzzy=False) == "('zzyzx')"
    # Not looked up (too short, or too many): the prefix.
    assert tsquery(plan(["harbour", "li"], []), fuzzy=False) == "('harbour') & ('li':*)"
