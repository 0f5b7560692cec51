"""Who may do what: every caller against every playlist endpoint, public and private.

A playlist is visible to its owner, its collaborators and, if public, everyone; an
invisible playlist is 404. Owner and collaborators edit details and tracks; only the
owner deletes, changes ``is_public`` and manages collaborators (a collaborator may
leave). Anyone signed in who can see a playlist may follow it. Refusals change nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.playlists import add_tracks, create_playlist, quick_user, track_song_ids
from tests.factories.users import AuthedUser

OWNER, COLLABORATOR, FOLLOWER, STRANGER, ANONYMOUS = (
    "owner",
    "collaborator",
    "follower",
    "stranger",
    "anonymous",
)
CALLERS = (OWNER, COLLABORATOR, FOLLOWER, STRANGER, ANONYMOUS)
EDITORS = frozenset({OWNER, COLLABORATOR})
SIGNED_IN = frozenset({OWNER, COLLABORATOR, FOLLOWER, STRANGER})
EVERYONE = frozenset(CALLERS)


@dataclass
class Scene:
    """A playlist with three tracks, a collaborator and a follower; plus a stranger."""

    playlist_id: int
    is_public: bool
    users: dict[str, AuthedUser]
    song_ids: list[int]
    bystander: AuthedUser


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: Callable[[Scene], str]
    success: int
    allowed: frozenset[str]
    body: Callable[[Scene], dict[str, Any] | None] = field(default=lambda _: None)

    @property
    def needs_token(self) -> bool:
        return ANONYMOUS not in self.allowed

    def expected(self, caller: str, is_public: bool) -> int:
        if caller == ANONYMOUS and self.needs_token:
            return 401
        if not (is_public or caller in EDITORS):
            return 404
        return self.success if caller in self.allowed else 403


def base(scene: Scene) -> str:
    return f"/api/v1/playlists/{scene.playlist_id}"


ENDPOINTS = [
    Endpoint("get playlist", "GET", base, 200, EVERYONE),
    Endpoint("get tracks", "GET", lambda s: f"{base(s)}/tracks", 200, EVERYONE),
    Endpoint("get collaborators", "GET", lambda s: f"{base(s)}/collaborators", 200, EVERYONE),
    Endpoint(
        "put details",
        "PUT",
        base,
        200,
        EDITORS,
        lambda s: {"name": "Renamed", "description": None, "is_public": s.is_public},
    ),
    Endpoint("patch name", "PATCH", base, 200, EDITORS, lambda _: {"name": "Renamed"}),
    Endpoint(
        "patch is_public",
        "PATCH",
        base,
        200,
        frozenset({OWNER}),
        lambda s: {"is_public": not s.is_public},
    ),
    Endpoint("delete playlist", "DELETE", base, 204, frozenset({OWNER})),
    Endpoint(
        "add tracks",
        "POST",
        lambda s: f"{base(s)}/tracks",
        201,
        EDITORS,
        lambda s: {"song_ids": [s.song_ids[0]]},
    ),
    Endpoint(
        "replace tracks",
        "PUT",
        lambda s: f"{base(s)}/tracks",
        200,
        EDITORS,
        lambda s: {"song_ids": [s.song_ids[1]]},
    ),
    Endpoint(
        "reorder tracks",
        "PATCH",
        lambda s: f"{base(s)}/tracks",
        200,
        EDITORS,
        lambda _: {"range_start": 0, "insert_before": 3},
    ),
    Endpoint(
        "remove tracks",
        "DELETE",
        lambda s: f"{base(s)}/tracks",
        200,
        EDITORS,
        lambda _: {"positions": [0]},
    ),
    Endpoint(
        "add collaborator",
        "PUT",
        lambda s: f"{base(s)}/collaborators/{s.bystander.id}",
        204,
        frozenset({OWNER}),
    ),
    Endpoint(
        "remove collaborator",
        "DELETE",
        lambda s: f"{base(s)}/collaborators/{s.users[COLLABORATOR].id}",
        204,
        EDITORS,  # the owner removes, the collaborator leaves
    ),
    Endpoint("follow", "PUT", lambda s: f"{base(s)}/followers", 204, SIGNED_IN),
    Endpoint("unfollow", "DELETE", lambda s: f"{base(s)}/followers", 204, SIGNED_IN),
]


async def build_scene(
    client: AsyncClient, profile: Profile, songs: list[int], is_public: bool
) -> Scene:
    users = {
        role: await quick_user(profile, role) for role in (OWNER, COLLABORATOR, FOLLOWER, STRANGER)
    }
    bystander = await quick_user(profile, "bystander")
    owner = users[OWNER]
    playlist = await create_playlist(client, owner, is_public=True)
    playlist_url = f"/api/v1/playlists/{playlist['id']}"
    await add_tracks(client, owner, playlist["id"], songs[:3])
    added = await client.put(
        f"{playlist_url}/collaborators/{users[COLLABORATOR].id}", headers=owner.headers
    )
    followed = await client.put(f"{playlist_url}/followers", headers=users[FOLLOWER].headers)
    assert (added.status_code, followed.status_code) == (204, 204)
    if not is_public:
        # The follower followed while it was public; following grants no visibility.
        hidden = await client.patch(playlist_url, json={"is_public": False}, headers=owner.headers)
        assert hidden.status_code == 200
    return Scene(playlist["id"], is_public, users, songs, bystander)


async def state(client: AsyncClient, scene: Scene) -> tuple[Any, list[int]]:
    """Everything a refused request must leave as it was, seen by the owner."""
    owner = scene.users[OWNER]
    body = (
        await client.get(f"/api/v1/playlists/{scene.playlist_id}", headers=owner.headers)
    ).json()
    return body, await track_song_ids(client, owner, scene.playlist_id)


# Refusals come first: each allowed set is closed upwards in this order, so every
# refused request is checked against the untouched playlist.
CALLER_ORDER = (ANONYMOUS, STRANGER, FOLLOWER, COLLABORATOR, OWNER)


@pytest.mark.parametrize("is_public", [True, False], ids=["public", "private"])
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
class TestPermissionMatrix:
    async def test_each_caller_gets_the_expected_status(
        self,
        client: AsyncClient,
        profile: Profile,
        songs: list[int],
        endpoint: Endpoint,
        is_public: bool,
    ) -> None:
        scene = await build_scene(client, profile, songs, is_public)
        untouched = await state(client, scene)
        got: dict[str, int] = {}
        for caller in CALLER_ORDER:
            headers = scene.users[caller].headers if caller != ANONYMOUS else {}
            response = await client.request(
                endpoint.method, endpoint.path(scene), json=endpoint.body(scene), headers=headers
            )
            got[caller] = response.status_code
            if response.status_code == 404:
                assert response.json()["code"] == "playlist_not_found"
            if response.status_code >= 400:
                assert await state(client, scene) == untouched, f"{caller} changed something"
        assert got == {caller: endpoint.expected(caller, is_public) for caller in CALLER_ORDER}
