"""Track writes against a plain Python list: any sequence of inserts, moves and removals.

Each example starts from a fresh playlist, sends the operations over HTTP, and after
each one compares the tracks, the totals and the snapshot with the list model.
"""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.factories.playlists import create_playlist, delete_with_body, track_song_ids
from tests.factories.users import AuthedUser

POOL = 6  # songs[0..5]: few enough that duplicates are common
MAX_START = 12

Op = tuple[Any, ...]
inserts = st.tuples(
    st.just("insert"),
    st.lists(st.integers(0, POOL - 1), min_size=1, max_size=5),
    st.none() | st.integers(0, MAX_START + 2),
)
moves = st.tuples(
    st.just("move"),
    st.integers(0, MAX_START),
    st.integers(1, 6),
    st.integers(0, MAX_START + 2),
)
removals_by_position = st.tuples(
    st.just("remove_positions"), st.lists(st.integers(0, MAX_START), min_size=1, max_size=4)
)
removals_by_song = st.tuples(
    st.just("remove_songs"), st.lists(st.integers(0, POOL - 1), min_size=1, max_size=2)
)
operations = st.lists(inserts | moves | removals_by_position | removals_by_song, max_size=6)
initial_lists = st.lists(st.integers(0, POOL - 1), max_size=12)


def model_apply(items: list[int], op: Op) -> tuple[int, list[int]]:
    """The expected status and list after ``op`` (indices into the song pool)."""
    kind = op[0]
    if kind == "insert":
        _, added, position = op
        at = len(items) if position is None else position
        if at > len(items):
            return 422, items
        return 201, items[:at] + added + items[at:]
    if kind == "move":
        _, start, length, before = op
        if start >= len(items) or start + length > len(items) or before > len(items):
            return 422, items
        block, rest = items[start : start + length], items[:start] + items[start + length :]
        at = before if before < start else before - length
        if start <= before <= start + length:
            return 200, items
        return 200, rest[:at] + block + rest[at:]
    if kind == "remove_positions":
        positions = set(op[1])
        if any(p >= len(items) for p in positions):
            return 422, items
        return 200, [item for i, item in enumerate(items) if i not in positions]
    gone = set(op[1])
    return 200, [item for item in items if item not in gone]


def is_change(op: Op, before: list[int], status: int) -> bool:
    """Whether the playlist's tracks changed, i.e. the snapshot must be new."""
    if status >= 400:
        return False
    if op[0] == "move":
        _, start, length, before_at = op
        return not start <= before_at <= start + length
    if op[0] == "remove_songs":
        return any(item in set(op[1]) for item in before)
    return True


async def send(client: AsyncClient, user: AuthedUser, url: str, op: Op, songs: list[int]) -> Any:
    kind = op[0]
    if kind == "insert":
        body: dict[str, Any] = {"song_ids": [songs[i] for i in op[1]]}
        if op[2] is not None:
            body["position"] = op[2]
        return await client.post(url, json=body, headers=user.headers)
    if kind == "move":
        body = {"range_start": op[1], "range_length": op[2], "insert_before": op[3]}
        return await client.patch(url, json=body, headers=user.headers)
    if kind == "remove_positions":
        return await delete_with_body(client, url, {"positions": op[1]}, user)
    return await delete_with_body(client, url, {"song_ids": [songs[i] for i in op[1]]}, user)


class TestTrackWritesMatchAListModel:
    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(initial=initial_lists, ops=operations)
    @example(initial=[0, 1, 2, 3], ops=[("move", 0, 1, 4)])  # first to the end
    @example(initial=[0, 1, 2, 3], ops=[("move", 1, 2, 3)])  # a block onto itself
    @example(initial=[0, 1, 2, 3], ops=[("move", 1, 2, 1)])  # before its own start
    @example(initial=[4], ops=[("remove_positions", [0]), ("insert", [1], 0)])  # last one out
    @example(initial=[1, 2, 1], ops=[("remove_songs", [1]), ("remove_songs", [1])])
    async def test_operations(
        self,
        client: AsyncClient,
        owner: AuthedUser,
        songs: list[int],
        initial: list[int],
        ops: list[Op],
    ) -> None:
        durations = {songs[i]: 1000 * (i + 1) for i in range(POOL)}
        playlist = await create_playlist(client, owner)
        url = f"/api/v1/playlists/{playlist['id']}/tracks"
        replaced = await client.put(
            url, json={"song_ids": [songs[i] for i in initial]}, headers=owner.headers
        )
        assert replaced.status_code == 200
        snapshot = replaced.json()["snapshot_id"]
        model = list(initial)
        for op in ops:
            expected_status, expected = model_apply(model, op)
            response = await send(client, owner, url, op, songs)
            assert response.status_code == expected_status, (op, response.text)
            body = (
                await client.get(f"/api/v1/playlists/{playlist['id']}", headers=owner.headers)
            ).json()
            if is_change(op, model, expected_status):
                assert body["snapshot_id"] != snapshot, op
            else:
                assert body["snapshot_id"] == snapshot, op
            if expected_status < 400:
                assert response.json()["snapshot_id"] == body["snapshot_id"]
            snapshot, model = body["snapshot_id"], expected
            wanted = [songs[i] for i in model]
            assert await track_song_ids(client, owner, playlist["id"]) == wanted, op
            assert body["track_count"] == len(model)
            assert body["total_duration_ms"] == sum(durations[s] for s in wanted)
            positions = [t["position"] for t in body["tracks"]["items"]]
            assert positions == list(range(len(model)))
