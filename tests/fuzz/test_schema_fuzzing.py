"""schemathesis over every operation of a real server, on both profiles.

The server runs in its own process (uvicorn, as in production), on the profile's
database and Redis, with real tokens of an admin and of a plain user. The run must find
no failure of any check: no server error, no undocumented status code, no ``Allow``
mismatch, no response outside its schema, no schema-valid request refused and no invalid
one accepted. The figures are printed in the test summary (see tests/conftest.py).
"""

from __future__ import annotations

import asyncio

from fastapi import FastAPI

from tests.conftest import Profile
from tests.factories.users import make_admin
from tests.fuzz import harness
from tests.fuzz.report import FIGURES
from tests.integrations.spotify.conftest import spotify_server_env
from tests.integrations.spotify.fake import FakeSpotify, serving
from tests.server import running_server


async def test_the_fuzzer_finds_nothing(profile: Profile, app: FastAPI) -> None:
    # Spotify is configured against a local fake, so its routes are fuzzed working (their
    # unconfigured 503s have tests of their own).
    async with (
        serving(FakeSpotify()) as fake,
        running_server(profile.settings, env=spotify_server_env(fake)) as base_url,
    ):
        admin = await asyncio.to_thread(harness.sign_up, base_url, "fuzz_admin")
        user = await asyncio.to_thread(harness.sign_up, base_url, "fuzz_user")
        await make_admin(profile, admin.id)
        figures = await asyncio.to_thread(harness.run, profile.name, base_url, admin, user)
    FIGURES.append(figures)

    assert figures.operations >= 60
    assert figures.examples > figures.operations * harness.MAX_EXAMPLES
    assert not figures.errors, figures.errors
    assert not figures.failures, "\n".join([figures.line(), *figures.samples])
