"""Schema bases: reads serialize from ORM objects or rows; writes reject unknown fields."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]


class ReadSchema(BaseModel):
    """A response body."""

    model_config = ConfigDict(from_attributes=True)


class WriteSchema(BaseModel):
    """A request body: unknown fields are 422 so a client can never set ids or counters."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
