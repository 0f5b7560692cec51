"""Mounts every domain's routers under ``/api/v1``.

The routers are mounted side by side, one level deep, rather than nested router in router:
FastAPI matches an included router by matching its routes, and the handling router
matches them again, so every level of nesting multiplies the matching work of each
request (on the catalog's reads it cost more than the query).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI

from fastfm.auth.router import router as auth_router
from fastfm.auth.session_router import router as session_router
from fastfm.catalog import router as catalog
from fastfm.integrations.spotify import router as spotify
from fastfm.jobs.router import router as jobs_router
from fastfm.library import router as library
from fastfm.parties import router as parties
from fastfm.parties import socket as party_socket
from fastfm.playlists import router as playlists
from fastfm.search.router import router as search_router
from fastfm.shuffle import router as shuffle
from fastfm.users.router import me_router, users_router

PREFIX = "/api/v1"
OPENAPI_TAGS: list[dict[str, Any]] = [
    *catalog.OPENAPI_TAGS,
    parties.OPENAPI_TAG,
    {
        "name": "search",
        "description": "One query over songs, artists, albums, playlists and genres.",
    },
]

# In matching order (each route tried costs a request): the public reads are the hottest.
ROUTERS: tuple[APIRouter, ...] = (
    *catalog.ROUTERS,
    search_router,
    auth_router,
    session_router,
    me_router,
    users_router,
    *playlists.ROUTERS,
    *shuffle.ROUTERS,
    *library.ROUTERS,
    parties.router,
    party_socket.router,
    jobs_router,
    spotify.auth_router,
    spotify.me_router,
    spotify.import_router,
)


def mount(app: FastAPI) -> None:
    """Add every API route to ``app``."""
    for router in ROUTERS:
        app.include_router(router, prefix=PREFIX)
