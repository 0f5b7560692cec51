"""The counters behind ``/metrics``, driven through the API on both profiles."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient
from prometheus_client import REGISTRY

from tests.conftest import Profile
from tests.factories.playlists import add_tracks, create_playlist, make_songs, quick_user
from tests.factories.users import login_response, register
from tests.observability.test_metrics_server import scraped_count


def value(name: str, labels: dict[str, str] | None = None) -> float:
    return REGISTRY.get_sample_value(name, labels or {}) or 0.0


async def scrape(client: AsyncClient) -> str:
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return response.text


class TestRequestCounts:
    async def test_counted_by_route_template_and_status(self, client: AsyncClient) -> None:
        before = scraped_count(await scrape(client), "/api/v1/songs/{song_id}", "404")
        for song_id in (1, 2, 3):
            assert (await client.get(f"/api/v1/songs/{song_id}")).status_code == 404
        after = scraped_count(await scrape(client), "/api/v1/songs/{song_id}", "404")
        assert after - before == 3
        # The raw path never becomes a label.
        assert "/api/v1/songs/2" not in await scrape(client)

    async def test_unmatched_paths_share_one_label(self, client: AsyncClient) -> None:
        before = scraped_count(await scrape(client), "<unmatched>", "404")
        # Under /api: elsewhere an unknown path is the web app's (when it is built).
        for path in ("/api/v1/nope", "/api/v1/nothing/here", "/api/v1/x/y/z"):
            assert (await client.get(path)).status_code == 404
        assert scraped_count(await scrape(client), "<unmatched>", "404") - before == 3

    async def test_latency_histogram(self, client: AsyncClient) -> None:
        labels = {"method": "GET", "route": "/healthz", "status": "200"}
        count = value("fastfm_http_request_duration_seconds_count", labels)
        assert (await client.get("/healthz")).status_code == 200
        assert value("fastfm_http_request_duration_seconds_count", labels) == count + 1
        inf = {**labels, "le": "+Inf"}
        assert value("fastfm_http_request_duration_seconds_bucket", inf) == count + 1

    async def test_metrics_route_is_documented_as_text(self, spec: dict[str, object]) -> None:
        paths = spec["paths"]
        assert isinstance(paths, dict)
        content = paths["/metrics"]["get"]["responses"]["200"]["content"]
        assert [c.split(";")[0] for c in content] == ["text/plain"]


class TestLoginCounters:
    async def test_failures_and_throttles(self, client: AsyncClient, profile: Profile) -> None:
        await register(client, "mallory")
        failures = value("fastfm_login_failures_total")
        throttled = value("fastfm_login_throttled_total")
        for _ in range(10):
            assert (await login_response(client, "mallory", "wrong")).status_code == 401
        assert value("fastfm_login_failures_total") == failures + 10
        assert (await login_response(client, "mallory", "wrong")).status_code == 429
        assert value("fastfm_login_throttled_total") == throttled + 1
        assert value("fastfm_login_failures_total") == failures + 10


class TestShuffleCounters:
    async def test_sessions_started_and_next_calls(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        owner = await quick_user(profile, "dj")
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], await make_songs(profile, 3))
        url = f"/api/v1/playlists/{playlist['id']}/shuffle"
        started = value("fastfm_shuffle_sessions_started_total")
        nexts = value("fastfm_shuffle_next_calls_total")
        assert (await client.get(f"{url}/next", headers=owner.headers)).status_code == 200
        assert (await client.get(f"{url}/next", headers=owner.headers)).status_code == 200
        assert value("fastfm_shuffle_sessions_started_total") == started + 1  # the first next
        assert (await client.post(url, headers=owner.headers)).status_code == 201
        assert value("fastfm_shuffle_sessions_started_total") == started + 2
        assert value("fastfm_shuffle_next_calls_total") == nexts + 2


class TestPoolGauge:
    async def test_in_use_returns_to_where_it_was(self, client: AsyncClient, app: FastAPI) -> None:
        # The in-process job runner checks connections out on its own (SQLite sweeps the
        # job table every few seconds): stopped, only the request moves the gauge.
        if app.state.job_runner is not None:
            await app.state.job_runner.stop()
        idle = value("fastfm_db_pool_connections_in_use")
        assert (await client.get("/api/v1/genres")).status_code == 200
        assert value("fastfm_db_pool_connections_in_use") == idle


class TestJobHooks:
    def test_queued_running_failed_and_duration(self) -> None:
        from fastfm.observability import metrics

        kind = "test-kind"
        metrics.job_enqueued(kind)
        metrics.job_enqueued(kind)
        metrics.job_started(kind)
        assert value("fastfm_jobs_running", {"kind": kind}) == 1
        metrics.job_finished(kind, 2.0, failed=True)
        queued = value("fastfm_jobs_enqueued_total", {"kind": kind}) - value(
            "fastfm_jobs_started_total", {"kind": kind}
        )
        assert queued == 1
        assert value("fastfm_jobs_running", {"kind": kind}) == 0
        assert value("fastfm_jobs_failed_total", {"kind": kind}) == 1
        labels = {"kind": kind, "outcome": "failed"}
        assert value("fastfm_job_duration_seconds_sum", labels) == 2.0


class TestJobEvents:
    def test_runner_events_move_the_job_metrics(self) -> None:
        from fastfm.jobs.events import JobEvent, emit
        from fastfm.observability.jobs import install_job_metrics

        install_job_metrics()
        install_job_metrics()  # once per process, however often called
        kind = "event-kind"
        emit(JobEvent(1, kind, "started", 1))
        assert value("fastfm_jobs_running", {"kind": kind}) == 1
        emit(JobEvent(1, kind, "retried", 1))
        assert value("fastfm_jobs_running", {"kind": kind}) == 0
        emit(JobEvent(1, kind, "started", 2))
        emit(JobEvent(1, kind, "succeeded", 2, 3.5))
        assert value("fastfm_jobs_started_total", {"kind": kind}) == 2
        assert value("fastfm_jobs_failed_total", {"kind": kind}) == 0
        ok = {"kind": kind, "outcome": "succeeded"}
        assert value("fastfm_job_duration_seconds_sum", ok) == 3.5
        assert value("fastfm_jobs_running", {"kind": kind}) == 0
