"""API-wide rate limits: budgets per address and per user, headers, proxies, fallback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient
from limits.aio.storage import RedisStorage
from prometheus_client import REGISTRY

from fastfm.main import create_app
from fastfm.ratelimit.limiter import RateLimiter
from tests.conftest import Profile
from tests.factories.playlists import quick_user
from tests.server import free_port

AppFactory = Callable[..., Any]


@asynccontextmanager
async def limited_app(profile: Profile, **overrides: Any) -> AsyncIterator[FastAPI]:
    settings = profile.settings.model_copy(update=overrides)
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        try:
            yield app
        finally:
            await app.state.rate_limiter.reset()
            await app.state.shared.limiter_storage.reset()


def client_for(app: FastAPI, address: str = "198.51.100.1") -> AsyncClient:
    transport = ASGITransport(app=app, client=(address, 40000))
    return AsyncClient(transport=transport, base_url="http://testserver")


def assert_too_many(response: Any, limit: int) -> None:
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert int(response.headers["Retry-After"]) >= 1
    assert response.headers["RateLimit-Limit"] == str(limit)
    assert response.headers["RateLimit-Remaining"] == "0"
    assert 1 <= int(response.headers["RateLimit-Reset"]) <= 60


class TestAddressBudgets:
    async def test_reads_run_out_then_429(self, profile: Profile) -> None:
        async with limited_app(profile, rate_limit_address_read="5/minute") as app:
            async with client_for(app) as http:
                for remaining in (4, 3, 2, 1, 0):
                    response = await http.get("/api/v1/genres")
                    assert response.status_code == 200
                    assert response.headers["RateLimit-Limit"] == "5"
                    assert response.headers["RateLimit-Remaining"] == str(remaining)
                assert_too_many(await http.get("/api/v1/genres"), 5)
                assert_too_many(await http.get("/api/v1/songs/1"), 5)
                # Probes are never limited and carry no budget headers.
                probe = await http.get("/healthz")
                assert probe.status_code == 200
                assert "RateLimit-Limit" not in probe.headers
            async with client_for(app, "198.51.100.2") as other:
                assert (await other.get("/api/v1/genres")).status_code == 200

    async def test_budgets_are_separate(self, profile: Profile) -> None:
        async with (
            limited_app(
                profile,
                rate_limit_address_read="2/minute",
                rate_limit_address_search="3/minute",
                rate_limit_address_auth="2/minute",
            ) as app,
            client_for(app) as http,
        ):
            for _ in range(2):
                assert (await http.get("/api/v1/songs")).status_code == 200
            assert (await http.get("/api/v1/songs")).status_code == 429
            for _ in range(3):
                searched = await http.get("/api/v1/songs", params={"q": "love"})
                assert searched.status_code == 200
                assert searched.headers["RateLimit-Limit"] == "3"
            assert (await http.get("/api/v1/songs", params={"q": "x"})).status_code == 429
            body = {"username": "nobody", "password": "wrong password here"}
            for _ in range(2):
                assert (await http.post("/api/v1/auth/login", data=body)).status_code == 401
            assert_too_many(await http.post("/api/v1/auth/login", data=body), 2)
            # A write is its own budget: refused for its body, not for the limit.
            write = await http.post("/api/v1/artists", json={"name": "X"})
            assert write.status_code == 401

    async def test_a_refused_request_changes_nothing(self, profile: Profile, app: FastAPI) -> None:
        async with limited_app(profile, rate_limit_address_auth="1/minute") as limited:  # noqa: SIM117
            async with client_for(limited) as http:
                first = {"email": "a@example.com", "username": "first", "password": "x" * 12}
                second = {"email": "b@example.com", "username": "second", "password": "x" * 12}
                assert (await http.post("/api/v1/auth/register", json=first)).status_code == 201
                refused = await http.post("/api/v1/auth/register", json=second)
                assert refused.status_code == 429
        async with profile.session() as session:
            from sqlalchemy import select

            from fastfm.users.models import User

            names = set(await session.scalars(select(User.username)))
        assert names == {"first"}


class TestUserBudgets:
    async def test_each_user_has_a_budget(self, profile: Profile, app: FastAPI) -> None:
        async with limited_app(profile, rate_limit_user_read="3/minute") as limited:
            ann = await quick_user(profile, "ann")
            bob = await quick_user(profile, "bob")
            async with client_for(limited) as http:
                for remaining in (2, 1, 0):
                    response = await http.get("/api/v1/me", headers=ann.headers)
                    assert response.status_code == 200
                    assert response.headers["RateLimit-Remaining"] == str(remaining)
                assert_too_many(await http.get("/api/v1/me", headers=ann.headers), 3)
                # Another user from the same address, and anonymous reads, go on.
                assert (await http.get("/api/v1/me", headers=bob.headers)).status_code == 200
                assert (await http.get("/api/v1/genres")).status_code == 200


class TestProxies:
    async def test_forwarded_for_only_from_trusted_proxies(self, profile: Profile) -> None:
        async with limited_app(
            profile, rate_limit_address_read="2/minute", trusted_proxies=["10.0.0.0/8"]
        ) as app:
            async with client_for(app, "10.1.2.3") as proxy:
                for client in ("192.0.2.10", "192.0.2.11"):
                    headers = {"X-Forwarded-For": f"{client}, 10.9.9.9"}
                    for _ in range(2):
                        assert (
                            await proxy.get("/api/v1/genres", headers=headers)
                        ).status_code == 200
                    assert (await proxy.get("/api/v1/genres", headers=headers)).status_code == 429
            async with client_for(app, "198.51.100.9") as untrusted:
                for spoof in ("192.0.2.20", "192.0.2.21"):
                    headers = {"X-Forwarded-For": spoof}
                    assert (
                        await untrusted.get("/api/v1/genres", headers=headers)
                    ).status_code == 200
                # Both counted against the real peer: the header was ignored.
                headers = {"X-Forwarded-For": "192.0.2.22"}
                assert (await untrusted.get("/api/v1/genres", headers=headers)).status_code == 429

    def test_bad_proxy_setting_is_refused(self) -> None:
        from fastfm.config import Settings

        with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
            Settings(trusted_proxies="not-an-address")


class TestRedisFailure:
    async def test_limits_go_on_in_process_when_redis_fails(self, profile: Profile) -> None:
        async with limited_app(profile, rate_limit_address_read="4/minute") as app:
            dead = RedisStorage(
                f"async+redis://127.0.0.1:{free_port()}/0",
                implementation="redispy",
                socket_connect_timeout=0.5,
            )
            app.state.rate_limiter = RateLimiter(dead, shared=True)
            errors = (
                REGISTRY.get_sample_value("fastfm_redis_errors_total", {"component": "rate_limit"})
                or 0.0
            )
            async with client_for(app) as http:
                for _ in range(4):
                    assert (await http.get("/api/v1/genres")).status_code == 200
                assert (await http.get("/api/v1/genres")).status_code == 429
            after = REGISTRY.get_sample_value(
                "fastfm_redis_errors_total", {"component": "rate_limit"}
            )
            assert after is not None
            assert after > errors


class TestDefaults:
    async def test_ordinary_use_is_never_throttled(self, client: AsyncClient) -> None:
        for index in range(600):
            response = await client.get("/api/v1/genres" if index % 2 else "/api/v1/songs")
            assert response.status_code == 200
        assert int(response.headers["RateLimit-Remaining"]) > 20_000

    async def test_every_api_operation_documents_429(self, spec: dict[str, Any]) -> None:
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                responses = operation["responses"]
                if path.startswith("/api/") or path == "/graphql":
                    assert "429" in responses, (method, path)
                    assert "Retry-After" in responses["429"]["headers"]
                else:
                    assert "429" not in responses, (method, path)
