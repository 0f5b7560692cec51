"""Mounts every domain router under ``/api/v1``."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from fastfm.auth.router import router as auth_router
from fastfm.catalog import router as catalog
from fastfm.library.router import router as library_router
from fastfm.playlists.router import router as playlists_router
from fastfm.shuffle.router import router as shuffle_router
from fastfm.users.router import me_router, users_router

OPENAPI_TAGS: list[dict[str, Any]] = [*catalog.OPENAPI_TAGS]

router = APIRouter(prefix="/api/v1")
# First: routes are matched in order, and the catalog's public reads are the hottest.
router.include_router(catalog.router)
router.include_router(auth_router)
router.include_router(me_router)
router.include_router(users_router)
router.include_router(playlists_router)
router.include_router(shuffle_router)
router.include_router(library_router)
