"""Search parameters and the response body."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from fastfm.catalog.albums.schemas import AlbumRead
from fastfm.catalog.artists.schemas import ArtistRead
from fastfm.catalog.genres.schemas import GenreRead
from fastfm.catalog.songs.schemas import SongRead
from fastfm.kit.pagination import Page
from fastfm.kit.schemas import BLANKS
from fastfm.playlists.schemas import PlaylistRead

# What `type` may name, in the order the answer lists them; the response keys are plural.
TYPES = ("song", "artist", "album", "playlist", "genre")
RESULT_KEYS = {kind: f"{kind}s" for kind in TYPES}
MAX_QUERY_LENGTH = 200
MAX_SEARCH_LIMIT = 50
DEFAULT_SEARCH_LIMIT = 20
MAX_SEARCH_OFFSET = 1000

_ONE_TYPE = "(" + "|".join(TYPES) + ")"
_BLANK = f"[{BLANKS}]*"
TYPE_PATTERN = rf"^{_BLANK}{_ONE_TYPE}{_BLANK}(,{_BLANK}{_ONE_TYPE}{_BLANK})*$"
# Not blank: at least one character that is not a blank.
NOT_BLANK_PATTERN = f"[^{BLANKS}]"

SearchQuery = Annotated[
    str,
    Query(
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        pattern=NOT_BLANK_PATTERN,
        description=(
            "What to look for (1..200 characters, not blank). Case and accents are ignored, "
            "words match in any order, the last word also matches as a prefix, and a word "
            "of five letters or more also matches with one typo."
        ),
        examples=["harbour lights"],
    ),
]
SearchTypes = Annotated[
    str | None,
    Query(
        pattern=TYPE_PATTERN,
        description="Comma-separated kinds to search: song, artist, album, playlist, genre "
        "(default: all five). Only these appear in the answer.",
        examples=["song,artist"],
    ),
]
SearchLimit = Annotated[
    int, Query(ge=1, le=MAX_SEARCH_LIMIT, description="Results per kind, 1..50")
]
SearchOffset = Annotated[
    int,
    Query(ge=0, le=MAX_SEARCH_OFFSET, description="Results to skip per kind, 0..1000"),
]


def parse_types(value: str | None) -> tuple[str, ...]:
    """The asked kinds in answer order, each once (all five when none are named)."""
    if value is None:
        return TYPES
    asked = {part.strip() for part in value.split(",")}
    return tuple(kind for kind in TYPES if kind in asked)


class SearchResults(BaseModel):
    """Best matches first, one list envelope per asked kind (its ``total`` counts every
    match of that kind). Kinds not asked for are absent."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "genres": {
                        "items": [{"id": 3, "name": "Dream Pop", "slug": "dream-pop"}],
                        "total": 1,
                        "limit": 20,
                        "offset": 0,
                        "next": None,
                        "previous": None,
                    }
                }
            ]
        }
    )

    songs: Page[SongRead] | None = Field(default=None)
    artists: Page[ArtistRead] | None = Field(default=None)
    albums: Page[AlbumRead] | None = Field(default=None)
    playlists: Page[PlaylistRead] | None = Field(default=None)
    genres: Page[GenreRead] | None = Field(default=None)
