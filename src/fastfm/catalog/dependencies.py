"""Request dependencies every catalog router shares."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

SearchText = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Case-insensitive substring of the name or title; % and _ match literally",
    ),
]
EntityId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def search_text(q: str | None) -> str | None:
    """``q`` without surrounding blanks; a blank ``q`` filters nothing."""
    if q is None:
        return None
    return q.strip() or None
