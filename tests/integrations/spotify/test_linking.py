"""Linking: PKCE S256, a single-use state bound to its user, tokens encrypted at rest."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from sqlalchemy import func, select, update

from fastfm.db.base import utcnow
from fastfm.integrations.spotify.models import SpotifyAuthState
from fastfm.integrations.spotify.oauth import SCOPES
from fastfm.main import create_app
from tests.conftest import Profile
from tests.factories.users import register_and_login
from tests.integrations.spotify.conftest import REDIRECT_URI
from tests.integrations.spotify.fake import CLIENT_ID, FakeSpotify
from tests.integrations.spotify.helpers import (
    API,
    authorize_url,
    callback,
    consent,
    link,
    stored_link,
)


async def _pending_states(profile: Profile) -> int:
    async with profile.session() as session:
        return int(await session.scalar(select(func.count()).select_from(SpotifyAuthState)) or 0)


class TestAuthorize:
    async def test_redirects_to_spotify_with_pkce_and_scopes(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")

        response = await client.get(f"{API}/auth/spotify", headers=alice.headers)

        assert response.status_code == 307
        target = urlsplit(response.headers["location"])
        assert f"{target.scheme}://{target.netloc}" == fake.base_url
        assert target.path == "/authorize"
        query = {k: v[0] for k, v in parse_qs(target.query).items()}
        assert query["client_id"] == CLIENT_ID
        assert query["response_type"] == "code"
        assert query["redirect_uri"] == REDIRECT_URI
        assert query["scope"] == SCOPES
        assert query["code_challenge_method"] == "S256"
        assert len(query["code_challenge"]) == 43
        assert len(query["state"]) >= 32
        assert await _pending_states(profile) == 1

    async def test_json_when_asked(self, client: AsyncClient, fake: FakeSpotify) -> None:
        alice = await register_and_login(client, "alice")
        url = await authorize_url(client, alice)
        assert url.startswith(f"{fake.base_url}/authorize?")

    async def test_needs_a_token(self, client: AsyncClient, profile: Profile) -> None:
        response = await client.get(f"{API}/auth/spotify")
        assert response.status_code == 401
        assert await _pending_states(profile) == 0


class TestCallback:
    async def test_links_and_stores_tokens_encrypted(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")

        body = await link(client, alice)

        assert body == {"linked": True, "spotify_user_id": "wizzler"}
        stored = await stored_link(profile, alice.id)
        assert stored is not None
        assert stored.status == "linked"
        assert stored.spotify_user_id == "wizzler"
        assert stored.scope == SCOPES
        access = next(iter(fake.access_tokens))
        refresh = next(iter(fake.refresh_tokens))
        assert access.encode() not in stored.access_token
        assert refresh.encode() not in stored.refresh_token
        assert await _pending_states(profile) == 0

    async def test_a_state_works_once(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        params = await consent(await authorize_url(client, alice))
        assert (await callback(client, params)).status_code == 200

        again = await callback(client, params)

        assert again.status_code == 400
        assert again.json()["code"] == "invalid_state"

    async def test_an_unknown_or_missing_state_is_400(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        for params in ({"code": "x", "state": "nope"}, {"code": "x"}):
            response = await callback(client, params)
            assert response.status_code == 400
            assert response.json()["code"] == "invalid_state"

    async def test_an_expired_state_is_400_and_used_up(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        params = await consent(await authorize_url(client, alice))
        async with profile.session() as session, session.begin():
            await session.execute(
                update(SpotifyAuthState).values(expires_at=utcnow() - timedelta(seconds=1))
            )

        response = await callback(client, params)

        assert response.status_code == 400
        assert response.json()["code"] == "invalid_state"
        assert await stored_link(profile, alice.id) is None
        assert await _pending_states(profile) == 0

    async def test_states_expire_after_ten_minutes(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        asked_at = utcnow()
        await authorize_url(client, alice)
        async with profile.session() as session:
            state = (await session.execute(select(SpotifyAuthState))).scalar_one()
        assert state.user_id == alice.id
        lifetime = (state.expires_at - asked_at).total_seconds()
        assert 600 <= lifetime < 605

    async def test_denied_consent_is_400_and_links_nothing(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        fake.deny = True
        params = await consent(await authorize_url(client, alice))
        assert params["error"] == "access_denied"

        response = await callback(client, params)

        assert response.status_code == 400
        assert response.json()["code"] == "spotify_authorization_denied"
        assert await stored_link(profile, alice.id) is None
        # The state was used up by the denial.
        assert (await callback(client, params)).json()["code"] == "invalid_state"

    async def test_a_state_is_bound_to_the_account_that_asked(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        mallory = await register_and_login(client, "mallory")
        params = await consent(await authorize_url(client, alice))

        response = await callback(client, params, headers=mallory.headers)

        assert response.status_code == 400
        assert response.json()["code"] == "invalid_state"
        assert await stored_link(profile, alice.id) is None
        assert await stored_link(profile, mallory.id) is None

    async def test_a_refused_code_is_400(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        params = await consent(await authorize_url(client, alice))
        fake.codes.clear()  # Spotify forgot the code: invalid_grant

        response = await callback(client, params)

        assert response.status_code == 400
        assert response.json()["code"] == "spotify_authorization_failed"
        assert "invalid_grant" in response.json()["detail"]
        assert await stored_link(profile, alice.id) is None

    async def test_spotify_down_at_callback_is_503(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        params = await consent(await authorize_url(client, alice))
        fake.fail("/api/token", 502, times=10)

        response = await callback(client, params)

        assert response.status_code == 503
        assert response.json()["code"] == "spotify_unavailable"
        assert response.headers["retry-after"] == "30"
        assert await stored_link(profile, alice.id) is None


class TestUnlink:
    async def test_unlink_forgets_the_tokens(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        await link(client, alice)

        response = await client.delete(f"{API}/me/spotify", headers=alice.headers)

        assert response.status_code == 204
        assert await stored_link(profile, alice.id) is None
        again = await client.delete(f"{API}/me/spotify", headers=alice.headers)
        assert again.status_code == 204

    async def test_needs_a_token(self, client: AsyncClient) -> None:
        assert (await client.delete(f"{API}/me/spotify")).status_code == 401


class TestFrontendRedirect:
    async def test_the_callback_redirects_to_the_web_app_when_set(
        self, app: FastAPI, profile: Profile, fake: FakeSpotify
    ) -> None:
        settings = profile.settings.model_copy(update={"frontend_url": "https://app.example/"})
        web_app = create_app(settings)
        async with web_app.router.lifespan_context(web_app):
            transport = ASGITransport(app=web_app)
            async with AsyncClient(transport=transport, base_url="http://testserver") as web:
                alice = await register_and_login(web, "alice")
                params = await consent(await authorize_url(web, alice))

                response = await callback(web, params)

        assert response.status_code == 307
        assert response.headers["location"] == "https://app.example/?spotify=linked"
        stored = await stored_link(profile, alice.id)
        assert stored is not None
        assert stored.status == "linked"
