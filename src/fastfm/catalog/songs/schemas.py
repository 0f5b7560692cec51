"""Song request and response bodies."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, ConfigDict, Field, StringConstraints, field_validator
from pydantic.json_schema import SkipJsonSchema

from fastfm.catalog.credits.schemas import CreditRead, CreditWrite
from fastfm.catalog.genres.schemas import GenreRead
from fastfm.catalog.refs import AlbumRef, ArtistRef
from fastfm.catalog.validation import ArtistIds, GenreIds, not_null
from fastfm.kit.ids import JSON_INTEGER, DurationMsField, IdField
from fastfm.kit.schemas import Flag, Name, ReadSchema, WriteSchema

MAX_CREDITS = 100

Isrc = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z]{2}[A-Za-z0-9]{3}\d{7}$"),
    AfterValidator(str.upper),
    Field(description="International Standard Recording Code, e.g. USPR36500123"),
]
DurationMs = DurationMsField
DiscNumber = Annotated[int, Field(ge=1, le=1000), JSON_INTEGER]
TrackNumber = Annotated[int, Field(ge=1, le=100_000), JSON_INTEGER]
Credits = Annotated[list[CreditWrite], Field(max_length=MAX_CREDITS)]

SONG_EXAMPLE: dict[str, Any] = {
    "id": 42,
    "title": "Sinnerman",
    "duration_ms": 622000,
    "explicit": False,
    "isrc": "USPR36500123",
    "album": {"id": 3, "title": "Pastel Blues"},
    "disc_number": 1,
    "track_number": 5,
    "release_date": "1965-10-01",
    "artists": [{"id": 7, "name": "Nina Simone"}],
    "genres": [{"id": 1, "name": "Jazz", "slug": "jazz"}],
    "credits": [{"artist": {"id": 7, "name": "Nina Simone"}, "role": "arranger", "detail": None}],
    "like_count": 12,
    "play_count": 340,
    "created_at": "2026-01-02T03:04:05Z",
    "updated_at": "2026-01-02T03:04:05Z",
}


class SongRead(ReadSchema):
    """A song with its album, performing artists (billing order), genres and credits."""

    model_config = ConfigDict(json_schema_extra={"examples": [SONG_EXAMPLE]})

    id: int
    title: str
    duration_ms: int
    explicit: bool
    isrc: str | None
    album: AlbumRef | None
    disc_number: int
    track_number: int | None
    release_date: date | None = Field(description="The album's release date")
    artists: list[ArtistRef]
    genres: list[GenreRead]
    credits: list[CreditRead]
    like_count: int
    play_count: int
    created_at: datetime
    updated_at: datetime


class SongCreate(WriteSchema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "title": "Sinnerman",
                    "duration_ms": 622000,
                    "album_id": 3,
                    "track_number": 5,
                    "artist_ids": [7],
                    "genre_ids": [1],
                    "credits": [{"artist_id": 7, "role": "arranger"}],
                }
            ]
        }
    )

    title: Name
    duration_ms: DurationMs
    explicit: Flag = False
    isrc: Isrc | None = None
    album_id: IdField | None = None
    disc_number: DiscNumber = 1
    track_number: TrackNumber | None = None
    artist_ids: ArtistIds
    genre_ids: GenreIds = Field(default_factory=list)
    credits: Credits = Field(default_factory=list)


class SongUpdate(WriteSchema):
    """Any subset of the write fields; ``credits`` replaces every credit of the song."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"title": "Sinnerman (Live)", "album_id": None}]}
    )

    title: Name | SkipJsonSchema[None] = None
    duration_ms: DurationMs | SkipJsonSchema[None] = None
    explicit: Flag | SkipJsonSchema[None] = None
    isrc: Isrc | None = None
    album_id: IdField | None = None
    disc_number: DiscNumber | SkipJsonSchema[None] = None
    track_number: TrackNumber | None = None
    artist_ids: ArtistIds | SkipJsonSchema[None] = None
    genre_ids: GenreIds | SkipJsonSchema[None] = None
    credits: Credits | SkipJsonSchema[None] = None

    _required = field_validator(
        "title", "duration_ms", "explicit", "disc_number", "artist_ids", "genre_ids", "credits"
    )(not_null)
