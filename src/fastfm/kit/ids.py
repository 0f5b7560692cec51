"""Bounds of every integer the API accepts, in one place.

Ids are INTEGER columns on both databases, so an id is 1..2^31-1. The decision, the same
on every route: **a value outside its range is a validation error (422) wherever it
appears** — path, query or body — never a 404 and never a database error. The range is
stated in the OpenAPI schema (``minimum``/``maximum``), so a client generated from
``/openapi.json`` never sends one. An ``offset`` is bounded the same way (``MAX_OFFSET``):
a larger one is 422, an offset past the end of a list is an empty page.

The body fields (``...Field``) take a JSON integer (``5``, or ``5.0``, which JSON Schema
counts as one) and nothing else: ``true`` or ``"5"`` is a 422, not a guess.

Use the ``Annotated`` aliases below in routes and schemas rather than writing the bounds
out again.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import BeforeValidator, Field

MAX_INT32 = 2**31 - 1
MAX_INT64 = 2**63 - 1

MAX_ID = MAX_INT32
MAX_OFFSET = MAX_INT32
MAX_POSITION = MAX_INT32
MAX_MILLISECONDS = MAX_INT32
# The largest integer every JSON client (JavaScript's numbers) holds exactly; a seed is
# one a client may echo back, so it stays within it.
MAX_SAFE_INTEGER = 2**53 - 1
MAX_SEED = MAX_SAFE_INTEGER


def _json_integer(value: object) -> object:
    # bool is an int to Python and a str of digits would do to pydantic's lax mode; to
    # JSON neither is a number. Integral floats go on to int, which accepts only those.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be an integer")
    return value


# After the constraints, so the schema still states them as minimum and maximum.
JSON_INTEGER = BeforeValidator(_json_integer)

# 1..2^31-1 written out as decimal digits (no sign, no leading zero), for ids inside text
# such as ``ids=1,2,3``.
ID_PATTERN = (
    "(?:[1-9][0-9]{0,8}|1[0-9]{9}|20[0-9]{8}|21[0-3][0-9]{7}|214[0-6][0-9]{6}"
    "|2147[0-3][0-9]{5}|21474[0-7][0-9]{4}|214748[0-2][0-9]{3}|2147483[0-5][0-9]{2}"
    "|21474836[0-3][0-9]|214748364[0-7])"
)

# An id anywhere in a request.
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
IdField = Annotated[int, Field(ge=1, le=MAX_ID), JSON_INTEGER]

# Positions in an ordered list (0-based), counts of items, and list offsets.
PositionField = Annotated[int, Field(ge=0, le=MAX_POSITION), JSON_INTEGER]
CountField = Annotated[int, Field(ge=1, le=MAX_POSITION), JSON_INTEGER]
OffsetQuery = Annotated[
    int, Query(ge=0, le=MAX_OFFSET, description=f"Items to skip, 0..{MAX_OFFSET}")
]

# Durations and times heard, in milliseconds.
DurationMsField = Annotated[
    int, Field(gt=0, le=MAX_MILLISECONDS, description="Milliseconds, > 0"), JSON_INTEGER
]
MillisecondsField = Annotated[
    int, Field(ge=0, le=MAX_MILLISECONDS, description="Milliseconds"), JSON_INTEGER
]
MillisecondsQuery = Annotated[
    int | None, Query(ge=0, le=MAX_MILLISECONDS, description="Milliseconds, inclusive")
]

# A shuffle seed: 0..2^53-1.
SeedField = Annotated[int, Field(ge=0, le=MAX_SEED), JSON_INTEGER]
# Any other caller-chosen 64-bit value.
Int64Field = Annotated[int, Field(ge=0, le=MAX_INT64), JSON_INTEGER]


def is_storable_id(value: int) -> bool:
    """Whether ``value`` fits an id column (a smaller or larger one can match no row)."""
    return 1 <= value <= MAX_ID
