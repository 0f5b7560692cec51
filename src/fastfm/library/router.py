"""Every library route: likes, follows, plays, top lists and charts."""

from __future__ import annotations

from fastfm.library.charts.router import charts_router, top_router
from fastfm.library.follows.router import router as follows_router
from fastfm.library.likes.router import router as likes_router
from fastfm.library.plays.router import router as plays_router

ROUTERS = (likes_router, follows_router, plays_router, top_router, charts_router)
