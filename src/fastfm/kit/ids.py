"""Bounds of every integer the API accepts, in one place.

Ids are INTEGER columns on both databases, so an id is 1..2^31-1. A value outside the
storable range is a validation error (422) wherever it appears — path, query or body —
and the range is stated in the OpenAPI schema (``minimum``/``maximum``), so a client
generated from ``/openapi.json`` never sends one. An ``offset`` is bounded the same way:
no list can hold 2^31 rows, so a larger offset could only ever answer an empty page.

Use the ``Annotated`` aliases below in routes and schemas rather than writing the bounds
out again.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import Field

MAX_INT32 = 2**31 - 1
MAX_INT64 = 2**63 - 1

MAX_ID = MAX_INT32
MAX_OFFSET = MAX_INT32
MAX_POSITION = MAX_INT32
MAX_MILLISECONDS = MAX_INT32

# An id anywhere in a request.
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
IdField = Annotated[int, Field(ge=1, le=MAX_ID)]

# Positions in an ordered list (0-based) and counts of items.
PositionField = Annotated[int, Field(ge=0, le=MAX_POSITION)]
CountField = Annotated[int, Field(ge=1, le=MAX_POSITION)]

# Durations and times heard, in milliseconds.
DurationMsField = Annotated[int, Field(gt=0, le=MAX_MILLISECONDS, description="Milliseconds, > 0")]
MillisecondsField = Annotated[int, Field(ge=0, le=MAX_MILLISECONDS, description="Milliseconds")]
MillisecondsQuery = Annotated[
    int | None, Query(ge=0, le=MAX_MILLISECONDS, description="Milliseconds, inclusive")
]

# A shuffle seed or any other caller-chosen 64-bit value.
Int64Field = Annotated[int, Field(ge=0, le=MAX_INT64)]


def is_storable_id(value: int) -> bool:
    """Whether ``value`` fits an id column (a smaller or larger one can match no row)."""
    return 1 <= value <= MAX_ID
