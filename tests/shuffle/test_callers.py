"""Every shuffle route checks the caller's token against the database, not only its
signature: a revoked login gets 401 and changes nothing; a malformed id is 422."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.users import AuthedUser, register_and_login
from tests.shuffle.helpers import interleaved, playlist_with, songs_by_artist, url

LIKED = "/api/v1/me/liked/shuffle"
ROUTES = [("get", "/next"), ("post", ""), ("get", ""), ("delete", "")]


async def _revoke(client: AsyncClient, user: AuthedUser, how: str) -> None:
    if how == "logout":
        response = await client.post(
            "/api/v1/auth/logout", json={"refresh_token": user.refresh_token}, headers=user.headers
        )
    else:
        response = await client.post("/api/v1/auth/logout-all", headers=user.headers)
    assert response.status_code == 204, response.text


@pytest.mark.parametrize("how", ["logout", "logout-all"])
async def test_a_revoked_token_is_refused_and_leaves_the_session(
    client: AsyncClient, profile: Profile, forget_sessions: None, how: str
) -> None:
    listener = await register_and_login(client, "rita")
    songs = interleaved(await songs_by_artist(profile, [3, 3]))
    playlist_id = await playlist_with(client, listener, songs)
    liked = await client.post(f"/api/v1/me/liked/{songs[0]}", headers=listener.headers)
    assert liked.status_code == 201
    for base in (url(playlist_id), LIKED):
        started = await client.post(base, json={"seed": 3}, headers=listener.headers)
        assert started.status_code == 201

    await _revoke(client, listener, how)

    for base in (url(playlist_id), LIKED):
        for method, suffix in ROUTES:
            response = await client.request(method, base + suffix, headers=listener.headers)
            assert response.status_code == 401, (method, base + suffix, response.text)
            assert response.headers["www-authenticate"].startswith("Bearer")
    # Nothing was taken or ended on the revoked token's behalf.
    login = await client.post(
        "/api/v1/auth/login", data={"username": listener.username, "password": listener.password}
    )
    assert login.status_code == 200, login.text
    fresh = {"Authorization": f"Bearer {login.json()['access_token']}"}
    for base in (url(playlist_id), LIKED):
        state = await client.get(base, headers=fresh)
        assert state.status_code == 200, state.text
        assert state.json()["played"] == 0


@pytest.mark.parametrize("playlist_id", ["0", "-1", str(2**31), "abc"])
async def test_a_playlist_id_out_of_range_is_422(
    client: AsyncClient, listener: AuthedUser, playlist_id: str
) -> None:
    for method, suffix in ROUTES:
        response = await client.request(
            method, f"/api/v1/playlists/{playlist_id}/shuffle{suffix}", headers=listener.headers
        )
        assert response.status_code == 422, (method, suffix, response.text)
