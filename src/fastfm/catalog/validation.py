"""Field types and checks the catalog's write bodies share."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field, StringConstraints

from fastfm.kit.ids import IdField
from fastfm.kit.schemas import TEXT_PATTERN, storable_text

MAX_ARTISTS = 50
MAX_GENRES = 20


# No blank or control character after the scheme.
URL_PATTERN = r"^https?://[^\s\u0000-\u001F\u007F]+$"
_URL = re.compile(URL_PATTERN)


def _http_url(value: str) -> str:
    if not _URL.fullmatch(storable_text(value)):
        raise ValueError("must be an http:// or https:// URL without blanks or control characters")
    return value


def _no_duplicates(ids: list[int]) -> list[int]:
    if len(set(ids)) != len(ids):
        raise ValueError("ids must not repeat")
    return ids


ArtistIds = Annotated[
    list[IdField],
    Field(
        min_length=1,
        max_length=MAX_ARTISTS,
        description="Ordered, no repeats; the first is the primary",
        json_schema_extra={"uniqueItems": True},
    ),
    AfterValidator(_no_duplicates),
]
GenreIds = Annotated[
    list[IdField],
    Field(max_length=MAX_GENRES, description="No repeats", json_schema_extra={"uniqueItems": True}),
    AfterValidator(_no_duplicates),
]
OptionalText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=200),
    AfterValidator(storable_text),
    Field(json_schema_extra={"pattern": TEXT_PATTERN}),
]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2048),
    AfterValidator(_http_url),
    Field(json_schema_extra={"pattern": URL_PATTERN}),
]


def not_null(value: Any) -> Any:
    """A PATCH field that may be left out but not set to null."""
    if value is None:
        raise ValueError("may be omitted but not null")
    return value


def blank_to_none(value: str | None) -> str | None:
    """Optional free text: a blank string means no value."""
    return value or None
