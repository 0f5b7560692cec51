"""Counters and hooks on job outcomes, for metrics and logs to build on.

``COUNTS[(kind, outcome)]`` counts what happened in this process; ``subscribe`` adds a
callback that sees every event as it happens (it must be quick and must not raise).
Outcomes: ``started``, ``succeeded``, ``failed``, ``retried``, ``handed_back`` (queued
again because the process running it stopped).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobEvent:
    job_id: int
    kind: str
    outcome: str
    attempt: int
    seconds: float | None = None


COUNTS: Counter[tuple[str, str]] = Counter()
_listeners: list[Callable[[JobEvent], None]] = []


def subscribe(listener: Callable[[JobEvent], None]) -> Callable[[], None]:
    """Call ``listener`` on every job event; returns a function that unsubscribes it."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener)


def emit(event: JobEvent) -> None:
    COUNTS[(event.kind, event.outcome)] += 1
    for listener in list(_listeners):
        try:
            listener(event)
        except Exception:
            logger.exception("job event listener failed")
