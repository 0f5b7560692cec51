"""The application factory: lifespan resources, middleware, error handlers and routers."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from fastfm import api, health
from fastfm.auth.security import configure_password_hashing
from fastfm.config import Settings, get_settings
from fastfm.db.busy import install_pool_timeout_handler
from fastfm.db.faults import RetryTransientFaults
from fastfm.db.integrity import install_integrity_handler
from fastfm.db.session import Database
from fastfm.errors import install_error_handlers
from fastfm.graphql import router as graphql
from fastfm.integrations.spotify.client import SpotifyClient
from fastfm.jobs.runner import JobRunner, install_queue_schema
from fastfm.observability import metrics
from fastfm.observability import router as metrics_router
from fastfm.observability.caching import ETagMiddleware, etagged
from fastfm.observability.http import ObservabilityMiddleware
from fastfm.observability.jobs import install_job_metrics
from fastfm.observability.logging import configure_logging
from fastfm.observability.middleware import BodySizeLimitMiddleware, RequestIdMiddleware
from fastfm.observability.redis_errors import install_redis_error_handler
from fastfm.observability.sentry import configure_sentry, shutdown_sentry
from fastfm.openapi import install_openapi_links
from fastfm.parties.runtime import PartyRuntime
from fastfm.playlists import service as playlist_service
from fastfm.ratelimit.budgets import Budgets
from fastfm.ratelimit.limiter import RateLimiter
from fastfm.ratelimit.middleware import RateLimitMiddleware, parse_networks
from fastfm.ratelimit.openapi import document_operations
from fastfm.runtime import freeze_startup_heap
from fastfm.state import SharedState
from fastfm.webapp import router as webapp

DESCRIPTION = """
FastFM is a multi-user music library: a catalog of artists, albums, songs, genres and
production credits, and accounts that log in with the OAuth2 password flow.

Use **Authorize** with a username (or email) and password to try the bearer-protected
routes. Errors are JSON `{"detail", "code"}`; validation errors (422) carry FastAPI's
list of field errors in `detail`.
"""

OPENAPI_TAGS = [
    {"name": "auth", "description": "Register, log in, refresh and revoke tokens."},
    {"name": "me", "description": "The signed-in account."},
    {"name": "users", "description": "Public user profiles."},
    {"name": "health", "description": "Liveness and readiness probes."},
    {"name": "jobs", "description": "Background jobs you started (e.g. a Spotify import)."},
    {"name": "spotify", "description": "Link a Spotify account and import its music."},
]


async def start_jobs(settings: Settings, database: Database) -> JobRunner | None:
    """The in-process job runner (always on SQLite; on PostgreSQL unless turned off)."""
    if not database.is_sqlite and not settings.jobs_in_process:
        await install_queue_schema(database.url)  # the API still enqueues
        return None
    runner = JobRunner(settings, database)
    await runner.start()
    return runner


OPENAPI_URL = "/openapi.json"


def create_app(settings: Settings | None = None, *, sentry_transport: Any = None) -> FastAPI:
    """Build the FastFM ASGI application for ``settings`` (default: the environment).

    ``sentry_transport`` replaces Sentry's HTTP transport (tests).
    """
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_format.value)
    configure_sentry(settings, sentry_transport)
    install_job_metrics()
    configure_password_hashing(settings)
    playlist_service.register_song_hooks()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        database = Database(
            settings.resolved_database_url,
            settings.database_pool_size,
            settings.database_pool_timeout,
        )
        shared = await SharedState.connect(settings)
        app.state.settings = settings
        app.state.database = database
        app.state.shared = shared
        app.state.parties = await PartyRuntime.start(app.state)
        runner = await start_jobs(settings, database)
        app.state.job_runner = runner
        if settings.spotify_configured:
            # One client per process: a 429 pauses every Spotify call of the process.
            app.state.spotify_client = SpotifyClient(settings)
            if runner is not None:
                runner.resources["spotify_client"] = app.state.spotify_client
        app.state.rate_limiter = RateLimiter(
            shared.limiter_storage,
            shared=shared.redis is not None,
            fallback=shared.local_limiter_storage,
            outage=shared.redis_outage,
        )
        freeze_startup_heap()
        try:
            yield
        finally:
            await app.state.parties.stop()
            if runner is not None:
                await runner.stop()
                await runner.close_resources()
            client = getattr(app.state, "spotify_client", None)
            if client is not None:
                await client.aclose()
                app.state.spotify_client = None
            await shared.close()
            await database.dispose()
            metrics.worker_exited(os.getpid())
            shutdown_sentry()

    app = FastAPI(
        title="FastFM",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_tags=[*OPENAPI_TAGS, *api.OPENAPI_TAGS, graphql.OPENAPI_TAG],
        lifespan=lifespan,
        # The OpenAPI document and its docs pages are added after the API (below).
        openapi_url=None,
    )
    app.state.settings = settings
    app.state.rate_limit_budgets = (
        Budgets.from_settings(settings) if settings.rate_limit_enabled else None
    )
    install_error_handlers(app)
    install_redis_error_handler(app)
    install_integrity_handler(app)
    install_pool_timeout_handler(app)
    # Innermost: it sees a lost connection before anything turns it into a 500.
    app.add_middleware(RetryTransientFaults)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=[
                "X-Request-ID",
                "Location",
                "Retry-After",
                "ETag",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset",
            ],
        )
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(ETagMiddleware)
    app.add_middleware(
        RateLimitMiddleware,
        budgets=app.state.rate_limit_budgets,
        trusted_proxies=parse_networks(settings.trusted_proxies),
    )
    app.add_middleware(ObservabilityMiddleware)
    app.add_middleware(RequestIdMiddleware)
    # Routes are matched in order, each at a cost: the API first, then the probes and the
    # documentation, so API requests don't try those on the way.
    api.mount(app)
    app.include_router(graphql.router)
    if not settings.is_production:
        app.include_router(graphql.graphiql_router)
    app.include_router(health.router)
    if not settings.metrics_address:
        app.include_router(metrics_router.router)
    app.openapi_url = OPENAPI_URL
    app.setup()  # /openapi.json, /docs and /redoc
    install_openapi_links(app)
    document_operations(app, etagged=etagged)
    # The app answers only what no route matched (the router's fallback).
    webapp.mount(app, settings.web_dir)
    return app
