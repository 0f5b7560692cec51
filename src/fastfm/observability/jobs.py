"""Job metrics from the job runner's events (``fastfm.jobs.events``)."""

from __future__ import annotations

from fastfm.jobs.events import JobEvent, subscribe
from fastfm.observability import metrics

_installed = False


def _on_event(event: JobEvent) -> None:
    if event.outcome == "started":
        metrics.job_started(event.kind)
    elif event.outcome in ("succeeded", "failed"):
        metrics.job_finished(event.kind, event.seconds or 0.0, failed=event.outcome == "failed")
    elif event.outcome in ("retried", "handed_back"):
        metrics.job_retried(event.kind)


def install_job_metrics() -> None:
    """Count every job event of this process in the job metrics (once per process)."""
    global _installed
    if not _installed:
        subscribe(_on_event)
        _installed = True
