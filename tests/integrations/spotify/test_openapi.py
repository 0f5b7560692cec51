"""Every Spotify and job route documents each status it can answer."""

from __future__ import annotations

from typing import Any

from tests.openapi import assert_documented


def test_routes_are_documented(spec: dict[str, Any]) -> None:
    paths = spec["paths"]
    assert_documented(paths["/api/v1/jobs/{job_id}"]["get"], "200", {"401", "404", "422"})
    assert_documented(paths["/api/v1/me/spotify"]["delete"], "204", {"401", "503"})
    assert_documented(paths["/api/v1/spotify/import"]["post"], "202", {"401", "409", "422", "503"})
    callback = paths["/api/v1/auth/spotify/callback"]["get"]
    assert set(callback["responses"]) == {"200", "307", "400", "401", "422", "429", "503"}
    start = paths["/api/v1/auth/spotify"]["get"]
    assert set(start["responses"]) == {"200", "307", "401", "422", "429", "503"}
    assert start["summary"].endswith(".")
    job_id = paths["/api/v1/jobs/{job_id}"]["get"]["parameters"][0]["schema"]
    assert (job_id["minimum"], job_id["maximum"]) == (1, 2**31 - 1)
    body = spec["components"]["schemas"]["ImportRequest"]
    assert body["additionalProperties"] is False
