"""Artist request and response bodies."""

from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict, Field, field_validator
from pydantic.json_schema import SkipJsonSchema

from fastfm.catalog.genres.schemas import GenreRead
from fastfm.catalog.validation import GenreIds, Url, blank_to_none, not_null
from fastfm.kit.schemas import Description, Name, ReadSchema, WriteSchema


class ArtistRead(ReadSchema):
    """An artist with its genres."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    "name": "Nina Simone",
                    "bio": "Singer, pianist and songwriter.",
                    "image_url": "https://images.example.com/nina.jpg",
                    "genres": [{"id": 1, "name": "Jazz", "slug": "jazz"}],
                    "follower_count": 1200,
                    "created_at": "2026-01-02T03:04:05Z",
                    "updated_at": "2026-01-02T03:04:05Z",
                }
            ]
        }
    )

    id: int
    name: str
    bio: str | None
    image_url: str | None
    genres: list[GenreRead]
    follower_count: int
    created_at: datetime
    updated_at: datetime


class ArtistCreate(WriteSchema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Nina Simone", "genre_ids": [1]}]}
    )

    name: Name
    bio: Description | None = None
    image_url: Url | None = None
    genre_ids: GenreIds = Field(default_factory=list)

    _blank_bio = field_validator("bio")(blank_to_none)


class ArtistUpdate(WriteSchema):
    """Any subset of the write fields; ``genre_ids`` replaces the artist's genres."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"bio": None, "genre_ids": [1, 2]}]})

    name: Name | SkipJsonSchema[None] = None
    bio: Description | None = None
    image_url: Url | None = None
    genre_ids: GenreIds | SkipJsonSchema[None] = None

    _required = field_validator("name", "genre_ids")(not_null)
    _blank_bio = field_validator("bio")(blank_to_none)
