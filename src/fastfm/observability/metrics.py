"""Prometheus metrics, correct across ``fastfm serve --workers N``.

Every worker writes its samples to memory-mapped files in one folder per server run
(prometheus-client's multiprocess mode, ``PROMETHEUS_MULTIPROC_DIR``); a scrape of any
worker (or of the separate metrics listener) merges the files of all of them. ``fastfm
serve`` creates the folder, empties it at start and removes it at exit; a worker that
stops removes its live gauges. Without the variable (tests, a plain ``uvicorn``) the
metrics live in the process.

The variable must be set before this module is first imported: prometheus-client reads
it at import time.
"""

from __future__ import annotations

import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
    values,
)
from prometheus_client.registry import REGISTRY

from fastfm.observability.metrics_dir import MULTIPROC_ENV

CONTENT_TYPE = CONTENT_TYPE_LATEST
UNMATCHED_ROUTE = "<unmatched>"

REQUESTS = Counter(
    "fastfm_http_requests_total",
    "HTTP requests answered, by method, route template and status.",
    ["method", "route", "status"],
)
REQUEST_SECONDS = Histogram(
    "fastfm_http_request_duration_seconds",
    "Time from request to the end of the response body, by method, route template and status.",
    ["method", "route", "status"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
DB_POOL_IN_USE = Gauge(
    "fastfm_db_pool_connections_in_use",
    "Pooled database connections checked out right now.",
    multiprocess_mode="livesum",
)
DB_POOL_WAITING = Gauge(
    "fastfm_db_pool_waiting",
    "Requests waiting for a pooled database connection right now.",
    multiprocess_mode="livesum",
)
DB_POOL_TIMEOUTS = Counter(
    "fastfm_db_pool_timeouts_total",
    "Requests that found no free database connection within the pool timeout (503).",
)
REDIS_ERRORS = Counter(
    "fastfm_redis_errors_total",
    "Redis calls that failed, by where they were made.",
    ["component"],
)
SHUFFLE_SESSIONS_STARTED = Counter(
    "fastfm_shuffle_sessions_started_total",
    "Shuffle sessions created, explicitly or by the first next call.",
)
SHUFFLE_NEXT_CALLS = Counter(
    "fastfm_shuffle_next_calls_total",
    "Calls of a shuffle's next track.",
)
LOGIN_FAILURES = Counter(
    "fastfm_login_failures_total",
    "Failed logins (unknown account or wrong password).",
)
LOGIN_THROTTLED = Counter(
    "fastfm_login_throttled_total",
    "Login attempts refused with 429 before any password check.",
)
RATE_LIMITED = Counter(
    "fastfm_rate_limited_total",
    "Requests refused with 429 by the API-wide rate limits, by budget and key kind.",
    ["budget", "scope"],
)


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROC_ENV) or None


def in_files() -> bool:
    """Whether this process writes its samples to the run's folder.

    prometheus-client decided when it was first imported: a single-worker server whose
    command imported it before the folder was set keeps its samples in memory.
    """
    return multiprocess_dir() is not None and values.ValueClass is not values.MutexValue


def registry() -> CollectorRegistry:
    """The registry to expose: every worker's files merged, or this process's samples."""
    return merged_registry() if in_files() else REGISTRY


def merged_registry() -> CollectorRegistry:
    """A registry that reads the samples of every worker from the run's folder."""
    merged = CollectorRegistry()
    multiprocess.MultiProcessCollector(merged)  # type: ignore[no-untyped-call]
    return merged


def exposition() -> bytes:
    """The current metrics in Prometheus text format, merged over every worker."""
    return generate_latest(registry())


def worker_exited(pid: int) -> None:
    """Drop the live gauges of a stopped worker (its counters stay in the totals)."""
    path = multiprocess_dir()
    if path is not None:
        multiprocess.mark_process_dead(pid, path)  # type: ignore[no-untyped-call]


# Background jobs: the job runner calls these. Jobs waiting in the queue are
# ``fastfm_jobs_enqueued_total - fastfm_jobs_started_total`` (counters add up across
# processes and machines; a gauge moved up in the API and down in a worker would not).
JOBS_ENQUEUED = Counter("fastfm_jobs_enqueued_total", "Jobs put on the queue, by kind.", ["kind"])
JOBS_STARTED = Counter("fastfm_jobs_started_total", "Jobs a worker took up, by kind.", ["kind"])
JOBS_FAILED = Counter("fastfm_jobs_failed_total", "Jobs that ended in failure, by kind.", ["kind"])
JOBS_RUNNING = Gauge(
    "fastfm_jobs_running", "Jobs running right now, by kind.", ["kind"], multiprocess_mode="livesum"
)
JOB_SECONDS = Histogram(
    "fastfm_job_duration_seconds",
    "Time from a job's start to its end, by kind and outcome.",
    ["kind", "outcome"],
    buckets=(0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0),
)


def job_enqueued(kind: str) -> None:
    JOBS_ENQUEUED.labels(kind).inc()


def job_started(kind: str) -> None:
    JOBS_STARTED.labels(kind).inc()
    JOBS_RUNNING.labels(kind).inc()


def job_finished(kind: str, seconds: float, *, failed: bool) -> None:
    JOBS_RUNNING.labels(kind).dec()
    if failed:
        JOBS_FAILED.labels(kind).inc()
    JOB_SECONDS.labels(kind, "failed" if failed else "succeeded").observe(seconds)


def job_retried(kind: str) -> None:
    """A failed or interrupted attempt goes back on the queue: no longer running, queued."""
    JOBS_RUNNING.labels(kind).dec()
    JOBS_ENQUEUED.labels(kind).inc()
