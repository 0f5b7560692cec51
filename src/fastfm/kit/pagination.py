"""The list envelope every collection returns, and the ``limit``/``offset`` parameters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel, Field

from fastfm.kit.ids import OffsetQuery

T = TypeVar("T")

MAX_LIMIT = 100
DEFAULT_LIMIT = 20


class Page(BaseModel, Generic[T]):
    """``{"items", "total", "limit", "offset", "next", "previous"}``."""

    items: list[T]
    total: int = Field(ge=0)
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null on the last")
    previous: str | None = Field(description="URL of the previous page, or null on the first")


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int
    offset: int
    url: str

    def links(self, total: int) -> tuple[str | None, str | None]:
        """The ``next`` and ``previous`` URLs for this page of ``total`` items."""
        base = self.url
        next_url = None
        if self.offset + self.limit < total:
            next_url = _with_offset(base, self.offset + self.limit, self.limit)
        previous_url = None
        if self.offset > 0:
            previous_url = _with_offset(base, max(0, self.offset - self.limit), self.limit)
        return next_url, previous_url

    def page(self, items: list[T], total: int) -> Page[T]:
        next_url, previous_url = self.links(total)
        return Page[T](
            items=items,
            total=total,
            limit=self.limit,
            offset=self.offset,
            next=next_url,
            previous=previous_url,
        )

    def envelope(self, items: list[object], total: int) -> dict[str, object]:
        """The same envelope as a plain dict, for hot paths that serialize themselves."""
        next_url, previous_url = self.links(total)
        return {
            "items": items,
            "total": total,
            "limit": self.limit,
            "offset": self.offset,
            "next": next_url,
            "previous": previous_url,
        }


def _with_offset(url: str, offset: int, limit: int) -> str:
    from starlette.datastructures import URL

    return str(URL(url).include_query_params(offset=offset, limit=limit))


def page_params(
    request: Request,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size, 1..100")] = (
        DEFAULT_LIMIT
    ),
    offset: OffsetQuery = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset, url=str(request.url))


PageDep = Annotated[PageParams, Depends(page_params)]
