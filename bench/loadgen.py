"""Runs wrk against one URL and reads its figures; compares two apps' JSON for one URL."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPORT_SCRIPT = Path(__file__).with_name("wrk_report.lua")
_ORIGIN = re.compile(r"^https?://[^/]+")


@dataclass(frozen=True)
class Run:
    """One wrk run's figures."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int


def require_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    return wrk


def run_wrk(url: str, *, seconds: int, connections: int, threads: int) -> Run:
    """``wrk`` at a fixed concurrency for ``seconds``; latency percentiles from its histogram."""
    command = [
        require_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
        "-s", str(REPORT_SCRIPT), url,
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next(x for x in output.splitlines() if x.startswith("WRK_JSON "))
    figures = json.loads(line.removeprefix("WRK_JSON "))
    return Run(
        requests_per_second=figures["requests"] / (figures["duration_us"] / 1e6),
        p50_ms=figures["p50_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        non_2xx=figures["non_2xx"],
        socket_errors=figures["socket_errors"],
    )


def percentile(samples: list[float], fraction: float) -> float:
    """The sample at ``fraction`` (0..1) of the sorted samples (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def fetch_json(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback only
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def _without_origin(value: Any) -> Any:
    """``next``/``previous`` name each app's own port; compare them without it."""
    if isinstance(value, dict):
        return {k: _without_origin(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_origin(v) for v in value]
    if isinstance(value, str):
        return _ORIGIN.sub("", value)
    return value


def first_difference(left: Any, right: Any, path: str = "$") -> str | None:
    """Where two JSON values first differ (``None`` if they are equal)."""
    if type(left) is not type(right):
        return f"{path}: {left!r:.80} != {right!r:.80}"
    if isinstance(left, dict):
        for key in sorted(set(left) | set(right)):
            if key not in left or key not in right:
                return f"{path}.{key}: present in only one"
            found = first_difference(left[key], right[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(left, list):
        if len(left) != len(right):
            return f"{path}: {len(left)} items != {len(right)} items"
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    return None if left == right else f"{path}: {left!r:.80} != {right!r:.80}"


def compare(fastfm_url: str, reference_url: str) -> str | None:
    """``None`` when both apps answer 200 with the same JSON, else what differs."""
    (status_a, body_a), (status_b, body_b) = fetch_json(fastfm_url), fetch_json(reference_url)
    if status_a != 200 or status_b != 200:
        return f"status {status_a} (fastfm) vs {status_b} (reference)"
    return first_difference(_without_origin(body_a), _without_origin(body_b))
