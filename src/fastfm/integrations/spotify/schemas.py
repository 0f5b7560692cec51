"""Spotify request and response bodies."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from fastfm.kit.schemas import WriteSchema

SpotifyId = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9]{1,64}$")]
MAX_PLAYLIST_IDS = 1000


class AuthorizeUrl(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"authorize_url": "https://accounts.spotify.com/authorize?..."}]
        }
    )

    authorize_url: str


class LinkResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"linked": True, "spotify_user_id": "wizzler"}]}
    )

    linked: bool
    spotify_user_id: str


class ImportRequest(WriteSchema):
    """What to import: every playlist (or the ones named) and, unless told not to, likes."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"playlist_ids": ["3cEYpjA9oz9GiPac4AsH4n"], "include_liked": True}]
        }
    )

    playlist_ids: list[SpotifyId] | None = Field(
        default=None,
        max_length=MAX_PLAYLIST_IDS,
        description="Spotify playlist ids; omitted: all of the account's playlists",
    )
    include_liked: bool = Field(default=True, description="Import saved tracks as likes")
