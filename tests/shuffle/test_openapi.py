"""The shuffle part of /openapi.json: summaries, documented statuses, examples."""

from __future__ import annotations

from typing import Any

import pytest

from tests.openapi import assert_documented

PLAYLIST = "/api/v1/playlists/{playlist_id}/shuffle"
LIKED = "/api/v1/me/liked/shuffle"
ROUTES: dict[tuple[str, str], tuple[str, set[str]]] = {
    ("get", f"{PLAYLIST}/next"): ("200", {"204", "401", "404", "422", "503"}),
    ("post", PLAYLIST): ("201", {"401", "404", "413", "422", "503"}),
    ("get", PLAYLIST): ("200", {"401", "404", "422", "503"}),
    ("delete", PLAYLIST): ("204", {"401", "404", "422", "503"}),
    ("get", f"{LIKED}/next"): ("200", {"204", "401", "503"}),
    ("post", LIKED): ("201", {"401", "413", "422", "503"}),
    ("get", LIKED): ("200", {"401", "404", "503"}),
    ("delete", LIKED): ("204", {"401", "503"}),
}


class TestShuffleOpenApi:
    @pytest.mark.parametrize(("method", "path"), list(ROUTES))
    async def test_each_route_documents_its_success_and_errors(
        self, spec: dict[str, Any], method: str, path: str
    ) -> None:
        operation = spec["paths"][path][method]
        assert_documented(operation, *ROUTES[(method, path)])
        assert operation["tags"] == ["shuffle"]
        assert operation["security"]

    @pytest.mark.parametrize("name", ["ShuffleStart", "ShuffleNext", "ShuffleSession"])
    async def test_bodies_carry_examples(self, spec: dict[str, Any], name: str) -> None:
        assert spec["components"]["schemas"][name]["examples"]

    async def test_modes_are_listed(self, spec: dict[str, Any]) -> None:
        mode = spec["components"]["schemas"]["ShuffleStart"]["properties"]["mode"]
        assert mode["enum"] == ["random", "balanced"]
        assert mode["default"] == "balanced"
