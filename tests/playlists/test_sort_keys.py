"""Sparse sort keys: runs fit strictly inside their gap, or say the gap ran out."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fastfm.playlists.sort_keys import GAP, KEY_LIMIT, between, fresh, neighbours_after_renumbering

keys = st.integers(min_value=-(2**61), max_value=2**61)


class TestFresh:
    def test_keys_are_gap_apart_from_gap(self) -> None:
        assert fresh(3).keys() == [GAP, 2 * GAP, 3 * GAP]

    def test_empty_run_has_no_keys(self) -> None:
        assert fresh(0).keys() == []


class TestBetween:
    @given(count=st.integers(1, 200), lower=keys, width=st.integers(1, 10**7))
    def test_run_lies_strictly_inside_the_gap_in_order(
        self, count: int, lower: int, width: int
    ) -> None:
        upper = lower + width
        run = between(count, lower, upper)
        if width - 1 < count:
            assert run is None
            return
        assert run is not None
        generated = run.keys()
        assert len(generated) == count
        assert generated == sorted(set(generated))
        assert lower < generated[0]
        assert generated[-1] < upper

    @given(count=st.integers(1, 200), upper=keys)
    def test_open_bottom_goes_below_the_first_key(self, count: int, upper: int) -> None:
        run = between(count, None, upper)
        assert run is not None
        generated = run.keys()
        assert generated == sorted(set(generated))
        assert generated[-1] < upper
        assert upper - generated[0] == GAP * count

    @given(count=st.integers(1, 200), lower=keys)
    def test_open_top_goes_above_the_last_key(self, count: int, lower: int) -> None:
        run = between(count, lower, None)
        assert run is not None
        generated = run.keys()
        assert generated == sorted(set(generated))
        assert generated[0] > lower

    def test_empty_playlist_gets_fresh_keys(self) -> None:
        assert between(2, None, None) == fresh(2)

    def test_adjacent_keys_leave_no_room(self) -> None:
        assert between(1, 10, 11) is None

    def test_exactly_enough_room(self) -> None:
        run = between(2, 10, 13)
        assert run is not None
        assert run.keys() == [11, 12]

    @pytest.mark.parametrize(
        ("lower", "upper"), [(KEY_LIMIT - GAP, None), (None, -KEY_LIMIT + GAP)]
    )
    def test_keys_near_the_limit_ask_for_renumbering(
        self, lower: int | None, upper: int | None
    ) -> None:
        assert between(5, lower, upper) is None


class TestNeighboursAfterRenumbering:
    @pytest.mark.parametrize(
        ("position", "length", "expected"),
        [
            (0, 3, (None, GAP)),
            (1, 3, (GAP, 2 * GAP)),
            (3, 3, (3 * GAP, None)),
            (0, 0, (None, None)),
        ],
    )
    def test_neighbours(
        self, position: int, length: int, expected: tuple[int | None, int | None]
    ) -> None:
        assert neighbours_after_renumbering(position, length) == expected
