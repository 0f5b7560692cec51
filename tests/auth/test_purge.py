"""``fastfm tokens purge``: only rows nothing can use any more are deleted."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from httpx import AsyncClient

from fastfm.auth.models import RefreshToken
from fastfm.auth.purge import purge_refresh_tokens
from fastfm.db.base import utcnow
from tests.auth import db
from tests.cli_runner import run_cli
from tests.conftest import Profile
from tests.factories.users import refresh_response, register_and_login

ACCESS = timedelta(minutes=15)
DAY = timedelta(days=1)


def _token(
    user_id: int,
    family: str,
    name: str,
    now: datetime,
    *,
    expires: timedelta = 14 * DAY,
    family_expires: timedelta = 90 * DAY,
    rotated: bool = False,
    revoked: bool = False,
) -> RefreshToken:
    return RefreshToken(
        user_id=user_id,
        family_id=family,
        token_hash=f"{family}-{name}".ljust(64, "0"),
        created_at=now - DAY,
        expires_at=now + expires,
        family_expires_at=now + family_expires,
        rotated_at=now - DAY if rotated else None,
        revoked_at=now - DAY if revoked else None,
    )


async def _seed_families(profile: Profile, user_id: int, now: datetime) -> None:
    rows = [
        # A live login: an old rotated row past its idle expiry, a recent one, the current;
        # all three stay (a replay of either rotated token must still revoke the login).
        _token(user_id, "live", "old", now, expires=-DAY, rotated=True),
        _token(user_id, "live", "recent", now, rotated=True),
        _token(user_id, "live", "current", now),
        # Logged out: every row revoked.
        _token(user_id, "revoked", "a", now, rotated=True, revoked=True),
        _token(user_id, "revoked", "b", now, revoked=True),
        # The login's absolute lifetime ended a day ago.
        _token(user_id, "ended", "a", now, family_expires=-DAY),
        # Unused for longer than the idle expiry.
        _token(user_id, "idle", "a", now, expires=-DAY),
        # Expired five minutes ago: its access tokens may live ten more minutes.
        _token(user_id, "just-expired", "a", now, expires=-timedelta(minutes=5)),
    ]
    async with profile.session() as session, session.begin():
        session.add_all(rows)


async def _left(profile: Profile, user_id: int) -> set[str]:
    return {row.token_hash.rstrip("0") for row in await db.refresh_tokens(profile, user_id)}


async def test_deletes_only_what_nothing_can_use(client: AsyncClient, profile: Profile) -> None:
    ada = await register_and_login(client, "ada")
    mine = await _left(profile, ada.id)
    now = utcnow()
    await _seed_families(profile, ada.id, now)

    async with profile.session() as session, session.begin():
        deleted = await purge_refresh_tokens(session, now, ACCESS)

    assert deleted == 4
    assert await _left(profile, ada.id) == {
        "live-old",
        "live-recent",
        "live-current",
        "just-expired-a",
        *mine,
    }
    # The real login still refreshes, and its new access token works.
    refreshed = await refresh_response(client, ada.refresh_token)
    assert refreshed.status_code == 200
    me = await client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {refreshed.json()['access_token']}"}
    )
    assert me.status_code == 200


async def test_a_replay_of_an_expired_rotated_token_still_revokes_its_login(
    client: AsyncClient, profile: Profile
) -> None:
    ada = await register_and_login(client, "ada")
    first = ada.refresh_token
    second = (await refresh_response(client, first)).json()["refresh_token"]
    # The rotated token is long past its own idle expiry; its login is alive.
    await db.set_token_times(profile, first, expires_at=utcnow() - 30 * DAY)
    async with profile.session() as session, session.begin():
        assert await purge_refresh_tokens(session, utcnow(), ACCESS) == 0
    replay = await refresh_response(client, first)
    assert replay.status_code == 401
    assert replay.json()["code"] == "refresh_token_reused"
    assert (await refresh_response(client, second)).status_code == 401


@pytest.mark.usefixtures("app", "fresh_settings")
async def test_the_command_reports_what_it_deleted(
    client: AsyncClient, profile: Profile, tmp_path: Path
) -> None:
    ada = await register_and_login(client, "ada")
    logout = await client.post(
        "/api/v1/auth/logout", json={"refresh_token": ada.refresh_token}, headers=ada.headers
    )
    assert logout.status_code == 204
    result = await run_cli(profile, tmp_path, ["tokens", "purge"])
    assert result.exit_code == 0, result.output
    assert "Deleted 1 refresh-token rows" in result.output
    assert await db.refresh_tokens(profile, ada.id) == []
