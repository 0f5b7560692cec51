"""Unhandled errors reach Sentry with their request id, and without credentials."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from pydantic import SecretStr
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from fastfm.main import create_app
from tests.conftest import Profile
from tests.factories.playlists import quick_user

DSN = "https://publickey@errors.invalid/42"


class RecordingTransport(Transport):
    """Keeps every envelope instead of sending it."""

    def __init__(self) -> None:
        super().__init__()
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        self.envelopes.append(envelope)

    def events(self) -> list[dict[str, Any]]:
        return [
            item.payload.json
            for envelope in self.envelopes
            for item in envelope.items
            if item.type == "event" and item.payload.json is not None
        ]


@pytest.fixture
async def reporting(
    profile: Profile, app: FastAPI
) -> AsyncIterator[tuple[FastAPI, RecordingTransport]]:
    """An app that reports to a recording transport (``app``: emptied afterwards)."""
    transport = RecordingTransport()
    settings = profile.settings.model_copy(update={"sentry_dsn": SecretStr(DSN)})
    app = create_app(settings, sentry_transport=transport)

    # A route that fails, added by this test only: the app itself has none.
    @app.get("/api/v1/test-only/boom", include_in_schema=False)
    async def boom() -> None:
        raise RuntimeError("the test route failed on purpose")

    async with app.router.lifespan_context(app):
        yield app, transport


async def test_unhandled_error_is_reported(
    reporting: tuple[FastAPI, RecordingTransport], profile: Profile
) -> None:
    app, transport = reporting
    user = await quick_user(profile, "reporter")
    http_transport = ASGITransport(app=app, raise_app_exceptions=False)
    async with AsyncClient(transport=http_transport, base_url="http://testserver") as http:
        response = await http.get(
            "/api/v1/test-only/boom",
            headers={**user.headers, "X-Request-ID": "req-boom-1", "Cookie": "session=s3cr3t"},
        )
        assert response.status_code == 500
        assert response.json() == {"detail": "Internal server error", "code": "internal_error"}
        # Handled errors are not reported.
        assert (await http.get("/api/v1/songs/1")).status_code == 404
    import sentry_sdk

    sentry_sdk.flush(timeout=5)
    events = transport.events()
    assert len(events) == 1
    event = events[0]
    assert event["tags"]["request_id"] == "req-boom-1"
    assert event["tags"]["route"] == "/api/v1/test-only/boom"
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    raw = json.dumps(event)
    assert user.access_token not in raw
    assert "s3cr3t" not in raw
    assert "authorization" not in raw.lower()
    assert "user" not in event or "ip_address" not in event.get("user", {})


async def test_no_dsn_no_client(client: AsyncClient) -> None:
    import sentry_sdk

    assert not sentry_sdk.get_client().is_active()
    assert (await client.get("/healthz")).status_code == 200
