"""Bodies and windows of the top lists and the charts."""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, Field

from fastfm.catalog.songs.schemas import SONG_EXAMPLE
from fastfm.kit.schemas import ReadSchema
from fastfm.library.bodies import ArtistBody, SongBody

ARTIST_EXAMPLE: dict[str, Any] = {
    "id": 7,
    "name": "Nina Simone",
    "bio": "Singer, pianist and songwriter.",
    "image_url": None,
    "genres": [{"id": 1, "name": "Jazz", "slug": "jazz"}],
    "follower_count": 1200,
    "created_at": "2026-01-02T03:04:05Z",
    "updated_at": "2026-01-02T03:04:05Z",
}


class TopRange(StrEnum):
    """How far back a user's top lists look."""

    SHORT = "short"
    MEDIUM = "medium"
    LONG = "long"


class ChartPeriod(StrEnum):
    """The rolling window of the public charts."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    ALL = "all"


# None: all time.
TOP_RANGE_WINDOWS: dict[TopRange, timedelta | None] = {
    TopRange.SHORT: timedelta(weeks=4),
    TopRange.MEDIUM: timedelta(days=182),
    TopRange.LONG: None,
}
CHART_PERIOD_WINDOWS: dict[ChartPeriod, timedelta | None] = {
    ChartPeriod.DAY: timedelta(hours=24),
    ChartPeriod.WEEK: timedelta(days=7),
    ChartPeriod.MONTH: timedelta(days=30),
    ChartPeriod.ALL: None,
}


class SongPlayCountRead(ReadSchema):
    """A song and how often it was played in the window."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"song": SONG_EXAMPLE, "play_count": 17}]}
    )

    song: SongBody
    play_count: int = Field(ge=1)


class ArtistPlayCountRead(ReadSchema):
    """An artist and how often songs led by them were played in the window."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"artist": ARTIST_EXAMPLE, "play_count": 31}]}
    )

    artist: ArtistBody
    play_count: int = Field(ge=1)
