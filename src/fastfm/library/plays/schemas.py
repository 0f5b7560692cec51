"""Bodies of the listening-history routes."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import AwareDatetime, ConfigDict, Field, field_validator

from fastfm.catalog.songs.schemas import SONG_EXAMPLE
from fastfm.kit.ids import IdField, MillisecondsField
from fastfm.kit.schemas import ReadSchema, WriteSchema
from fastfm.library.bodies import SongBody


class PlayCreate(WriteSchema):
    """A listen to record."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"song_id": 42},
                {"song_id": 42, "played_at": "2026-11-22T06:30:00Z", "ms_played": 184000},
            ]
        }
    )

    song_id: IdField
    played_at: AwareDatetime | None = Field(
        default=None,
        description="When the listen started: ISO 8601 with a timezone (a timestamp without "
        "one is 422; stored and returned in UTC), not in the future. Default: now.",
    )
    ms_played: MillisecondsField | None = Field(
        default=None, description="How long it was heard, in ms"
    )

    @field_validator("played_at", mode="after")
    @classmethod
    def _utc_and_not_in_future(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value > datetime.now(UTC):
            raise ValueError("played_at must not be in the future")
        return value.astimezone(UTC)


class PlayRead(ReadSchema):
    """A recorded listen."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"id": 9, "song_id": 42, "played_at": "2026-11-22T06:30:00Z", "ms_played": 184000}
            ]
        }
    )

    id: int
    song_id: int
    played_at: datetime
    ms_played: int | None


class RecentPlayRead(ReadSchema):
    """A song the caller listened to, and when."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"song": SONG_EXAMPLE, "played_at": "2026-11-22T06:30:00Z"}]
        }
    )

    song: SongBody
    played_at: datetime
