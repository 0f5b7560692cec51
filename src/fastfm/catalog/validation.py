"""Field types and checks the catalog's write bodies share."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field, StringConstraints

MAX_ARTISTS = 50
MAX_GENRES = 20


def _no_duplicates(ids: list[int]) -> list[int]:
    if len(set(ids)) != len(ids):
        raise ValueError("ids must not repeat")
    return ids


ArtistIds = Annotated[
    list[int],
    Field(min_length=1, max_length=MAX_ARTISTS, description="Ordered; the first is the primary"),
    AfterValidator(_no_duplicates),
]
GenreIds = Annotated[list[int], Field(max_length=MAX_GENRES), AfterValidator(_no_duplicates)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2048, pattern=r"^https?://\S+$"),
]


def not_null(value: Any) -> Any:
    """A PATCH field that may be left out but not set to null."""
    if value is None:
        raise ValueError("may be omitted but not null")
    return value


def blank_to_none(value: str | None) -> str | None:
    """Optional free text: a blank string means no value."""
    return value or None
