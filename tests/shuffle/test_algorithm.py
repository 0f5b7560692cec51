"""Properties of the shuffle orders, checked over generated playlists."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fastfm.shuffle.algorithm import (
    MODES,
    Entry,
    Mode,
    adjacent_same_artist_pairs,
    cycle_order,
    deal_new_entries,
    drop_entries,
    optimal_adjacent_pairs,
    repair,
    seeded_rng,
)

# No per-example deadline: on a busy shared machine a slow example is not a failure.
NO_DEADLINE = settings(deadline=None)
modes = st.sampled_from(MODES)
seeds = st.integers(min_value=0, max_value=2**63 - 1)


@st.composite
def playlists(draw: st.DrawFn, min_size: int = 0, max_size: int = 60) -> list[Entry]:
    """Entries with distinct ids; artist counts from even to one artist dominating."""
    artists = draw(st.integers(min_value=1, max_value=12))
    weights = draw(st.lists(st.integers(1, 20), min_size=artists, max_size=artists))
    size = draw(st.integers(min_size, max_size))
    ids = draw(st.lists(st.integers(1, 10**9), min_size=size, max_size=size, unique=True))
    pick = draw(st.randoms(use_true_random=False))
    return [Entry(i, pick.choices(range(artists), weights)[0]) for i in ids]


def separable(entries: Sequence[Entry], previous_artist: int | None = None) -> bool:
    """Whether ``entries`` can be ordered with no equal neighbours after ``previous_artist``."""
    counts = Counter(e.artist_id for e in entries)
    n = len(entries)
    if not counts:
        return True
    if max(counts.values()) > (n + 1) // 2:
        return False
    return previous_artist is None or counts.get(previous_artist, 0) <= n // 2


def ids(order: Sequence[Entry]) -> list[int]:
    return [e.entry_id for e in order]


class TestOneCycle:
    @NO_DEADLINE
    @given(playlists(), modes, seeds)
    def test_is_a_permutation_of_the_entries(
        self, entries: list[Entry], mode: Mode, seed: int
    ) -> None:
        order = cycle_order(entries, mode, seed)
        assert sorted(ids(order)) == sorted(ids(entries))
        assert {(e.entry_id, e.artist_id) for e in order} == {
            (e.entry_id, e.artist_id) for e in entries
        }

    @NO_DEADLINE
    @given(playlists(), seeds, st.integers(1, 1000))
    def test_balanced_reaches_the_fewest_adjacent_same_artist_pairs(
        self, entries: list[Entry], seed: int, cycle: int
    ) -> None:
        order = cycle_order(entries, "balanced", seed, cycle=cycle)
        optimum = optimal_adjacent_pairs(entries)
        assert adjacent_same_artist_pairs(order) == optimum
        assert (optimum == 0) == separable(entries)

    @NO_DEADLINE
    @given(playlists(), modes, seeds, st.randoms(use_true_random=False))
    def test_same_seed_and_content_give_the_same_order(
        self, entries: list[Entry], mode: Mode, seed: int, rng: random.Random
    ) -> None:
        listed_otherwise = list(entries)
        rng.shuffle(listed_otherwise)
        first = cycle_order(entries, mode, seed, cycle=3)
        assert cycle_order(listed_otherwise, mode, seed, cycle=3) == first
        assert cycle_order(entries, mode, seed, cycle=3) == first

    def test_other_seeds_and_cycles_give_other_orders(self) -> None:
        entries = [Entry(i, i % 8) for i in range(40)]
        for mode in MODES:
            by_seed = {tuple(ids(cycle_order(entries, mode, seed))) for seed in range(30)}
            by_cycle = {tuple(ids(cycle_order(entries, mode, 7, cycle=c))) for c in range(1, 31)}
            assert len(by_seed) == 30
            assert len(by_cycle) == 30

    def test_balanced_order_is_still_random(self) -> None:
        """Every entry gets to open a cycle, and every artist follows every other one."""
        entries = [Entry(i, i % 8) for i in range(40)]
        openers: Counter[int] = Counter()
        successions: set[tuple[int, int]] = set()
        for seed in range(800):
            order = cycle_order(entries, "balanced", seed)
            openers[order[0].entry_id] += 1
            successions.update((a.artist_id, b.artist_id) for a, b in pairwise(order))
        assert set(openers) == set(ids(entries))
        assert max(openers.values()) < 4 * min(openers.values())
        assert successions == {(a, b) for a in range(8) for b in range(8) if a != b}

    def test_balanced_spreads_a_large_artist_more_evenly_than_random(self) -> None:
        entries = [Entry(i, 0 if i < 20 else 1 + i % 10) for i in range(60)]
        widest: dict[Mode, list[int]] = {"balanced": [], "random": []}
        for mode in MODES:
            for seed in range(50):
                order = cycle_order(entries, mode, seed)
                positions = [i for i, e in enumerate(order) if e.artist_id == 0]
                gaps = [b - a for a, b in pairwise(positions)]
                widest[mode].append(max(gaps))
                if mode == "balanced":
                    assert min(gaps) >= 2
        assert max(widest["balanced"]) <= 8
        assert sum(widest["balanced"]) * 3 < sum(widest["random"]) * 2

    def test_entry_ids_must_be_unique(self) -> None:
        for mode in MODES:
            with pytest.raises(ValueError, match="unique"):
                cycle_order([Entry(1, 1), Entry(2, 1), Entry(1, 2)], mode, 1)

    def test_empty_and_single_entry(self) -> None:
        for mode in MODES:
            assert cycle_order([], mode, 1) == []
            assert cycle_order([Entry(5, 1)], mode, 1, previous_last=5) == [Entry(5, 1)]


class TestCycleBoundary:
    @NO_DEADLINE
    @given(playlists(min_size=2), modes, seeds, st.data())
    def test_a_new_cycle_never_opens_with_the_entry_that_ended_the_last(
        self, entries: list[Entry], mode: Mode, seed: int, data: st.DataObject
    ) -> None:
        last = data.draw(st.sampled_from(entries))
        order = cycle_order(entries, mode, seed, cycle=2, previous_last=last.entry_id)
        assert order[0] != last
        assert sorted(ids(order)) == sorted(ids(entries))

    @NO_DEADLINE
    @given(playlists(min_size=2), seeds, st.data())
    def test_balanced_keeps_its_guarantees_across_the_boundary(
        self, entries: list[Entry], seed: int, data: st.DataObject
    ) -> None:
        last = data.draw(st.sampled_from(entries))
        order = cycle_order(entries, "balanced", seed, cycle=2, previous_last=last.entry_id)
        assert adjacent_same_artist_pairs(order) == optimal_adjacent_pairs(entries)
        if separable(entries, last.artist_id):
            assert order[0].artist_id != last.artist_id

    @NO_DEADLINE
    @given(playlists(min_size=2, max_size=12), modes, seeds)
    def test_consecutive_cycles_chain_without_repeating_across(
        self, entries: list[Entry], mode: Mode, seed: int
    ) -> None:
        previous: int | None = None
        for cycle in range(1, 6):
            order = cycle_order(entries, mode, seed, cycle=cycle, previous_last=previous)
            assert order[0].entry_id != previous
            previous = order[-1].entry_id


class TestLivingPlaylist:
    @NO_DEADLINE
    @given(playlists(min_size=1), playlists(max_size=20), modes, seeds, st.data())
    def test_additions_are_all_played_later_in_the_same_cycle(
        self,
        entries: list[Entry],
        added: list[Entry],
        mode: Mode,
        seed: int,
        data: st.DataObject,
    ) -> None:
        known = set(ids(entries))
        added = [e for e in added if e.entry_id not in known]
        order = cycle_order(entries, mode, seed)
        played = data.draw(st.integers(0, len(order)))
        last_artist = order[played - 1].artist_id if played else None
        rest = deal_new_entries(
            order[played:], added, mode, seeded_rng(seed), last_artist=last_artist
        )
        assert sorted(ids(rest)) == sorted(ids(order[played:]) + ids(added))
        assert sorted(ids(order[:played] + rest)) == sorted(known | set(ids(added)))
        if mode == "balanced":
            self.assert_separated_where_possible(rest, last_artist)

    @NO_DEADLINE
    @given(playlists(min_size=1), modes, seeds, st.data())
    def test_removed_entries_are_never_played_after_their_removal(
        self, entries: list[Entry], mode: Mode, seed: int, data: st.DataObject
    ) -> None:
        order = cycle_order(entries, mode, seed)
        played = data.draw(st.integers(0, len(order)))
        removed = set(data.draw(st.lists(st.sampled_from(ids(entries)), max_size=len(entries))))
        last_artist = order[played - 1].artist_id if played else None
        present = {e.entry_id: e for e in entries if e.entry_id not in removed}
        rest = drop_entries(
            ids(order[played:]), present, mode, seeded_rng(seed), last_artist=last_artist
        )
        assert not removed & set(ids(rest))
        assert sorted(ids(rest)) == sorted(set(ids(order[played:])) - removed)
        if not removed & set(ids(order[played:])):
            assert rest == order[played:]
        elif mode == "balanced":
            self.assert_separated_where_possible(rest, last_artist)

    @NO_DEADLINE
    @given(playlists(min_size=1), seeds)
    def test_repair_leaves_a_separated_order_alone(self, entries: list[Entry], seed: int) -> None:
        order = cycle_order(entries, "balanced", seed)
        assert repair(order, seeded_rng(seed)) == order

    @staticmethod
    def assert_separated_where_possible(rest: list[Entry], last_artist: int | None) -> None:
        assert adjacent_same_artist_pairs(rest) == optimal_adjacent_pairs(rest)
        if rest and separable(rest, last_artist):
            assert rest[0].artist_id != last_artist


class TestOptimum:
    @settings(max_examples=200, deadline=None)
    @given(playlists(max_size=7))
    def test_optimum_formula_matches_exhaustive_search(self, entries: list[Entry]) -> None:
        best = min(
            (adjacent_same_artist_pairs(p) for p in _orders(entries)),
            default=0,
        )
        assert optimal_adjacent_pairs(entries) == best


def _orders(entries: list[Entry]) -> list[list[Entry]]:
    """Every distinct artist sequence (by artist only, to keep the search small)."""
    counts = Counter(e.artist_id for e in entries)
    results: list[list[Entry]] = []

    def extend(prefix: list[Entry]) -> None:
        if len(prefix) == len(entries):
            results.append(list(prefix))
            return
        for artist in list(counts):
            if counts[artist]:
                counts[artist] -= 1
                prefix.append(Entry(len(prefix), artist))
                extend(prefix)
                prefix.pop()
                counts[artist] += 1

    extend([])
    return results
