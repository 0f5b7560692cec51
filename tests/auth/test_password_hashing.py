"""Passwords are stored as Argon2id hashes at the configured cost, upgraded at login."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select

from fastfm.auth import security
from fastfm.config import Settings
from fastfm.users.models import User
from tests.auth.apps import client_for, running_app
from tests.conftest import Profile, make_settings
from tests.factories.users import DEFAULT_PASSWORD, register_and_login


async def _stored_hash(profile: Profile, user_id: int) -> str:
    async with profile.session() as session:
        return (
            await session.execute(select(User.password_hash).where(User.id == user_id))
        ).scalar_one()


class TestPasswordHashing:
    async def test_default_cost_is_the_production_argon2id_cost(self, tmp_path: Path) -> None:
        security.configure_password_hashing(Settings(data_dir=tmp_path))
        try:
            hashed = await security.hash_password("correct horse battery staple")
            assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
            valid, _ = await security.verify_password("correct horse battery staple", hashed)
            assert valid
            wrong, _ = await security.verify_password("correct horse battery stapler", hashed)
            assert not wrong
        finally:
            security.configure_password_hashing(make_settings("sqlite://", tmp_path))

    async def test_stored_hash_is_argon2id_never_the_password(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        user = await register_and_login(client, "hasher")
        stored = await _stored_hash(profile, user.id)
        assert stored.startswith("$argon2id$")
        assert DEFAULT_PASSWORD not in stored

    async def test_login_rehashes_a_password_stored_at_an_older_cost(
        self, app: FastAPI, client: AsyncClient, profile: Profile
    ) -> None:
        user = await register_and_login(client, "upgrader")
        assert ",t=1," in await _stored_hash(profile, user.id)
        async with (
            running_app(profile, password_hash_time_cost=2) as stronger,
            client_for(stronger) as http,
        ):
            response = await http.post(
                "/api/v1/auth/login", data={"username": "upgrader", "password": DEFAULT_PASSWORD}
            )
            assert response.status_code == 200
        assert ",t=2," in await _stored_hash(profile, user.id)
        # Hashing is process-wide: put the profile's cost back for the tests that follow.
        security.configure_password_hashing(profile.settings)
        again = await client.post(
            "/api/v1/auth/login", data={"username": "upgrader", "password": DEFAULT_PASSWORD}
        )
        assert again.status_code == 200
        assert ",t=1," in await _stored_hash(profile, user.id)
