"""A page of a ranking with the ranking's length brought along in the same statement.

For GROUP BY rankings (top lists, charts) ``count(*) OVER ()`` over the grouped rows is
computed before LIMIT/OFFSET, so one aggregation serves both the page and the total.
(Plain ordered lists don't use it: there the window would materialize every row, while
a separate index-only count plus a page that stops after LIMIT is cheaper.) A page past
the end has no row to carry the total; only then does a separate count run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func

from fastfm.kit.pagination import PageParams

R = TypeVar("R")

TOTAL = func.count().over().label("total")


@dataclass(frozen=True, slots=True)
class PageRows(Generic[R]):
    """The rows of one page; ``total`` is None when the page carried no row."""

    rows: list[R]
    total: int | None


async def total_of(
    page: PageRows[R], params: PageParams, count: Callable[[], Awaitable[int]]
) -> int:
    """The list's total: from the page, else 0 for an empty first page, else counted."""
    if page.total is not None:
        return page.total
    if params.offset == 0:
        return 0
    return await count()
