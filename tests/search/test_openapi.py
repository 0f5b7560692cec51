"""GET /search is documented: statuses, and every bound it enforces."""

from __future__ import annotations

from typing import Any

from fastfm.search.schemas import NOT_BLANK_PATTERN
from tests.openapi import assert_documented


def _parameters(spec: dict[str, Any]) -> dict[str, dict[str, Any]]:
    operation = spec["paths"]["/api/v1/search"]["get"]
    return {p["name"]: p for p in operation["parameters"]}


async def test_search_is_documented(spec: dict[str, Any]) -> None:
    operation = spec["paths"]["/api/v1/search"]["get"]
    assert_documented(operation, "200", {"401", "422", "503"})
    assert operation["tags"] == ["search"]
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/SearchResults"}
    results = spec["components"]["schemas"]["SearchResults"]
    assert set(results["properties"]) == {"songs", "artists", "albums", "playlists", "genres"}
    assert "required" not in results


async def test_bounds_are_in_the_schema(spec: dict[str, Any]) -> None:
    parameters = _parameters(spec)
    q = parameters["q"]
    assert q["required"] is True
    assert q["schema"]["minLength"] == 1
    assert q["schema"]["maxLength"] == 200
    assert q["schema"]["pattern"] == NOT_BLANK_PATTERN
    limit = parameters["limit"]["schema"]
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 50, 20)
    offset = parameters["offset"]["schema"]
    assert (offset["minimum"], offset["maximum"], offset["default"]) == (0, 1000, 0)
    kinds = parameters["type"]["schema"]["anyOf"][0]["pattern"]
    for kind in ("song", "artist", "album", "playlist", "genre"):
        assert kind in kinds
