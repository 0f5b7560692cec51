"""``/metrics`` of a real ``fastfm serve --workers 2``: the counts of every worker add up."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import httpx
import pytest
from prometheus_client.mmap_dict import MmapedDict
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import Profile
from tests.server import free_port, running_server

T = TypeVar("T")

ROUTE = "/api/v1/genres"
MAX_ROUNDS = 20
PER_ROUND = 20
# A worker counts a request once it has sent the whole answer, so the last few requests
# of a burst may be counted just after their client read the answer.
SETTLE_SECONDS = 10.0


async def eventually(read: Callable[[], Awaitable[T]], expected: T) -> T:
    """What ``read()`` answers once it is ``expected`` (or after SETTLE_SECONDS, the last
    value, for the assertion to show)."""
    deadline = time.monotonic() + SETTLE_SECONDS
    value = await read()
    while value != expected and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
        value = await read()
    return value


def scraped_count(text: str, route: str, status: str, method: str = "GET") -> float:
    """The request counter for one label set in a Prometheus text exposition."""
    wanted = {"method": method, "route": route, "status": status}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "fastfm_http_requests_total" and sample.labels == wanted:
                return float(sample.value)
    return 0.0


def _counts_per_worker(metrics_dir: Path, route: str) -> dict[str, float]:
    """The request count each worker wrote to its own sample file."""
    counts: dict[str, float] = {}
    for path in metrics_dir.glob("counter_*.db"):
        total = 0.0
        for key, value, *_ in MmapedDict.read_all_values_from_file(str(path)):
            if "fastfm_http_requests_total" in key and f'"{route}"' in key and '"200"' in key:
                total += value
        if total:
            counts[path.stem.removeprefix("counter_")] = total
    return counts


async def _burst(base_url: str, count: int) -> None:
    """``count`` GETs at once, each on its own connection (so both workers get some)."""

    async def one() -> None:
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            response = await http.get(ROUTE)
            assert response.status_code == 200

    await asyncio.gather(*(one() for _ in range(count)))


async def test_two_workers_counts_add_up(profile: Profile, tmp_path: Path) -> None:
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_999999.db").write_bytes(b"left over from an earlier run")
    env = {"FASTFM_METRICS_DIR": str(metrics_dir)}
    async with running_server(profile.settings, workers=2, cli=True, env=env) as base_url:
        assert not (metrics_dir / "counter_999999.db").exists()  # emptied at start
        sent = 0
        for _ in range(MAX_ROUNDS):
            await _burst(base_url, PER_ROUND)
            sent += PER_ROUND
            if len(_counts_per_worker(metrics_dir, ROUTE)) == 2:
                break
        per_worker = _counts_per_worker(metrics_dir, ROUTE)
        assert len(per_worker) == 2, per_worker  # both workers answered some

        async def counted() -> float:
            return sum(_counts_per_worker(metrics_dir, ROUTE).values())

        assert await eventually(counted, sent) == sent
        # Whichever worker answers the scrape, it reports the sum over both.
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:

            async def scraped(route: str, status: str) -> float:
                scrape = await http.get("/metrics", headers={"Connection": "close"})
                return scraped_count(scrape.text, route, status)

            for _ in range(4):
                scrape = await http.get("/metrics", headers={"Connection": "close"})
                assert scrape.status_code == 200
                assert scrape.headers["content-type"].startswith("text/plain")
                assert scraped_count(scrape.text, ROUTE, "200") == sent
                assert "fastfm_db_pool_connections_in_use" in scrape.text
            missing = await http.get("/api/v1/songs/2147483647")
            assert missing.status_code == 404
            missing_counted = await eventually(lambda: scraped("/api/v1/songs/{song_id}", "404"), 1)
        assert missing_counted == 1
    # The workers stopped: their live gauges are gone, their counters stay.
    assert not list(metrics_dir.glob("gauge_livesum_*.db"))
    assert list(metrics_dir.glob("counter_*.db"))


@pytest.mark.parametrize("workers", [1, 2])
async def test_metrics_on_a_separate_address(profile: Profile, workers: int) -> None:
    port = free_port()
    env = {"FASTFM_METRICS_ADDRESS": f"127.0.0.1:{port}"}
    async with running_server(profile.settings, workers=workers, cli=True, env=env) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            assert (await http.get(ROUTE)).status_code == 200
            hidden = await http.get("/metrics")
            assert hidden.status_code == 404
            assert "/metrics" not in (await http.get("/openapi.json")).json()["paths"]
        async with httpx.AsyncClient(timeout=30) as http:

            async def counts() -> tuple[float, float]:
                scrape = await http.get(f"http://127.0.0.1:{port}/metrics")
                assert scrape.status_code == 200
                text = scrape.text
                return scraped_count(text, ROUTE, "200"), scraped_count(text, "<unmatched>", "404")

            # The route's GET and the hidden /metrics (no route there): each counted once.
            assert await eventually(counts, (1.0, 1.0)) == (1.0, 1.0)


@pytest.mark.parametrize("address", ["nowhere", "127.0.0.1:0", ":9100", "127.0.0.1:70000"])
def test_bad_metrics_address_is_refused(address: str) -> None:
    from fastfm.config import Settings

    with pytest.raises(ValueError, match="FASTFM_METRICS_ADDRESS"):
        Settings(metrics_address=address)
