"""The Spotify client against the fake over real HTTP: size cap, no redirects, bad JSON."""

from __future__ import annotations

from pathlib import Path

import pytest

from fastfm.integrations.spotify.client import SpotifyClient, SpotifyError
from tests.conftest import make_settings
from tests.integrations.spotify.conftest import spotify_settings
from tests.integrations.spotify.fake import FakeSpotify, item, track


def client_for(fake: FakeSpotify, tmp_path: Path, **overrides: object) -> SpotifyClient:
    settings = make_settings(
        "sqlite+aiosqlite:///unused.db", tmp_path, **spotify_settings(fake, **overrides)
    )
    return SpotifyClient(settings)


def signed_in(fake: FakeSpotify) -> str:
    fake.access_tokens["t"] = 2e9
    return "t"


async def test_an_answer_over_the_size_cap_is_refused(fake: FakeSpotify, tmp_path: Path) -> None:
    fake.add_playlist("pl", "Big", [item(track(n)) for n in range(100)])
    client = client_for(fake, tmp_path, spotify_max_response_bytes=4096)
    try:
        with pytest.raises(SpotifyError, match="larger than allowed"):
            await client.get("/playlists/pl/items?limit=100", signed_in(fake))
    finally:
        await client.aclose()


async def test_a_redirect_is_not_followed(fake: FakeSpotify, tmp_path: Path) -> None:
    fake.fail("/me", 302, headers={"Location": "http://127.0.0.1:9/elsewhere"})
    client = client_for(fake, tmp_path)
    try:
        with pytest.raises(SpotifyError, match="redirect"):
            await client.get("/me", signed_in(fake))
    finally:
        await client.aclose()
    assert [p for _, p in fake.requests] == ["/v1/me"]


async def test_an_expired_token_is_reported(fake: FakeSpotify, tmp_path: Path) -> None:
    client = client_for(fake, tmp_path)
    try:
        from fastfm.integrations.spotify.client import SpotifyTokenExpiredError

        with pytest.raises(SpotifyTokenExpiredError):
            await client.get("/me", "unknown-token")
    finally:
        await client.aclose()
