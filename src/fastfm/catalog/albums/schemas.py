"""Album request and response bodies."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import ConfigDict, Field, field_validator
from pydantic.json_schema import SkipJsonSchema

from fastfm.catalog.genres.schemas import GenreRead
from fastfm.catalog.refs import ArtistRef, SongRef
from fastfm.catalog.validation import ArtistIds, GenreIds, not_null
from fastfm.kit.schemas import Name, ReadSchema, WriteSchema

AlbumType = Literal["album", "single", "ep", "compilation"]

ALBUM_EXAMPLE: dict[str, Any] = {
    "id": 3,
    "title": "Pastel Blues",
    "album_type": "album",
    "release_date": "1965-10-01",
    "artists": [{"id": 7, "name": "Nina Simone"}],
    "genres": [{"id": 1, "name": "Jazz", "slug": "jazz"}],
    "track_count": 9,
    "total_duration_ms": 2540000,
    "created_at": "2026-01-02T03:04:05Z",
    "updated_at": "2026-01-02T03:04:05Z",
}


class AlbumRead(ReadSchema):
    """An album with its artists (billing order), genres and exact totals."""

    model_config = ConfigDict(json_schema_extra={"examples": [ALBUM_EXAMPLE]})

    id: int
    title: str
    album_type: AlbumType
    release_date: date | None
    artists: list[ArtistRef]
    genres: list[GenreRead]
    track_count: int
    total_duration_ms: int
    created_at: datetime
    updated_at: datetime


class Track(ReadSchema):
    disc_number: int
    track_number: int | None
    song: SongRef


class AlbumDetail(AlbumRead):
    """An album with its tracks in disc and track order."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **ALBUM_EXAMPLE,
                    "tracks": [
                        {
                            "disc_number": 1,
                            "track_number": 1,
                            "song": {
                                "id": 40,
                                "title": "Be My Husband",
                                "duration_ms": 172000,
                                "artists": [{"id": 7, "name": "Nina Simone"}],
                            },
                        }
                    ],
                }
            ]
        }
    )

    tracks: list[Track]


class AlbumCreate(WriteSchema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"title": "Pastel Blues", "release_date": "1965-10-01", "artist_ids": [7]}]
        }
    )

    title: Name
    album_type: AlbumType = "album"
    release_date: date | None = None
    artist_ids: ArtistIds
    genre_ids: GenreIds = Field(default_factory=list)


class AlbumUpdate(WriteSchema):
    """Any subset of the write fields; its songs' ``release_date`` follows the album's."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"release_date": "1965-11-01"}]})

    title: Name | SkipJsonSchema[None] = None
    album_type: AlbumType | SkipJsonSchema[None] = None
    release_date: date | None = None
    artist_ids: ArtistIds | SkipJsonSchema[None] = None
    genre_ids: GenreIds | SkipJsonSchema[None] = None

    _required = field_validator("title", "album_type", "artist_ids", "genre_ids")(not_null)
