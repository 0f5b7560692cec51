"""The song list's filter parameters."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from fastfm.catalog.dependencies import SearchText, search_text
from fastfm.catalog.songs.listing import SongFilters
from fastfm.kit.ids import IdQuery, MillisecondsQuery

Id = IdQuery
Duration = MillisecondsQuery


def song_filters(
    q: SearchText = None,
    artist_id: Annotated[
        IdQuery, Query(description="Songs this artist performs on (any position)")
    ] = None,
    album_id: Id = None,
    genre: Annotated[IdQuery, Query(description="Genre id")] = None,
    min_duration_ms: Duration = None,
    max_duration_ms: Duration = None,
    explicit: bool | None = None,
) -> SongFilters:
    return SongFilters(
        q=search_text(q),
        artist_id=artist_id,
        album_id=album_id,
        genre=genre,
        min_duration_ms=min_duration_ms,
        max_duration_ms=max_duration_ms,
        explicit=explicit,
    )


SongFiltersDep = Annotated[SongFilters, Depends(song_filters)]
