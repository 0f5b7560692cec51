"""Dealing many new entries into a running cycle (pure algorithm, no I/O).

A playlist that gains thousands of tracks while someone shuffles it has them dealt into
the rest of the cycle on the next request, on the event loop. This times
:func:`~fastfm.shuffle.algorithm.deal_new_entries` for 10,000 new entries into a cycle
of 3 left, by one artist (no slot keeps artists apart), by 3 and by 200 artists, and
checks that every entry was dealt and the order separates artists where that is possible.
"""

from __future__ import annotations

import time

from fastfm.shuffle.algorithm import (
    Entry,
    adjacent_same_artist_pairs,
    deal_new_entries,
    optimal_adjacent_pairs,
    seeded_rng,
)

NEW = 10_000
TARGET_MS = 200.0


def deal_report(seed: int) -> bool:
    print(
        f"Dealing {NEW:,} new entries into a balanced cycle of 3 left (target < {TARGET_MS:.0f} ms)"
    )
    ok = True
    for artists in (1, 3, 200):
        remaining = [Entry(i, i % artists) for i in range(3)]
        new = [Entry(100 + i, i % artists) for i in range(NEW)]
        started = time.perf_counter()
        dealt = deal_new_entries(remaining, new, "balanced", seeded_rng(seed))
        elapsed_ms = (time.perf_counter() - started) * 1000
        complete = sorted(e.entry_id for e in dealt) == sorted(e.entry_id for e in remaining + new)
        optimal = adjacent_same_artist_pairs(dealt) == optimal_adjacent_pairs(dealt)
        passed = complete and optimal and elapsed_ms < TARGET_MS
        print(
            f"  {artists:>3} artist(s): {elapsed_ms:7.1f} ms; all dealt: {complete}; "
            f"fewest adjacent pairs: {optimal}; {'PASS' if passed else 'FAIL'}"
        )
        ok = ok and passed
    return ok
