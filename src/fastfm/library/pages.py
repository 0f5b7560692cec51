"""A page of rows with the whole list's total brought along in the same statement.

``count(*) OVER ()`` is computed before LIMIT/OFFSET, so every row of a page carries the
total and a list costs one round trip. A page past the end has no row to carry it;
only then does a separate count run.
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
