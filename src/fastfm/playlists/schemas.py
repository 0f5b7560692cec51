"""Playlist request and response bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import ConfigDict, Field, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

from fastfm.catalog.songs.schemas import SONG_EXAMPLE, SongRead
from fastfm.kit.ids import CountField, IdField, PositionField
from fastfm.kit.pagination import Page
from fastfm.kit.schemas import Description, Flag, Name, ReadSchema, WriteSchema

MAX_TRACKS_PER_ADD = 100
MAX_TRACKS_PER_REPLACE = 10_000
MAX_TRACKS_PER_REMOVE = 100
FIRST_TRACKS_PAGE = 100

SongId = IdField
Position = PositionField
SnapshotId = Annotated[
    str | None,
    Field(
        default=None,
        max_length=64,
        description="The snapshot the client last saw; if it is no longer current: 409",
    ),
]

USER_REF_EXAMPLE: dict[str, Any] = {"id": 42, "username": "ada", "display_name": "Ada Lovelace"}
PLAYLIST_EXAMPLE: dict[str, Any] = {
    "id": 5,
    "name": "Late night",
    "description": "Slow and low",
    "is_public": True,
    "owner": USER_REF_EXAMPLE,
    "collaborators": [{"id": 43, "username": "grace", "display_name": None}],
    "track_count": 1,
    "total_duration_ms": 622000,
    "follower_count": 3,
    "snapshot_id": "Xq3dV1sQe0M2m9yZ1n8A4w",
    "created_at": "2026-11-22T06:00:00Z",
    "updated_at": "2026-11-22T06:10:00Z",
}
PLAYLIST_TRACK_EXAMPLE: dict[str, Any] = {
    "position": 0,
    "song": SONG_EXAMPLE,
    "added_by": USER_REF_EXAMPLE,
    "added_at": "2026-11-22T06:10:00Z",
}


class UserRef(ReadSchema):
    """A user's short form."""

    model_config = ConfigDict(json_schema_extra={"examples": [USER_REF_EXAMPLE]})

    id: int
    username: str
    display_name: str | None


class PlaylistRead(ReadSchema):
    """A playlist's details and exact totals (its tracks are under ``/tracks``)."""

    model_config = ConfigDict(json_schema_extra={"examples": [PLAYLIST_EXAMPLE]})

    id: int
    name: str
    description: str | None
    is_public: bool
    owner: UserRef
    collaborators: list[UserRef]
    track_count: int
    total_duration_ms: int
    follower_count: int
    snapshot_id: str = Field(description="Opaque; changes on every change to the tracks")
    created_at: datetime
    updated_at: datetime


class PlaylistTrackRead(ReadSchema):
    """One entry of a playlist: its 0-based position, the song, who added it and when."""

    model_config = ConfigDict(json_schema_extra={"examples": [PLAYLIST_TRACK_EXAMPLE]})

    position: int
    song: SongRead
    added_by: UserRef | None = Field(description="null once that account is deleted")
    added_at: datetime


class PlaylistWithTracks(PlaylistRead):
    """A playlist with the first page (100) of its tracks."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **PLAYLIST_EXAMPLE,
                    "tracks": {
                        "items": [PLAYLIST_TRACK_EXAMPLE],
                        "total": 1,
                        "limit": FIRST_TRACKS_PAGE,
                        "offset": 0,
                        "next": None,
                        "previous": None,
                    },
                }
            ]
        }
    )

    tracks: Page[PlaylistTrackRead]


class PlaylistCreate(WriteSchema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"name": "Late night", "description": "Slow and low", "is_public": True}]
        }
    )

    name: Name
    description: Description | None = None
    is_public: Flag = False


class PlaylistReplace(WriteSchema):
    """Every detail at once (``PUT``): all three are required; ``description`` may be null."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"name": "Late night", "description": None, "is_public": False}]
        }
    )

    name: Name
    description: Description | None
    is_public: Flag


class PlaylistUpdate(WriteSchema):
    """Any subset of the details (``PATCH``); ``description: null`` clears it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "Later night"}]})

    name: Name | SkipJsonSchema[None] = None
    description: Description | None = None
    is_public: Flag | SkipJsonSchema[None] = None

    @field_validator("name", "is_public", mode="after")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # Defaults are not validated, so this only runs for a value the client sent.
        if value is None:
            raise ValueError("may be omitted but not null")
        return value


class TracksAdd(WriteSchema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"song_ids": [42, 7], "position": 0}]}
    )

    song_ids: list[SongId] = Field(
        min_length=1, max_length=MAX_TRACKS_PER_ADD, description="1..100 ids; repeats allowed"
    )
    position: Position | None = Field(
        default=None, description="Insert before this position (0 = top); omitted: append"
    )


class TracksReplace(WriteSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"song_ids": [42, 7, 42]}]})

    song_ids: list[SongId] = Field(max_length=MAX_TRACKS_PER_REPLACE, description="0..10000 ids")


class TracksReorder(WriteSchema):
    """Move the block ``[range_start, range_start + range_length)`` before ``insert_before``.

    Positions refer to the playlist before the move (Spotify's reorder); ``insert_before``
    equal to the length moves the block to the end.
    """

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"range_start": 9, "insert_before": 0, "range_length": 2}]}
    )

    range_start: Position
    insert_before: Position
    range_length: CountField = 1
    snapshot_id: SnapshotId


class TracksRemove(WriteSchema):
    """Either ``positions`` or ``song_ids`` (every occurrence of each), not both."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"positions": [0, 3]}, {"song_ids": [42]}]}
    )

    positions: list[Position] | None = Field(
        default=None, min_length=1, max_length=MAX_TRACKS_PER_REMOVE
    )
    song_ids: list[SongId] | None = Field(
        default=None, min_length=1, max_length=MAX_TRACKS_PER_REMOVE
    )
    snapshot_id: SnapshotId

    @model_validator(mode="after")
    def _exactly_one_selector(self) -> TracksRemove:
        if (self.positions is None) == (self.song_ids is None):
            raise ValueError("give either positions or song_ids")
        return self


class SnapshotRead(ReadSchema):
    """The playlist's ``snapshot_id`` after a track write."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"snapshot_id": "Xq3dV1sQe0M2m9yZ1n8A4w"}]}
    )

    snapshot_id: str
