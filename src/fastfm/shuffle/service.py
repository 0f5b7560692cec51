"""Shuffle sessions over a source: start, take the next entry, look ahead, stop.

The order of a cycle is computed once (when the cycle starts); taking the next entry is
one atomic store call in the common case. A source whose ``version`` differs from the
session's has gained or lost entries: the session's remainder is then brought up to date
(removed entries dropped, new ones dealt in) before anything is taken from it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from fastfm.catalog.songs.reads import SongBody
from fastfm.kit.ids import MAX_SEED
from fastfm.observability import metrics
from fastfm.shuffle.algorithm import (
    Entry,
    Mode,
    cycle_order,
    deal_new_entries,
    drop_entries,
    seeded_rng,
)
from fastfm.shuffle.exceptions import ShuffleBusy, ShuffleSessionNotFound
from fastfm.shuffle.sources import ShuffleSource, Slot, Track, entry_id_of
from fastfm.shuffle.store import Overview, Pop, SessionMeta, ShuffleStore

DEFAULT_MODE: Mode = "balanced"
UPCOMING = 10
# Lost compare-and-set races before giving up; each loss means another request progressed.
MAX_CONFLICTS = 20


@dataclass(frozen=True, slots=True)
class NextEntry:
    song: SongBody
    position: int
    cycle: int
    remaining_in_cycle: int


@dataclass(frozen=True, slots=True)
class SessionView:
    mode: Mode
    seed: int
    cycle: int
    played: int
    remaining_in_cycle: int
    upcoming: list[SongBody]


def new_seed() -> int:
    return secrets.randbelow(MAX_SEED + 1)


def _items(order: list[Entry], slots: dict[int, Slot]) -> list[str]:
    return [slots[entry.entry_id].item for entry in order]


def _by_entry(tracks: list[Track]) -> tuple[list[Entry], dict[int, Slot]]:
    return [t.entry for t in tracks], {t.entry.entry_id: t.slot for t in tracks}


def _entry_id(item: str | None) -> int | None:
    return None if item is None else entry_id_of(item)


async def next_entry(store: ShuffleStore, source: ShuffleSource) -> NextEntry | None:
    """The next entry of the caller's session (started if none); ``None`` if there is none."""
    metrics.SHUFFLE_NEXT_CALLS.inc()
    conflicts = 0
    while conflicts <= MAX_CONFLICTS:
        pop = await store.pop(source.key, source.version)
        if pop.status == "ok" and pop.item is not None:
            slot = Slot.parse(pop.item)
            song = await source.song_if_present(slot)
            if song is None:
                continue  # removed after this request read the version: skip it for good
            return NextEntry(song, slot.position, pop.cycle, pop.remaining)
        conflicts += 1
        if pop.status == "missing":
            await _create(store, source, DEFAULT_MODE, new_seed(), replace=False)
        elif pop.status == "stale":
            await _sync(store, source)
        elif not await _roll_over(store, source, pop):
            return None
    raise ShuffleBusy()


async def start(
    store: ShuffleStore, source: ShuffleSource, mode: Mode, seed: int | None
) -> SessionView:
    """A fresh session (replacing any) at cycle 1, with a random seed unless one is given."""
    await _create(store, source, mode, new_seed() if seed is None else seed, replace=True)
    return await view(store, source)


async def view(store: ShuffleStore, source: ShuffleSource) -> SessionView:
    """The session's mode, counts and the next songs; 404 without a session."""
    overview = await store.overview(source.key, UPCOMING)
    if overview is not None and overview.meta.version != source.version:
        await _sync(store, source)
        overview = await store.overview(source.key, UPCOMING)
    if overview is None:
        raise ShuffleSessionNotFound()
    upcoming = [Slot.parse(item).song_id for item in await _look_ahead(source, overview)]
    bodies = await source.song_bodies(upcoming)
    meta = overview.meta
    return SessionView(
        mode=meta.mode,
        seed=meta.seed,
        cycle=meta.cycle,
        played=overview.played,
        remaining_in_cycle=overview.remaining,
        upcoming=[bodies[song_id] for song_id in upcoming if song_id in bodies],
    )


async def has_session(store: ShuffleStore, source: ShuffleSource) -> bool:
    """Whether the source's user has a shuffle session over it."""
    return await store.overview(source.key, 0) is not None


async def stop(store: ShuffleStore, source: ShuffleSource) -> None:
    """Forget the caller's session, if any."""
    await store.delete(source.key)


async def _create(
    store: ShuffleStore, source: ShuffleSource, mode: Mode, seed: int, *, replace: bool
) -> None:
    entries, slots = _by_entry(await source.tracks())
    order = cycle_order(entries, mode, seed, cycle=1)
    meta = SessionMeta(mode=mode, seed=seed, cycle=1, version=source.version, previous_last=None)
    await store.create(source.key, meta, _items(order, slots), replace=replace)
    metrics.SHUFFLE_SESSIONS_STARTED.inc()


async def _sync(store: ShuffleStore, source: ShuffleSource) -> None:
    """Bring the rest of the cycle up to date with the source's entries and positions."""
    state = await store.state(source.key)
    if state is None or state.meta.version == source.version:
        return
    meta = state.meta
    entries, slots = _by_entry(await source.tracks())
    present = {entry.entry_id: entry for entry in entries}
    played = [entry_id_of(item) for item in state.played]
    remaining = [entry_id_of(item) for item in state.remaining]
    known = set(played).union(remaining)
    new = [entry for entry in entries if entry.entry_id not in known]
    last_id = _entry_id(state.last_played)
    last = present.get(last_id) if last_id is not None else None
    last_artist = last.artist_id if last is not None else None
    rng = seeded_rng(meta.seed, meta.cycle, source.version)
    rest = drop_entries(remaining, present, meta.mode, rng, last_artist=last_artist)
    if new:
        rest = deal_new_entries(rest, new, meta.mode, rng, last_artist=last_artist)
    # Removed entries leave ``played`` too: an id the database hands out again (SQLite
    # reuses the highest ones) must then count as new, and played + remaining stays the
    # source's length. Every item is rewritten with its entry's current position. A lost
    # race means another request changed the session: the caller just retries.
    await store.rewrite(
        source.key,
        state.revision,
        played=[slots[entry_id].item for entry_id in played if entry_id in slots],
        remaining=_items(rest, slots),
        version=source.version,
    )


async def _roll_over(store: ShuffleStore, source: ShuffleSource, end: Pop) -> bool:
    """Start the next cycle after ``end``; ``False`` if there is nothing to play."""
    entries, slots = _by_entry(await source.tracks())
    if not entries:
        return False
    overview = await store.overview(source.key, 0)
    if overview is None:
        return True  # deleted meanwhile: the caller starts a new session
    meta = overview.meta
    cycle = end.cycle + 1
    last = _entry_id(end.last_played)
    order = cycle_order(entries, meta.mode, meta.seed, cycle=cycle, previous_last=last)
    await store.start_cycle(
        source.key,
        end.revision,
        _items(order, slots),
        cycle=cycle,
        version=source.version,
        previous_last=end.last_played,
    )
    return True


async def _look_ahead(source: ShuffleSource, overview: Overview) -> list[str]:
    """The next items, continuing into the cycles after this one (computed as they will
    be, should the entries stay the same) when this one ends sooner."""
    upcoming = list(overview.upcoming)
    if len(upcoming) >= UPCOMING or overview.remaining > len(upcoming):
        return upcoming
    entries, slots = _by_entry(await source.tracks())
    meta = overview.meta
    cycle = meta.cycle
    last = _entry_id(upcoming[-1] if upcoming else overview.last_played)
    while entries and len(upcoming) < UPCOMING:
        cycle += 1
        order = cycle_order(entries, meta.mode, meta.seed, cycle=cycle, previous_last=last)
        upcoming += _items(order, slots)[: UPCOMING - len(upcoming)]
        last = order[-1].entry_id
    return upcoming
