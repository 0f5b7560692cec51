"""The same behaviour from both session stores: in-process and Redis."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest
from redis.asyncio import Redis

from fastfm.shuffle.store import SESSION_TTL_SECONDS, SessionKey, SessionMeta, ShuffleStore
from fastfm.shuffle.store_memory import MemoryShuffleStore
from fastfm.shuffle.store_redis import RedisShuffleStore
from tests.backends import REDIS_URL, require_redis

KEY = SessionKey.playlist(user_id=7, playlist_id=12)
META = SessionMeta(mode="balanced", seed=99, cycle=1, version="snap-1", previous_last=None)
SHORT_TTL = 0.5


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Backend:
    """A way to build stores of one kind, and to let time pass for them."""

    make: Callable[[float], ShuffleStore]
    advance: Callable[[float], Awaitable[None]]


@pytest.fixture(params=["memory", "redis"])
async def backend(request: pytest.FixtureRequest) -> AsyncIterator[Backend]:
    if request.param == "memory":
        clock = FakeClock()

        async def tick(seconds: float) -> None:
            clock.now += seconds

        yield Backend(lambda ttl: MemoryShuffleStore(ttl_seconds=ttl, clock=clock), tick)
        return
    await require_redis()
    redis = Redis.from_url(REDIS_URL)
    prefix = f"fastfm-test-{uuid.uuid4().hex[:8]}"
    try:
        yield Backend(lambda ttl: RedisShuffleStore(redis, prefix, ttl), asyncio.sleep)
    finally:
        keys = [k async for k in redis.scan_iter(match=f"{prefix}:*", count=500)]
        if keys:
            await redis.delete(*keys)
        await redis.aclose()


@pytest.fixture
def store(backend: Backend) -> ShuffleStore:
    return backend.make(SESSION_TTL_SECONDS)


def ids(*numbers: int) -> list[str]:
    """Items as the service stores them: opaque strings (here just numbers)."""
    return [str(number) for number in numbers]


async def drain(store: ShuffleStore, key: SessionKey = KEY, version: str = "snap-1") -> list[str]:
    taken: list[str] = []
    while (pop := await store.pop(key, version)).status == "ok":
        assert pop.item is not None
        taken.append(pop.item)
    return taken


async def drain_some(store: ShuffleStore, count: int) -> None:
    for _ in range(count):
        assert (await store.pop(KEY, "snap-1")).status == "ok"


class TestCreate:
    async def test_a_new_session_holds_its_order_and_nothing_played(
        self, store: ShuffleStore
    ) -> None:
        assert await store.create(KEY, META, ids(3, 1, 2), replace=False)
        state = await store.state(KEY)
        assert state is not None
        assert state.meta == META
        assert (state.played, state.remaining) == ([], ids(3, 1, 2))

    async def test_without_replace_an_existing_session_is_kept(self, store: ShuffleStore) -> None:
        await store.create(KEY, META, ids(3, 1, 2), replace=False)
        other = SessionMeta("random", 5, 1, "snap-2", None)
        assert not await store.create(KEY, other, ids(9), replace=False)
        state = await store.state(KEY)
        assert state is not None
        assert (state.meta, state.remaining) == (META, ids(3, 1, 2))

    async def test_replace_starts_over(self, store: ShuffleStore) -> None:
        await store.create(KEY, META, ids(3, 1, 2), replace=False)
        await store.pop(KEY, "snap-1")
        other = SessionMeta("random", 5, 1, "snap-2", None)
        assert await store.create(KEY, other, ids(9, 8), replace=True)
        state = await store.state(KEY)
        assert state is not None
        assert (state.meta, state.played, state.remaining) == (other, [], ids(9, 8))

    async def test_long_orders_are_stored_whole(self, store: ShuffleStore) -> None:
        order = ids(*range(1, 25_001))
        await store.create(KEY, META, order, replace=True)
        state = await store.state(KEY)
        assert state is not None
        assert state.remaining == order

    async def test_sessions_are_per_user_and_source(self, store: ShuffleStore) -> None:
        keys = [KEY, SessionKey.playlist(8, 12), SessionKey.playlist(7, 13), SessionKey.liked(7)]
        for number, key in enumerate(keys):
            await store.create(key, META, ids(number), replace=True)
        for number, key in enumerate(keys):
            assert await drain(store, key) == ids(number)


class TestPop:
    async def test_returns_the_order_then_reports_the_cycle_exhausted(
        self, store: ShuffleStore
    ) -> None:
        await store.create(KEY, META, ids(3, 1, 2), replace=True)
        pops = [await store.pop(KEY, "snap-1") for _ in range(3)]
        assert [(p.status, p.item, p.remaining, p.cycle) for p in pops] == [
            ("ok", "3", 2, 1),
            ("ok", "1", 1, 1),
            ("ok", "2", 0, 1),
        ]
        end = await store.pop(KEY, "snap-1")
        assert (end.status, end.last_played, end.cycle) == ("exhausted", "2", 1)
        state = await store.state(KEY)
        assert state is not None
        assert (state.played, state.remaining) == (ids(3, 1, 2), [])

    async def test_an_empty_cycle_reports_the_previous_cycles_last_entry(
        self, store: ShuffleStore
    ) -> None:
        meta = SessionMeta("balanced", 1, 4, "v", previous_last="42")
        await store.create(KEY, meta, [], replace=True)
        end = await store.pop(KEY, "v")
        assert (end.status, end.last_played, end.cycle) == ("exhausted", "42", 4)

    async def test_another_version_pops_nothing(self, store: ShuffleStore) -> None:
        await store.create(KEY, META, ids(3, 1), replace=True)
        stale = await store.pop(KEY, "snap-0")
        assert stale.status == "stale"
        assert stale.item is None
        assert await drain(store) == ids(3, 1)

    async def test_without_a_session(self, store: ShuffleStore) -> None:
        assert (await store.pop(KEY, "snap-1")).status == "missing"

    async def test_concurrent_pops_never_return_an_entry_twice(self, store: ShuffleStore) -> None:
        # 90 at once: redis-py's pool refuses a 101st connection rather than wait for one.
        await store.create(KEY, META, ids(*range(60)), replace=True)
        pops = await asyncio.gather(*(store.pop(KEY, "snap-1") for _ in range(90)))
        taken = [p.item for p in pops if p.item is not None]
        assert sorted(taken, key=int) == ids(*range(60))
        assert [p.status for p in pops].count("exhausted") == 30


class TestRewrite:
    async def test_replaces_both_lists_and_the_version(self, store: ShuffleStore) -> None:
        await store.create(KEY, META, ids(1, 2, 3, 4), replace=True)
        await drain_some(store, 2)
        state = await store.state(KEY)
        assert state is not None
        assert await store.rewrite(
            KEY, state.revision, played=ids(2), remaining=ids(4, 9, 3), version="snap-2"
        )
        assert (await store.pop(KEY, "snap-1")).status == "stale"
        assert await drain(store, version="snap-2") == ids(4, 9, 3)
        after = await store.state(KEY)
        assert after is not None
        assert (after.meta.version, after.played) == ("snap-2", ids(2, 4, 9, 3))

    async def test_long_lists_survive_whole(self, store: ShuffleStore) -> None:
        await store.create(KEY, META, [], replace=True)
        state = await store.state(KEY)
        assert state is not None
        played, remaining = ids(*range(1, 12_001)), ids(*range(20_000, 27_001))
        await store.rewrite(
            KEY, state.revision, played=played, remaining=remaining, version="snap-2"
        )
        after = await store.state(KEY)
        assert after is not None
        assert (after.played, after.remaining) == (played, remaining)

    async def test_refuses_once_anything_moved(self, store: ShuffleStore) -> None:
        await store.create(KEY, META, ids(1, 2, 3), replace=True)
        state = await store.state(KEY)
        assert state is not None
        await store.pop(KEY, "snap-1")
        assert not await store.rewrite(
            KEY, state.revision, played=[], remaining=ids(1, 2, 3), version="snap-2"
        )
        assert await drain(store) == ids(2, 3)

    async def test_refuses_a_session_started_over_meanwhile(self, store: ShuffleStore) -> None:
        await store.create(KEY, META, ids(1, 2), replace=True)
        state = await store.state(KEY)
        assert state is not None
        await store.delete(KEY)
        await store.create(KEY, META, ids(5, 6), replace=True)
        for revision in (state.revision, 0):
            assert not await store.rewrite(
                KEY, revision, played=[], remaining=ids(1, 2), version="snap-1"
            )
        assert await drain(store) == ids(5, 6)

    async def test_without_a_session(self, store: ShuffleStore) -> None:
        assert not await store.rewrite(KEY, 0, played=[], remaining=ids(1), version="snap-1")
        assert await store.state(KEY) is None


class TestStartCycle:
    async def test_begins_the_next_cycle_from_scratch(self, store: ShuffleStore) -> None:
        await store.create(KEY, META, ids(1, 2), replace=True)
        await drain(store)
        end = await store.pop(KEY, "snap-1")
        assert await store.start_cycle(
            KEY, end.revision, ids(2, 1), cycle=2, version="snap-1", previous_last=end.last_played
        )
        state = await store.state(KEY)
        assert state is not None
        assert state.meta == SessionMeta("balanced", 99, 2, "snap-1", previous_last="2")
        assert (state.played, state.remaining) == ([], ids(2, 1))
        first = await store.pop(KEY, "snap-1")
        assert (first.item, first.cycle) == ("2", 2)

    async def test_only_one_of_two_racing_rollovers_wins(self, store: ShuffleStore) -> None:
        await store.create(KEY, META, [], replace=True)
        end = await store.pop(KEY, "snap-1")
        results = await asyncio.gather(
            store.start_cycle(KEY, end.revision, ids(1), cycle=2, version="v", previous_last=None),
            store.start_cycle(KEY, end.revision, ids(2), cycle=2, version="v", previous_last=None),
        )
        assert sorted(results) == [False, True]
        assert await drain(store, version="v") == (ids(1) if results[0] else ids(2))


class TestOverviewAndDelete:
    async def test_overview_counts_and_shows_what_comes_next(self, store: ShuffleStore) -> None:
        await store.create(KEY, META, ids(*range(1, 16)), replace=True)
        await store.pop(KEY, "snap-1")
        overview = await store.overview(KEY, 10)
        assert overview is not None
        assert (overview.meta, overview.played, overview.remaining) == (META, 1, 14)
        assert overview.upcoming == ids(*range(2, 12))
        assert overview.last_played == "1"
        short = await store.overview(KEY, 0)
        assert short is not None
        assert short.upcoming == []

    async def test_overview_of_a_fresh_cycle_names_the_previous_cycles_last_entry(
        self, store: ShuffleStore
    ) -> None:
        meta = SessionMeta("random", 3, 2, "v", previous_last="8")
        await store.create(KEY, meta, ids(5, 6), replace=True)
        overview = await store.overview(KEY, 10)
        assert overview is not None
        assert (overview.played, overview.remaining, overview.upcoming) == (0, 2, ids(5, 6))
        assert overview.last_played == "8"

    async def test_delete_forgets_the_session(self, store: ShuffleStore) -> None:
        await store.create(KEY, META, ids(1), replace=True)
        assert await store.delete(KEY)
        assert not await store.delete(KEY)
        assert await store.overview(KEY, 10) is None
        assert (await store.pop(KEY, "snap-1")).status == "missing"


class TestExpiry:
    async def test_an_unused_session_expires_and_each_use_renews_it(self, backend: Backend) -> None:
        store = backend.make(SHORT_TTL)
        await store.create(KEY, META, ids(1, 2, 3), replace=True)
        await backend.advance(SHORT_TTL * 0.6)
        assert (await store.pop(KEY, "snap-1")).item == "1"
        await backend.advance(SHORT_TTL * 0.6)
        assert await store.overview(KEY, 1) is not None
        await backend.advance(SHORT_TTL * 0.6)
        assert (await store.pop(KEY, "snap-1")).item == "2"
        await backend.advance(SHORT_TTL * 1.5)
        assert await store.state(KEY) is None
        assert (await store.pop(KEY, "snap-1")).status == "missing"


class TestRedisOnly:
    async def test_sessions_outlive_the_client_that_wrote_them(self) -> None:
        await require_redis()
        prefix = f"fastfm-test-{uuid.uuid4().hex[:8]}"
        first, second = Redis.from_url(REDIS_URL), Redis.from_url(REDIS_URL)
        try:
            await RedisShuffleStore(first, prefix).create(KEY, META, ids(4, 5), replace=True)
            await first.aclose()
            assert await drain(RedisShuffleStore(second, prefix)) == ids(4, 5)
        finally:
            keys = [k async for k in second.scan_iter(match=f"{prefix}:*")]
            if keys:
                await second.delete(*keys)
            await second.aclose()

    async def test_every_key_of_a_session_carries_the_24_hour_expiry(self) -> None:
        await require_redis()
        redis = Redis.from_url(REDIS_URL)
        store = RedisShuffleStore(redis, f"fastfm-test-{uuid.uuid4().hex[:8]}")
        try:
            await store.create(KEY, META, ids(4, 5), replace=True)
            await store.pop(KEY, "snap-1")
            for name in store.keys(KEY):
                ttl = await redis.pttl(name)
                assert SESSION_TTL_SECONDS * 1000 - 5000 < ttl <= SESSION_TTL_SECONDS * 1000
        finally:
            await redis.delete(*store.keys(KEY))
            await redis.aclose()
