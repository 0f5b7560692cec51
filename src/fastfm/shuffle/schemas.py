"""Shuffle request and response bodies."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fastfm.catalog.songs.schemas import SONG_EXAMPLE, SongRead
from fastfm.kit.ids import SeedField
from fastfm.kit.schemas import WriteSchema
from fastfm.shuffle.algorithm import Mode
from fastfm.shuffle.service import UPCOMING

MODE_DESCRIPTION = (
    "`balanced` spreads each artist's tracks across the cycle and never plays two tracks "
    "of one primary artist back to back when the playlist allows it; `random` is a plain "
    "uniform shuffle"
)
NEXT_EXAMPLE: dict[str, Any] = {
    "song": SONG_EXAMPLE,
    "position": 17,
    "cycle": 1,
    "remaining_in_cycle": 41,
}
SESSION_EXAMPLE: dict[str, Any] = {
    "mode": "balanced",
    "seed": 8675309,
    "cycle": 2,
    "played": 12,
    "remaining_in_cycle": 47,
    "upcoming": [SONG_EXAMPLE],
}


class ShuffleStart(WriteSchema):
    """Options of a new session; both optional."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"mode": "balanced", "seed": 8675309}, {}]}
    )

    mode: Mode = Field(default="balanced", description=MODE_DESCRIPTION)
    seed: SeedField | None = Field(
        default=None,
        description="The same seed on the same playlist gives the same order for anyone; "
        "random when omitted",
    )


class ShuffleNext(BaseModel):
    """The next track of the shuffle."""

    model_config = ConfigDict(json_schema_extra={"examples": [NEXT_EXAMPLE]})

    song: SongRead
    position: int = Field(description="The entry's current 0-based position in the playlist")
    cycle: int = Field(description="Which pass over the playlist this is, from 1")
    remaining_in_cycle: int = Field(description="Entries still to come in this cycle after this")


class ShuffleSession(BaseModel):
    """The caller's shuffle session."""

    model_config = ConfigDict(json_schema_extra={"examples": [SESSION_EXAMPLE]})

    mode: Mode = Field(description=MODE_DESCRIPTION)
    seed: int
    cycle: int = Field(description="Which pass over the playlist this is, from 1")
    played: int = Field(description="Entries returned in this cycle")
    remaining_in_cycle: int = Field(description="Entries still to come in this cycle")
    upcoming: list[SongRead] = Field(
        description=f"The next {UPCOMING} songs, in order; past the end of this cycle they "
        "are the next cycle's first, as long as the entries stay the same",
    )
