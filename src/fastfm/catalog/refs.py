"""The short forms other resources embed: ArtistRef, AlbumRef, SongRef."""

from __future__ import annotations

from pydantic import ConfigDict

from fastfm.kit.schemas import ReadSchema


class ArtistRef(ReadSchema):
    """An artist's short form."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"id": 7, "name": "Nina Simone"}]})

    id: int
    name: str


class AlbumRef(ReadSchema):
    """An album's short form."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"id": 3, "title": "Pastel Blues"}]})

    id: int
    title: str


class SongRef(ReadSchema):
    """A song's short form, with its performing artists in billing order."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 42,
                    "title": "Sinnerman",
                    "duration_ms": 622000,
                    "artists": [{"id": 7, "name": "Nina Simone"}],
                }
            ]
        }
    )

    id: int
    title: str
    duration_ms: int
    artists: list[ArtistRef]
