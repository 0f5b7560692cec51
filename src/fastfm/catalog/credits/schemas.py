"""Production credit bodies: who did what on a song."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, field_validator

from fastfm.catalog.refs import ArtistRef, SongRef
from fastfm.catalog.validation import OptionalText, blank_to_none
from fastfm.kit.ids import IdField
from fastfm.kit.schemas import ReadSchema, WriteSchema

CreditRole = Literal[
    "composer",
    "lyricist",
    "producer",
    "co_producer",
    "engineer",
    "mixing_engineer",
    "mastering_engineer",
    "arranger",
    "featured_artist",
    "performer",
]


class CreditRead(ReadSchema):
    """A credit on a song: the artist, the role and free-text detail (e.g. the instrument)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"artist": {"id": 9, "name": "Quincy Jones"}, "role": "producer", "detail": None}
            ]
        }
    )

    artist: ArtistRef
    role: CreditRole
    detail: str | None


class ArtistCreditRead(ReadSchema):
    """A credit of an artist, seen from the artist: the song, the role and the detail."""

    song: SongRef
    role: CreditRole
    detail: str | None


class CreditWrite(WriteSchema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"artist_id": 9, "role": "performer", "detail": "piano"}]}
    )

    artist_id: IdField
    role: CreditRole
    detail: OptionalText | None = None

    _blank_detail = field_validator("detail")(blank_to_none)
