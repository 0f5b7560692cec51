"""A second app on the profile's database and Redis, with some settings changed."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from httpx import ASGITransport, AsyncClient

from fastfm.main import create_app
from tests.conftest import Profile

DEFAULT_ADDRESS = "203.0.113.7"


@asynccontextmanager
async def running_app(
    profile: Profile, *, routers: Sequence[APIRouter] = (), **overrides: object
) -> AsyncIterator[FastAPI]:
    """``create_app`` with the profile's settings plus ``overrides``, lifespan running.

    Request the ``app`` fixture alongside, so the database and Redis are reset after.
    """
    settings = profile.settings.model_copy(update=overrides)
    app = create_app(settings)
    for router in routers:
        app.include_router(router)
    async with app.router.lifespan_context(app):
        yield app


@asynccontextmanager
async def client_for(app: FastAPI, address: str = DEFAULT_ADDRESS) -> AsyncIterator[AsyncClient]:
    """An HTTP client for ``app`` that appears to come from ``address``."""
    transport = ASGITransport(app=app, client=(address, 50000))
    async with AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
