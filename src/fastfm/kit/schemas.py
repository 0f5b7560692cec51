"""Schema bases: reads serialize from ORM objects or rows; writes reject unknown fields.

Text the API accepts never holds a NUL character or a lone UTF-16 surrogate: neither can
be stored (PostgreSQL refuses NUL in text, neither database stores an unpaired surrogate
as UTF-8), so either is a 422. The schema states the NUL rule as ``TEXT_PATTERN``; a lone
surrogate (JSON's ``"\\ud800"``) is not Unicode text, which a JSON Schema string is.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

# For the OpenAPI document: an escape, not the character.
TEXT_PATTERN = r"^[^\u0000]*$"
# In a query string the same (a URL cannot carry a lone surrogate: bytes that are not
# UTF-8 are decoded to U+FFFD).
QUERY_TEXT_PATTERN = TEXT_PATTERN
# The blank characters, spelled out for use in a character class: the ones pydantic trims
# (``strip_whitespace``) and its regular expressions mean by ``\s``. Python's ``re``
# (which the fuzzer generates and validates by; it adds U+001C..U+001F) and JSON Schema's
# ECMA dialect (it adds U+FEFF, lacks U+0085) mean other sets by ``\s``, so no documented
# pattern uses it.
BLANKS = r"\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# Text with at least one character that is not blank: names may not be empty once trimmed.
NAME_PATTERN = rf"^[^\u0000]*[^{BLANKS}\u0000][^\u0000]*$"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
UNSTORABLE_MESSAGE = "must not contain NUL characters or unpaired surrogates"


def storable_text(value: str) -> str:
    """``value`` unchanged; a NUL character or a lone surrogate is a ``ValueError``."""
    if _UNSTORABLE.search(value):
        raise ValueError(UNSTORABLE_MESSAGE)
    return value


def optional_storable_text(value: str | None) -> str | None:
    """``storable_text`` for an optional value (a query parameter, say)."""
    return None if value is None else storable_text(value)


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(storable_text),
    Field(json_schema_extra={"pattern": NAME_PATTERN}),
]
Description = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2000),
    AfterValidator(storable_text),
    Field(json_schema_extra={"pattern": TEXT_PATTERN}),
]


# A JSON boolean and nothing else: 0, 1 or "true" are 422 in a body.
Flag = Annotated[bool, Field(strict=True)]


class ReadSchema(BaseModel):
    """A response body."""

    model_config = ConfigDict(from_attributes=True)


class WriteSchema(BaseModel):
    """A request body: unknown fields are 422 so a client can never set ids or counters."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
