"""The parties part of /openapi.json: summaries, documented errors, examples."""

from __future__ import annotations

from typing import Any

import pytest

from tests.openapi import assert_documented

P = "/api/v1/parties"
ROUTES: dict[tuple[str, str], tuple[str, set[str]]] = {
    ("post", P): ("201", {"401", "404", "409", "413", "422"}),
    ("post", f"{P}/join"): ("200", {"401", "404", "413", "422"}),
    ("get", f"{P}/{{party_id}}"): ("200", {"401", "404", "422"}),
    ("delete", f"{P}/{{party_id}}"): ("204", {"401", "403", "404", "422"}),
}


@pytest.mark.parametrize(("method", "path"), list(ROUTES))
def test_route_is_documented(spec: dict[str, Any], method: str, path: str) -> None:
    success, errors = ROUTES[(method, path)]
    assert_documented(spec["paths"][path][method], success, errors)


def test_party_routes_are_exactly_these(spec: dict[str, Any]) -> None:
    documented = {
        (method, path)
        for path, item in spec["paths"].items()
        if path.startswith(P)
        for method in item
    }
    assert documented == set(ROUTES)


@pytest.mark.parametrize("name", ["PartyCreate", "PartyJoin", "PartyRead"])
def test_schema_has_an_example(spec: dict[str, Any], name: str) -> None:
    assert spec["components"]["schemas"][name]["examples"]


def test_bounds_are_in_the_schema(spec: dict[str, Any]) -> None:
    playlist_id = spec["components"]["schemas"]["PartyCreate"]["properties"]["playlist_id"]
    assert (playlist_id["minimum"], playlist_id["maximum"]) == (1, 2**31 - 1)
    assert spec["components"]["schemas"]["PartyJoin"]["properties"]["join_code"]["pattern"]
