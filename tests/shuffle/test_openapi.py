"""The shuffle part of /openapi.json: summaries, documented statuses, examples."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

PLAYLIST = "/api/v1/playlists/{playlist_id}/shuffle"
LIKED = "/api/v1/me/liked/shuffle"
ROUTES: dict[tuple[str, str], tuple[str, set[str]]] = {
    ("get", f"{PLAYLIST}/next"): ("200", {"204", "401", "404", "422", "503"}),
    ("post", PLAYLIST): ("201", {"401", "404", "413", "422"}),
    ("get", PLAYLIST): ("200", {"401", "404", "422"}),
    ("delete", PLAYLIST): ("204", {"401", "404", "422"}),
    ("get", f"{LIKED}/next"): ("200", {"204", "401", "503"}),
    ("post", LIKED): ("201", {"401", "413", "422"}),
    ("get", LIKED): ("200", {"401", "404"}),
    ("delete", LIKED): ("204", {"401"}),
}


@pytest.fixture
async def spec(client: AsyncClient) -> dict[str, Any]:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


class TestShuffleOpenApi:
    @pytest.mark.parametrize(("method", "path"), list(ROUTES))
    async def test_each_route_documents_its_success_and_errors(
        self, spec: dict[str, Any], method: str, path: str
    ) -> None:
        operation = spec["paths"][path][method]
        success, statuses = ROUTES[(method, path)]
        assert operation["summary"].endswith(".")
        assert operation["tags"] == ["shuffle"]
        assert operation["security"]
        assert set(operation["responses"]) == {success, *statuses}
        for status in statuses - {"204", "422"}:
            schema = operation["responses"][status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorBody"}

    @pytest.mark.parametrize("name", ["ShuffleStart", "ShuffleNext", "ShuffleSession"])
    async def test_bodies_carry_examples(self, spec: dict[str, Any], name: str) -> None:
        assert spec["components"]["schemas"][name]["examples"]

    async def test_modes_are_listed(self, spec: dict[str, Any]) -> None:
        mode = spec["components"]["schemas"]["ShuffleStart"]["properties"]["mode"]
        assert mode["enum"] == ["random", "balanced"]
        assert mode["default"] == "balanced"
