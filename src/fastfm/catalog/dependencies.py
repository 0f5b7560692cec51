"""Request dependencies every catalog router shares."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator
from pydantic.json_schema import SkipJsonSchema

from fastfm.kit.ids import IdPath
from fastfm.kit.schemas import QUERY_TEXT_PATTERN, optional_storable_text

# Not nullable in the schema: a query parameter is absent or a string (and the pattern
# then applies to that string itself).
SearchText = Annotated[
    str | SkipJsonSchema[None],
    Query(
        max_length=200,
        description="Case-insensitive substring of the name or title; % and _ match literally",
        json_schema_extra={"pattern": QUERY_TEXT_PATTERN},
    ),
    AfterValidator(optional_storable_text),
]
EntityId = IdPath


def search_text(q: str | None) -> str | None:
    """``q`` without surrounding blanks; a blank ``q`` filters nothing."""
    if q is None:
        return None
    return q.strip() or None
