"""The logs of a real server through a Spotify link hold none of its secrets."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from tests.conftest import Profile
from tests.factories.playlists import quick_user
from tests.integrations.spotify.conftest import TOKEN_KEY, spotify_server_env
from tests.integrations.spotify.fake import CLIENT_SECRET, FakeSpotify
from tests.integrations.spotify.helpers import authorize_url, callback, consent
from tests.observability.test_logging import json_lines
from tests.server import running_server, server_log


async def test_a_spotify_link_leaves_no_secret_in_the_logs(
    profile: Profile, app: FastAPI, fake: FakeSpotify
) -> None:
    env = {"FASTFM_LOG_LEVEL": "INFO", **spotify_server_env(fake)}
    user = await quick_user(profile, "linker")
    async with running_server(profile.settings, cli=True, env=env) as base_url:  # noqa: SIM117
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            answer = await consent(await authorize_url(http, user))
            linked = await callback(http, answer)
            assert linked.status_code == 200, linked.text
    secrets = [CLIENT_SECRET, TOKEN_KEY, user.access_token, answer["code"], answer["state"]]
    secrets += list(fake.access_tokens) + list(fake.refresh_tokens)
    assert len(secrets) >= 7  # the fake issued an access and a refresh token
    text = server_log(profile.settings, base_url)
    for secret in secrets:
        assert secret not in text
    routes = {r.get("route") for r in json_lines(text) if r.get("event") == "request"}
    assert {"/api/v1/auth/spotify", "/api/v1/auth/spotify/callback"} <= routes
