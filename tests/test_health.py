"""Liveness, readiness and the behaviour every response shares."""

from __future__ import annotations

from httpx import AsyncClient

from tests.conftest import Profile


class TestHealth:
    async def test_healthz_answers_ok(self, client: AsyncClient) -> None:
        response = await client.get("/healthz")
        assert response.status_code == 200
        assert response.json() == {"status": "ok"}

    async def test_readyz_checks_each_backing_service(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        response = await client.get("/readyz")
        assert response.status_code == 200
        expected = {"database": "ok"}
        if profile.settings.redis_url is not None:
            expected["redis"] = "ok"
        assert response.json() == {"status": "ok", "checks": expected}
