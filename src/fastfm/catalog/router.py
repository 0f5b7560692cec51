"""The catalog's routes: artists, albums, songs, genres."""

from __future__ import annotations

from typing import Any

from fastfm.catalog.albums.router import router as albums_router
from fastfm.catalog.artists.router import router as artists_router
from fastfm.catalog.genres.router import router as genres_router
from fastfm.catalog.songs.router import router as songs_router

# Songs and albums first: their reads are the hottest, and routes match in order.
ROUTERS = (songs_router, albums_router, artists_router, genres_router)

OPENAPI_TAGS: list[dict[str, Any]] = [
    {
        "name": "catalog: artists",
        "description": "Artists, their albums, songs and production credits. Reads are "
        "public; writes need an admin.",
    },
    {
        "name": "catalog: albums",
        "description": "Albums with exact track counts and durations; "
        "`GET /albums/{id}` lists the tracks.",
    },
    {"name": "catalog: songs", "description": "Songs with artists, genres and credits."},
    {"name": "catalog: genres", "description": "Genres; names are unique regardless of case."},
]
