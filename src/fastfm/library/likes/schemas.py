"""Bodies of the liked-songs routes."""

from __future__ import annotations

from datetime import datetime

from pydantic import ConfigDict

from fastfm.catalog.songs.schemas import SONG_EXAMPLE
from fastfm.kit.schemas import ReadSchema
from fastfm.library.bodies import SongBody


class LikedSongRead(ReadSchema):
    """A song in the caller's liked songs, and when it was liked."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"song": SONG_EXAMPLE, "liked_at": "2026-11-22T06:30:00Z"}]}
    )

    song: SongBody
    liked_at: datetime
