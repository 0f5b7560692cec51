"""Request and response bodies of the party routes, and the messages of the WebSocket."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from fastfm.kit.ids import IdField, MillisecondsField
from fastfm.kit.schemas import ReadSchema, WriteSchema
from fastfm.parties.codes import PATTERN
from fastfm.playlists.schemas import UserRef

PARTY_EXAMPLE: dict[str, Any] = {
    "id": 7,
    "join_code": "K7QX4MZD",
    "host": {"id": 1, "username": "ada", "display_name": "Ada"},
    "playlist_id": 3,
    "created_at": "2026-12-02T20:00:00Z",
}


class PartyCreate(WriteSchema):
    """Start a party over a playlist the caller can see."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"playlist_id": 3}]})

    playlist_id: IdField


JoinCode = Annotated[
    str,
    # Checked as typed: trimmed first, a code padded to the pattern's length could fall
    # short of it.
    StringConstraints(strip_whitespace=False, pattern=PATTERN),
    Field(
        description="The party's code: 8 characters, any case; spaces, tabs, line breaks "
        "and dashes are ignored"
    ),
]


class PartyJoin(WriteSchema):
    """Look a party up by the code its host shared."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"join_code": "K7QX-4MZD"}]})

    join_code: JoinCode


class PartyRead(ReadSchema):
    """A party. Connect to `/api/v1/parties/{id}/ws?token=ACCESS_TOKEN` to listen along."""

    model_config = ConfigDict(json_schema_extra={"examples": [PARTY_EXAMPLE]})

    id: int
    join_code: str
    host: UserRef
    playlist_id: int
    created_at: datetime


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PlayMessage(_Message):
    type: Literal["play"]


class PauseMessage(_Message):
    type: Literal["pause"]


class SeekMessage(_Message):
    type: Literal["seek"]
    position_ms: MillisecondsField


class NextMessage(_Message):
    type: Literal["next"]


Control = Annotated[
    PlayMessage | PauseMessage | SeekMessage | NextMessage, Field(discriminator="type")
]


class ControlEnvelope(BaseModel):
    """What a WebSocket client may send."""

    control: Control
