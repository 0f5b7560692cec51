"""Sparse sort keys: where new or moved entries go, without touching their neighbours.

See the ``models`` docstring for the design. Keys are 64-bit integers; positions are
their rank. A run of ``count`` keys is ``base + step * 1 … base + step * count``.
"""

from __future__ import annotations

from dataclasses import dataclass

# Room left between two neighbours after a fresh numbering: up to GAP - 1 entries can go
# between any two without a renumbering (a move of the whole 10,000-track maximum fits).
GAP = 1 << 20
# Keys stay well inside a signed 64-bit integer, so base + step * count never overflows.
KEY_LIMIT = 1 << 62


@dataclass(frozen=True, slots=True)
class KeyRun:
    """``count`` ascending keys ``base + step * i`` for ``i`` in ``1..count``."""

    base: int
    step: int
    count: int

    def keys(self) -> list[int]:
        return [self.base + self.step * i for i in range(1, self.count + 1)]


def fresh(count: int) -> KeyRun:
    """Keys for a playlist numbered from scratch: ``GAP, 2*GAP, …``."""
    return KeyRun(0, GAP, count)


def between(count: int, lower: int | None, upper: int | None) -> KeyRun | None:
    """``count`` keys strictly between ``lower`` and ``upper`` (``None``: that end is open).

    ``None`` when the gap is too small: the playlist must be renumbered first.
    """
    if upper is None:
        if lower is None:
            return fresh(count)
        return KeyRun(lower, GAP, count) if lower + GAP * count < KEY_LIMIT else None
    if lower is None:
        base = upper - GAP * (count + 1)
        return KeyRun(base, GAP, count) if base > -KEY_LIMIT else None
    step = (upper - lower) // (count + 1)
    return KeyRun(lower, step, count) if step >= 1 else None


def neighbours_after_renumbering(position: int, length: int) -> tuple[int | None, int | None]:
    """The keys around ``position`` (``0..length``) once the playlist has fresh keys."""
    lower = position * GAP if position > 0 else None
    upper = (position + 1) * GAP if position < length else None
    return lower, upper
