"""Jobs: committed with their transaction, run once, retried with capped backoff, readable."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select

from fastfm.jobs import events, service
from fastfm.jobs.exceptions import JobFailed, JobRetryable
from fastfm.jobs.execution import JobContext, retry_delay
from fastfm.jobs.models import Job
from fastfm.jobs.runner import PURGE_ENTRYPOINT
from tests.conftest import Profile, make_settings
from tests.db.faults import terminate
from tests.factories.users import register_and_login
from tests.jobs.helpers import load_job, queue_job, register_handler, runner_of, wait_for_job

API = "/api/v1"


class TestGetJob:
    async def test_own_job_reads_with_progress_and_result(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")

        async def handler(context: JobContext) -> dict[str, Any]:
            await context.progress(2, 2)
            return {"answer": 42, "payload": context.payload}

        register_handler(profile, "test_ok", handler)
        job_id = await queue_job(profile, "test_ok", alice.id, {"x": 1})
        await wait_for_job(profile, job_id)

        response = await client.get(f"{API}/jobs/{job_id}", headers=alice.headers)

        assert response.status_code == 200
        body = response.json()
        assert body["id"] == job_id
        assert body["kind"] == "test_ok"
        assert body["status"] == "succeeded"
        assert body["progress"] == {"done": 2, "total": 2}
        assert body["result"] == {"answer": 42, "payload": {"x": 1}}
        assert body["error"] is None
        assert body["attempts"] == 1
        assert body["created_at"].endswith(("Z", "+00:00"))
        assert body["finished_at"] is not None

    async def test_someone_elses_job_is_404(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        bob = await register_and_login(client, "bob")
        job_id = await queue_job(profile, "test_unknown_kind", alice.id)

        response = await client.get(f"{API}/jobs/{job_id}", headers=bob.headers)

        assert response.status_code == 404
        assert response.json()["code"] == "job_not_found"

    async def test_unknown_job_is_404(self, client: AsyncClient) -> None:
        alice = await register_and_login(client, "alice")
        response = await client.get(f"{API}/jobs/999999", headers=alice.headers)
        assert response.status_code == 404
        assert response.json()["code"] == "job_not_found"

    async def test_needs_a_token(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/jobs/1")
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"

    @pytest.mark.parametrize("job_id", ["0", "2147483648", "abc"])
    async def test_out_of_range_id_is_422(self, client: AsyncClient, job_id: str) -> None:
        alice = await register_and_login(client, "alice")
        response = await client.get(f"{API}/jobs/{job_id}", headers=alice.headers)
        assert response.status_code == 422


class TestDelivery:
    async def test_a_rolled_back_job_is_never_sent(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        calls: list[int] = []

        async def handler(context: JobContext) -> None:
            calls.append(context.job_id)

        register_handler(profile, "test_rollback", handler)
        async with profile.session() as session:
            await session.begin()
            await service.enqueue(session, "test_rollback", alice.id, {})
            await session.rollback()
        # A committed job after it runs: the rolled-back one would have run before it.
        later = await queue_job(profile, "test_rollback", alice.id)
        await wait_for_job(profile, later)
        await asyncio.sleep(0.3)

        assert calls == [later]
        async with profile.session() as session:
            assert (await session.scalar(select(func.count()).select_from(Job))) == 1

    async def test_an_unknown_kind_fails_saying_so(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        job = await wait_for_job(profile, await queue_job(profile, "no_such_kind", alice.id))
        assert job.status == "failed"
        assert job.error == "Unknown job kind 'no_such_kind'"

    async def test_a_permanent_failure_is_not_retried(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")

        async def handler(context: JobContext) -> None:
            raise JobFailed("The Spotify link needs to be renewed")

        register_handler(profile, "test_permanent", handler)
        job = await wait_for_job(profile, await queue_job(profile, "test_permanent", alice.id))
        assert (job.status, job.attempts) == ("failed", 1)
        assert job.error == "The Spotify link needs to be renewed"
        assert job.finished_at is not None


class TestRetries:
    async def test_transient_failures_are_retried_until_success(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")
        attempts: list[int] = []

        async def handler(context: JobContext) -> dict[str, int]:
            attempts.append(context.attempt)
            if context.attempt < 3:
                raise JobRetryable("Spotify answered 503")
            return {"attempt": context.attempt}

        register_handler(profile, "test_flaky", handler)
        before = events.COUNTS[("test_flaky", "retried")]
        job = await wait_for_job(profile, await queue_job(profile, "test_flaky", alice.id))

        assert attempts == [1, 2, 3]
        assert (job.status, job.attempts, job.result) == ("succeeded", 3, {"attempt": 3})
        assert job.error is None
        assert events.COUNTS[("test_flaky", "retried")] - before == 2

    async def test_attempts_are_capped(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")

        async def handler(context: JobContext) -> None:
            raise JobRetryable("Spotify answered 503")

        register_handler(profile, "test_down", handler)
        job = await wait_for_job(profile, await queue_job(profile, "test_down", alice.id))

        cap = profile.settings.jobs_max_attempts
        assert (job.status, job.attempts) == ("failed", cap)
        assert job.error == f"Spotify answered 503 (gave up after {cap} attempts)"

    async def test_an_unexpected_error_is_retried_without_leaking_it(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        alice = await register_and_login(client, "alice")

        async def handler(context: JobContext) -> None:
            raise RuntimeError("secret internals")

        register_handler(profile, "test_crash", handler)
        job = await wait_for_job(profile, await queue_job(profile, "test_crash", alice.id))
        assert job.status == "failed"
        assert job.error is not None
        assert job.error.startswith("The job failed unexpectedly")
        assert "secret" not in job.error


class TestBackoff:
    def test_delay_doubles_and_is_capped(self, tmp_path: Any) -> None:
        settings = make_settings(
            "sqlite+aiosqlite:///x.db",
            tmp_path,
            jobs_retry_base_seconds=2.0,
            jobs_retry_max_seconds=30.0,
        )
        assert [retry_delay(settings, n) for n in range(1, 7)] == [2, 4, 8, 16, 30, 30]


class TestSchedule:
    async def test_token_purge_runs_daily(self, profile: Profile) -> None:
        runner = runner_of(profile)
        assert runner._managers is not None
        scheduler = runner._managers[1]
        expressions = {(k.entrypoint, k.expression) for k in scheduler.registry}
        assert (PURGE_ENTRYPOINT, profile.settings.tokens_purge_cron) in expressions


async def test_job_rows_outlive_nothing(client: AsyncClient, profile: Profile) -> None:
    """A job goes with its owner's account."""
    alice = await register_and_login(client, "alice")
    job_id = await queue_job(profile, "no_such_kind", alice.id)
    await wait_for_job(profile, job_id)
    response = await client.delete(f"{API}/me", headers=alice.headers)
    assert response.status_code == 204
    assert await load_job(profile, job_id) is None


@pytest.mark.postgres_only
async def test_jobs_run_after_the_queue_connection_was_terminated(
    client: AsyncClient, profile: Profile
) -> None:
    """PostgreSQL terminated every backend (the queue's too): the runner reconnects."""
    alice = await register_and_login(client, "alice")

    async def handler(context: JobContext) -> dict[str, Any]:
        return {"ran": True}

    register_handler(profile, "test_after_terminate", handler)
    assert await terminate(profile) >= 1
    job_id = await queue_job(profile, "test_after_terminate", alice.id)
    await wait_for_job(profile, job_id)

    job = await load_job(profile, job_id)
    assert job is not None
    assert job.status == "succeeded"
    assert job.result == {"ran": True}
