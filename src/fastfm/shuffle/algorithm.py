"""Shuffle orders for one cycle over a playlist (or liked songs): pure functions, no I/O.

An *entry* is one playable item (a playlist entry, or a liked song) with the id of its
primary artist. A *cycle* is one pass over every entry, in an order computed once.

``random``: a Fisher-Yates shuffle (``random.Random.shuffle``).

``balanced`` (the default), after Spotify's 2014 "balanced shuffle":

1. Each artist's tracks are shuffled among themselves, then spread evenly over the unit
   interval: track ``i`` of an artist with ``c`` tracks gets the position
   ``(offset + i + jitter_i) / c``, with one random ``offset`` in ``[0, 1)`` per artist and
   a small random ``jitter_i`` in ``[-0.3, 0.3]`` per slot. Sorting every track by its
   position interleaves the artists, each spread across the whole cycle.
2. A repair pass makes sure no two consecutive tracks share a primary artist whenever
   that is possible at all, i.e. when the largest artist has at most ``ceil(n / 2)`` of
   the ``n`` tracks. It rebuilds the order greedily, always taking the earliest track (in
   the step-1 order) whose artist differs from the one just placed, except when one
   artist holds more than half of what is left: that artist must come now or the rest
   could not be separated. Each artist's tracks keep their relative order, and an order
   that already separates every artist is returned unchanged, so the randomness of step 1
   survives. When separation is impossible, the dominant artist's tracks are cut at
   random into ``n - c_max + 1`` runs with one other track between consecutive runs,
   which reaches the fewest possible adjacent pairs, ``2 * c_max - n - 1``.

A new cycle never starts with the entry that ended the previous one (for two or more
entries): where it can, it does not even start with that entry's artist, and the
adjacency guarantee above holds all the same.

The order depends only on the seed, the cycle number and the entries (as a set): the
random generator is seeded from a digest of the three, so the same seed on the same
playlist gives every user the same order, whatever order the entries were listed in.

Playlists change during a cycle: :func:`deal_new_entries` inserts new entries at random
places in the rest of the cycle, and :func:`drop_entries` removes deleted ones; in
``balanced`` mode both finish with the repair pass, so the rest of the cycle keeps the
adjacency guarantee where possible.
"""

from __future__ import annotations

import hashlib
import heapq
import random
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

Mode = Literal["random", "balanced"]
MODES: tuple[Mode, ...] = ("balanced", "random")
JITTER = 0.3
# Random insertion slots tried for one that keeps artists apart (repair does the rest).
SLOT_ATTEMPTS = 8


@dataclass(frozen=True, slots=True)
class Entry:
    """One playable item: its entry id and the id of its primary artist."""

    entry_id: int
    artist_id: int


def seeded_rng(seed: int, *parts: int | str) -> random.Random:
    """A generator seeded from a digest of ``seed`` and ``parts``, stable across processes."""
    digest = hashlib.sha256(repr((seed, *parts)).encode()).digest()
    # Shuffle orders need reproducibility, not unpredictability: Mersenne Twister is right.
    return random.Random(int.from_bytes(digest[:16], "big"))  # noqa: S311


def content_digest(entries: Iterable[Entry]) -> str:
    """A digest of the entries as a set (order-insensitive)."""
    canonical = sorted((e.entry_id, e.artist_id) for e in entries)
    return hashlib.sha256(repr(canonical).encode()).hexdigest()


def cycle_order(
    entries: Sequence[Entry],
    mode: Mode,
    seed: int,
    *,
    cycle: int = 1,
    previous_last: int | None = None,
) -> list[Entry]:
    """The order of one cycle; it never starts with ``previous_last`` when n >= 2."""
    canonical = sorted(entries, key=lambda e: (e.entry_id, e.artist_id))
    if any(a.entry_id == b.entry_id for a, b in pairwise(canonical)):
        raise ValueError("entry ids must be unique")
    rng = seeded_rng(seed, cycle, content_digest(canonical))
    if mode == "random":
        order = list(canonical)
        rng.shuffle(order)
        return _avoid_first(order, previous_last, rng)
    previous_artist = next((e.artist_id for e in canonical if e.entry_id == previous_last), None)
    return repair(_spread_by_artist(canonical, rng), rng, previous_artist, previous_last)


def deal_new_entries(
    remaining: Sequence[Entry],
    new: Sequence[Entry],
    mode: Mode,
    rng: random.Random,
    *,
    last_artist: int | None = None,
) -> list[Entry]:
    """``remaining`` with ``new`` inserted at random places (``last_artist`` was just played)."""
    result = list(remaining)
    dealt = list(new)
    rng.shuffle(dealt)
    for entry in dealt:
        if mode == "random":
            result.insert(rng.randint(0, len(result)), entry)
        else:
            result.insert(_separating_slot(result, entry.artist_id, rng, last_artist), entry)
    if mode == "balanced":
        result = repair(result, rng, last_artist)
    return result


def drop_entries(
    remaining: Sequence[int],
    present: Mapping[int, Entry],
    mode: Mode,
    rng: random.Random,
    *,
    last_artist: int | None = None,
) -> list[Entry]:
    """The ``remaining`` entry ids still in ``present``, re-separated if any was dropped."""
    kept = [present[entry_id] for entry_id in remaining if entry_id in present]
    if mode == "balanced" and len(kept) < len(remaining):
        return repair(kept, rng, last_artist)
    return kept


def adjacent_same_artist_pairs(order: Sequence[Entry]) -> int:
    """How many consecutive pairs share a primary artist."""
    return sum(1 for a, b in pairwise(order) if a.artist_id == b.artist_id)


def optimal_adjacent_pairs(entries: Iterable[Entry]) -> int:
    """The fewest adjacent same-artist pairs any order of ``entries`` can have."""
    counts = Counter(e.artist_id for e in entries)
    if not counts:
        return 0
    n = sum(counts.values())
    return max(0, 2 * max(counts.values()) - n - 1)


def repair(
    order: Sequence[Entry],
    rng: random.Random,
    previous_artist: int | None = None,
    avoid_first: int | None = None,
) -> list[Entry]:
    """Reorder as little as needed so that no two neighbours share an artist, if possible.

    ``previous_artist`` was played just before ``order`` (kept apart from the first entry
    when the counts allow it); the first entry is never ``avoid_first`` when n >= 2.
    """
    n = len(order)
    if n == 0:
        return []
    counts = Counter(e.artist_id for e in order)
    dominant, c_max = max(counts.items(), key=lambda item: (item[1], -item[0]))
    if c_max > (n + 1) // 2:
        return _separate_dominant(order, dominant, rng, avoid_first)
    if previous_artist is not None and counts.get(previous_artist, 0) > n // 2:
        previous_artist = None  # that artist must open the cycle: only the entry is avoided
    return _greedy_separate(order, counts, previous_artist, avoid_first)


def _spread_by_artist(entries: Sequence[Entry], rng: random.Random) -> list[Entry]:
    by_artist: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries:
        by_artist[entry.artist_id].append(entry)
    placed: list[tuple[float, Entry]] = []
    for artist_id in sorted(by_artist):
        tracks = by_artist[artist_id]
        rng.shuffle(tracks)
        count = len(tracks)
        offset = rng.random()
        for i, entry in enumerate(tracks):
            jitter = rng.uniform(-JITTER, JITTER)
            placed.append(((offset + i + jitter) / count, entry))
    placed.sort(key=lambda item: (item[0], item[1].entry_id))
    return [entry for _, entry in placed]


def _greedy_separate(
    order: Sequence[Entry],
    counts: Counter[int],
    previous_artist: int | None,
    avoid_first: int | None,
) -> list[Entry]:
    """Rebuild ``order`` with no equal neighbours; the counts must make that possible."""
    rank = {e.entry_id: i for i, e in enumerate(order)}
    queues: dict[int, deque[Entry]] = defaultdict(deque)
    for entry in order:
        queues[entry.artist_id].append(entry)
    # Artists by how many tracks they have left, to find one that holds over half the rest.
    buckets: dict[int, set[int]] = defaultdict(set)
    for artist_id, count in counts.items():
        buckets[count].add(artist_id)
    top = max(counts.values())
    heap = [(rank[queue[0].entry_id], artist_id) for artist_id, queue in queues.items()]
    heapq.heapify(heap)

    result: list[Entry] = []
    previous = previous_artist
    n = len(order)
    for step in range(n):
        left = n - step
        while top > 0 and not buckets[top]:
            top -= 1
        critical = next(iter(buckets[top])) if top > left // 2 else None
        if critical is not None and critical != previous:
            artist = critical
        else:
            artist = _earliest_other(heap, queues, rank, (previous,))
        queue = queues[artist]
        if step == 0 and queue[0].entry_id == avoid_first and n >= 2:
            if len(queue) >= 2:
                queue[0], queue[1] = queue[1], queue[0]
                heapq.heappush(heap, (rank[queue[0].entry_id], artist))
            elif critical is None:
                artist = _earliest_other(heap, queues, rank, (artist, previous))
                queue = queues[artist]
        entry = queue.popleft()
        result.append(entry)
        buckets[counts[artist]].discard(artist)
        counts[artist] -= 1
        if counts[artist]:
            buckets[counts[artist]].add(artist)
            heapq.heappush(heap, (rank[queue[0].entry_id], artist))
        previous = artist
    return result


def _earliest_other(
    heap: list[tuple[int, int]],
    queues: dict[int, deque[Entry]],
    rank: dict[int, int],
    excluded: tuple[int | None, ...],
) -> int:
    """The artist (none of ``excluded``) whose next track came first in the input."""
    skipped: list[tuple[int, int]] = []
    chosen: int | None = None
    while heap:
        item = heapq.heappop(heap)
        position, artist_id = item
        queue = queues[artist_id]
        if not queue or rank[queue[0].entry_id] != position:
            continue  # stale: that track was already placed
        if artist_id in excluded:
            skipped.append(item)
            continue
        chosen = artist_id
        skipped.append(item)
        break
    for item in skipped:
        heapq.heappush(heap, item)
    if chosen is None:  # only excluded artists are left: take the earliest of them anyway
        chosen = min(skipped)[1]
    return chosen


def _separate_dominant(
    order: Sequence[Entry], dominant: int, rng: random.Random, avoid_first: int | None
) -> list[Entry]:
    """One artist holds over half: split its tracks into runs around the other tracks."""
    n = len(order)
    mine = [e for e in order if e.artist_id == dominant]
    others = [e for e in order if e.artist_id != dominant]
    optimum = 2 * len(mine) - n - 1
    if adjacent_same_artist_pairs(order) == optimum and order[0].entry_id != avoid_first:
        return list(order)
    if mine[0].entry_id == avoid_first:
        mine[0], mine[1] = mine[1], mine[0]
    cuts = sorted(rng.sample(range(1, len(mine)), len(others)))
    result: list[Entry] = []
    start = 0
    for separator, cut in zip(others, cuts, strict=True):
        result.extend(mine[start:cut])
        result.append(separator)
        start = cut
    result.extend(mine[start:])
    return result


def _avoid_first(order: list[Entry], avoid: int | None, rng: random.Random) -> list[Entry]:
    if len(order) >= 2 and order[0].entry_id == avoid:
        swap = rng.randrange(1, len(order))
        order[0], order[swap] = order[swap], order[0]
    return order


def _separating_slot(
    order: Sequence[Entry], artist_id: int, rng: random.Random, last_artist: int | None
) -> int:
    """A random insertion index, preferably one whose neighbours have other artists.

    Only a few random slots are tried: a scan of every slot for each new entry made
    dealing thousands of entries of one dominant artist quadratic (seconds on the event
    loop), and the repair pass that follows separates whatever can be separated anyway.
    """

    def fits(slot: int) -> bool:
        before = order[slot - 1].artist_id if slot > 0 else last_artist
        after = order[slot].artist_id if slot < len(order) else None
        return before != artist_id and after != artist_id

    slot = 0
    for _ in range(SLOT_ATTEMPTS):
        slot = rng.randint(0, len(order))
        if fits(slot):
            break
    return slot
