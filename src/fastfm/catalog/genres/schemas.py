"""Genre request and response bodies."""

from __future__ import annotations

from pydantic import ConfigDict, field_validator
from pydantic.json_schema import SkipJsonSchema

from fastfm.catalog.validation import not_null
from fastfm.kit.schemas import Name, ReadSchema, WriteSchema


class GenreRead(ReadSchema):
    """A genre; ``slug`` is derived from the name."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"id": 1, "name": "Hip Hop", "slug": "hip-hop"}]}
    )

    id: int
    name: str
    slug: str


class GenreCreate(WriteSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "Bossa Nova"}]})

    name: Name


class GenreUpdate(WriteSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "Bossa nova"}]})

    name: Name | SkipJsonSchema[None] = None

    _required = field_validator("name")(not_null)
