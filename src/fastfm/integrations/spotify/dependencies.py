"""The Spotify endpoints' dependencies: configured or 503, and the process's client."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from fastfm.auth.dependencies import SettingsDep
from fastfm.config import Settings
from fastfm.integrations.spotify.client import SpotifyClient
from fastfm.integrations.spotify.exceptions import SpotifyNotConfigured


def require_configured(settings: SettingsDep) -> Settings:
    """The settings, once Spotify is configured; 503 ``spotify_not_configured`` otherwise."""
    if not settings.spotify_configured:
        raise SpotifyNotConfigured()
    return settings


ConfiguredSettings = Annotated[Settings, Depends(require_configured)]


def get_client(request: Request, settings: ConfiguredSettings) -> SpotifyClient:
    client: SpotifyClient | None = getattr(request.app.state, "spotify_client", None)
    if client is None:
        client = SpotifyClient(settings)
        request.app.state.spotify_client = client
    return client


SpotifyClientDep = Annotated[SpotifyClient, Depends(get_client)]
