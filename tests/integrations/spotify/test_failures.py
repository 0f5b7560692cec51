"""Import failures: expired and revoked tokens, 429, 5xx, timeouts, oversized answers."""

from __future__ import annotations

import asyncio

import pytest
from httpx import AsyncClient

from fastfm.integrations.spotify.linking import cipher_for, user_context
from fastfm.playlists.models import Playlist
from tests.conftest import Profile
from tests.factories.users import AuthedUser, register_and_login
from tests.integrations.spotify.fake import FakeSpotify, item, track
from tests.integrations.spotify.helpers import API, link, stored_link
from tests.integrations.spotify.test_import import count, finished, start_import


@pytest.fixture
async def alice(client: AsyncClient, fake: FakeSpotify) -> AuthedUser:
    """A user with a linked Spotify account."""
    user = await register_and_login(client, "alice")
    await link(client, user)
    return user


@pytest.fixture
def one_playlist(fake: FakeSpotify) -> None:
    """Spotify holds one playlist of three tracks."""
    fake.add_playlist("pl1", "One", [item(track(n)) for n in range(1, 4)])


async def stored_refresh_token(profile: Profile, user_id: int) -> str:
    stored = await stored_link(profile, user_id)
    assert stored is not None
    cipher = cipher_for(profile.settings)
    return cipher.decrypt(stored.refresh_token, context=user_context(user_id))


class TestTokens:
    @pytest.mark.usefixtures("one_playlist")
    async def test_an_expired_access_token_is_refreshed_and_the_refresh_token_kept(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify, alice: AuthedUser
    ) -> None:
        original = await stored_refresh_token(profile, alice.id)
        fake.expire_access_tokens()

        job = await finished(client, profile, alice, await start_import(client, alice))

        assert job["status"] == "succeeded", job
        assert "refresh_token" in fake.token_grants
        assert await stored_refresh_token(profile, alice.id) == original

    @pytest.mark.usefixtures("one_playlist")
    async def test_a_rotated_refresh_token_is_stored(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify, alice: AuthedUser
    ) -> None:
        original = await stored_refresh_token(profile, alice.id)
        fake.rotate_refresh = True
        fake.expire_access_tokens()

        job = await finished(client, profile, alice, await start_import(client, alice))

        assert job["status"] == "succeeded", job
        rotated = await stored_refresh_token(profile, alice.id)
        assert rotated != original
        assert rotated in fake.refresh_tokens

    @pytest.mark.usefixtures("one_playlist")
    async def test_invalid_grant_marks_the_link_and_fails_the_job(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify, alice: AuthedUser
    ) -> None:
        fake.expire_access_tokens()
        fake.revoke_refresh_tokens()

        job = await finished(client, profile, alice, await start_import(client, alice))

        assert job["status"] == "failed"
        assert job["attempts"] == 1
        assert "invalid_grant" in job["error"]
        assert "link the account again" in job["error"]
        stored = await stored_link(profile, alice.id)
        assert stored is not None
        assert stored.status == "reauth_required"
        assert await count(profile, Playlist) == 0
        again = await client.post(f"{API}/spotify/import", json={}, headers=alice.headers)
        assert again.status_code == 409
        assert again.json()["code"] == "spotify_reauth_required"

    async def test_relinking_after_reauth_works(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify, alice: AuthedUser
    ) -> None:
        fake.expire_access_tokens()
        fake.revoke_refresh_tokens()
        await finished(client, profile, alice, await start_import(client, alice))

        await link(client, alice)

        stored = await stored_link(profile, alice.id)
        assert stored is not None
        assert stored.status == "linked"

    @pytest.mark.usefixtures("one_playlist")
    async def test_unlinked_during_the_job_fails_saying_so(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify, alice: AuthedUser
    ) -> None:
        fake.fail("/items", None, delay=0.8)
        job_id = await start_import(client, alice)
        while not any(p.endswith("/items") for _, p in fake.api_requests()):  # noqa: ASYNC110
            await asyncio.sleep(0.02)
        assert (await client.delete(f"{API}/me/spotify", headers=alice.headers)).status_code == 204

        job = await finished(client, profile, alice, job_id)

        assert (job["status"], job["attempts"]) == ("failed", 1)
        assert job["error"] == "The Spotify account is no longer linked"
        assert await count(profile, Playlist) == 0


class TestRateLimit:
    @pytest.mark.usefixtures("one_playlist")
    async def test_429_is_waited_out_with_nothing_sent_meanwhile(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify, alice: AuthedUser
    ) -> None:
        fake.fail("/items", 429, headers={"Retry-After": "1"})

        job = await finished(client, profile, alice, await start_import(client, alice))

        assert job["status"] == "succeeded", job
        assert job["attempts"] == 1
        times = [(t, p) for t, p in fake.api_requests()]
        limited = next(i for i, (_, p) in enumerate(times) if p.endswith("/items"))
        after = times[limited + 1]
        assert after[0] - times[limited][0] >= 0.95
        assert after[1].endswith("/items")

    @pytest.mark.usefixtures("one_playlist")
    async def test_a_retry_after_beyond_the_cap_retries_the_job_later(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify, alice: AuthedUser
    ) -> None:
        fake.fail("/me/playlists", 429, headers={"Retry-After": "3600"})

        job = await finished(client, profile, alice, await start_import(client, alice))

        assert job["status"] == "succeeded", job
        assert job["attempts"] == 2


class TestServerErrors:
    @pytest.mark.usefixtures("one_playlist")
    async def test_5xx_is_retried_within_the_call(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify, alice: AuthedUser
    ) -> None:
        fake.fail("/items", 500, times=2)

        job = await finished(client, profile, alice, await start_import(client, alice))

        assert (job["status"], job["attempts"]) == ("succeeded", 1)
        assert await count(profile, Playlist) == 1

    @pytest.mark.usefixtures("one_playlist")
    async def test_spotify_down_fails_the_job_clearly_after_its_retries(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify, alice: AuthedUser
    ) -> None:
        fake.fail("/items", 500, times=1000)

        job = await finished(client, profile, alice, await start_import(client, alice))

        assert job["status"] == "failed"
        cap = profile.settings.jobs_max_attempts
        assert job["attempts"] == cap
        assert job["error"] == f"Spotify answered 500 (3 tries) (gave up after {cap} attempts)"
        assert await count(profile, Playlist) == 0

    @pytest.mark.usefixtures("one_playlist")
    async def test_a_timeout_is_retried(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify, alice: AuthedUser
    ) -> None:
        fake.fail("/items", None, delay=1.5)  # the client gives up after 1 s

        job = await finished(client, profile, alice, await start_import(client, alice))

        assert (job["status"], job["attempts"]) == ("succeeded", 1)
        paths = [p for _, p in fake.api_requests() if p.endswith("/items")]
        assert len(paths) == 2

    async def test_a_failed_playlist_leaves_nothing_half_written(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify, alice: AuthedUser
    ) -> None:
        fake.add_playlist("pl1", "Long", [item(track(n)) for n in range(1, 151)])
        fake.fail("offset=100", 500, times=1000)  # the second page never comes

        job = await finished(client, profile, alice, await start_import(client, alice))

        assert job["status"] == "failed"
        assert await count(profile, Playlist) == 0
