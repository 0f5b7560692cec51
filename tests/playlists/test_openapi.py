"""The playlists part of /openapi.json: summaries, documented errors, examples."""

from __future__ import annotations

from typing import Any

import pytest

from tests.openapi import assert_documented

P = "/api/v1/playlists/{playlist_id}"
ROUTES: dict[tuple[str, str], tuple[str, set[str]]] = {
    ("get", "/api/v1/playlists"): ("200", {"401", "422"}),
    ("post", "/api/v1/playlists"): ("201", {"401", "413", "422"}),
    ("get", P): ("200", {"401", "404", "422"}),
    ("put", P): ("200", {"401", "403", "404", "413", "422"}),
    ("patch", P): ("200", {"401", "403", "404", "413", "422"}),
    ("delete", P): ("204", {"401", "403", "404", "422"}),
    ("get", f"{P}/tracks"): ("200", {"401", "404", "422"}),
    ("post", f"{P}/tracks"): ("201", {"401", "403", "404", "413", "422"}),
    ("put", f"{P}/tracks"): ("200", {"401", "403", "404", "413", "422"}),
    ("patch", f"{P}/tracks"): ("200", {"401", "403", "404", "409", "413", "422"}),
    ("delete", f"{P}/tracks"): ("200", {"401", "403", "404", "409", "413", "422"}),
    ("get", f"{P}/collaborators"): ("200", {"401", "404", "422"}),
    ("put", f"{P}/collaborators/{{user_id}}"): ("204", {"401", "403", "404", "422"}),
    ("delete", f"{P}/collaborators/{{user_id}}"): ("204", {"401", "403", "404", "422"}),
    ("put", f"{P}/followers"): ("204", {"401", "404", "422"}),
    ("delete", f"{P}/followers"): ("204", {"401", "404", "422"}),
    ("get", "/api/v1/me/following/playlists"): ("200", {"401", "422"}),
    ("get", "/api/v1/users/{user_id}/playlists"): ("200", {"404", "422"}),
}
SCHEMAS_WITH_EXAMPLES = [
    "PlaylistCreate",
    "PlaylistReplace",
    "PlaylistUpdate",
    "PlaylistRead",
    "PlaylistWithTracks",
    "PlaylistTrackRead",
    "TracksAdd",
    "TracksReplace",
    "TracksReorder",
    "TracksRemove",
    "SnapshotRead",
    "UserRef",
]


class TestPlaylistsOpenApi:
    @pytest.mark.parametrize(("method", "path"), list(ROUTES))
    async def test_each_route_documents_its_success_and_errors(
        self, spec: dict[str, Any], method: str, path: str
    ) -> None:
        operation = spec["paths"][path][method]
        assert_documented(operation, *ROUTES[(method, path)])
        assert operation["tags"] == ["playlists"]

    @pytest.mark.parametrize("name", SCHEMAS_WITH_EXAMPLES)
    async def test_bodies_carry_examples(self, spec: dict[str, Any], name: str) -> None:
        assert spec["components"]["schemas"][name]["examples"]

    async def test_created_playlist_documents_its_location(self, spec: dict[str, Any]) -> None:
        created = spec["paths"]["/api/v1/playlists"]["post"]["responses"]["201"]
        assert "Location" in created["headers"]
