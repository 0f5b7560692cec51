"""Catalog reads are public; every write needs an admin (401 without a token, 403 otherwise)."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.catalog.helpers import API, catalog_counts
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import AuthedUser

WRITES = [
    ("POST", "/genres", {"name": "Funk"}),
    ("PATCH", "/genres/{genre}", {"name": "Soul"}),
    ("DELETE", "/genres/{genre}", None),
    ("POST", "/artists", {"name": "New"}),
    ("PATCH", "/artists/{artist}", {"name": "Renamed"}),
    ("DELETE", "/artists/{artist}", None),
    ("POST", "/albums", {"title": "New", "artist_ids": ["{artist}"]}),
    ("PATCH", "/albums/{album}", {"title": "Renamed"}),
    ("DELETE", "/albums/{album}", None),
    ("POST", "/songs", {"title": "New", "duration_ms": 1000, "artist_ids": ["{artist}"]}),
    ("PATCH", "/songs/{song}", {"title": "Renamed"}),
    ("DELETE", "/songs/{song}", None),
]


async def _targets(catalog: CatalogFactory) -> dict[str, int]:
    genre = await catalog.genre("Jazz")
    artist = await catalog.artist("Nina Simone")
    album = await catalog.album("Pastel Blues", [artist["id"]])
    song = await catalog.song("Sinnerman", [artist["id"]])
    return {"genre": genre["id"], "artist": artist["id"], "album": album["id"], "song": song["id"]}


def _fill(value: object, targets: dict[str, int]) -> object:
    if isinstance(value, str) and value.startswith("{"):
        return targets[value.strip("{}")]
    if isinstance(value, list):
        return [_fill(v, targets) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, targets) for k, v in value.items()}
    return value


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
class TestWritesNeedAnAdmin:
    async def test_without_token_is_401_and_changes_nothing(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        profile: Profile,
        method: str,
        path: str,
        body: dict[str, object] | None,
    ) -> None:
        targets = await _targets(catalog)
        before = await catalog_counts(profile)
        response = await client.request(
            method, API + path.format(**targets), json=_fill(body, targets)
        )
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert await catalog_counts(profile) == before

    async def test_non_admin_is_403_and_changes_nothing(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        user: AuthedUser,
        profile: Profile,
        method: str,
        path: str,
        body: dict[str, object] | None,
    ) -> None:
        targets = await _targets(catalog)
        before = await catalog_counts(profile)
        response = await client.request(
            method, API + path.format(**targets), json=_fill(body, targets), headers=user.headers
        )
        assert response.status_code == 403
        assert response.json()["code"] == "admin_required"
        assert await catalog_counts(profile) == before

    async def test_invalid_token_is_401(
        self, client: AsyncClient, method: str, path: str, body: dict[str, object] | None
    ) -> None:
        targets = {"genre": 1, "artist": 1, "album": 1, "song": 1}
        response = await client.request(
            method,
            API + path.format(**targets),
            json=_fill(body, targets),
            headers={"Authorization": "Bearer not-a-token"},
        )
        assert response.status_code == 401


@pytest.mark.parametrize(
    "path",
    [
        "/genres",
        "/genres/{genre}",
        "/artists",
        "/artists/{artist}",
        "/artists/{artist}/albums",
        "/artists/{artist}/songs",
        "/artists/{artist}/credits",
        "/albums",
        "/albums/{album}",
        "/songs",
        "/songs/{song}",
        "/songs/{song}/credits",
    ],
)
async def test_reads_are_public(client: AsyncClient, catalog: CatalogFactory, path: str) -> None:
    targets = await _targets(catalog)
    response = await client.get(API + path.format(**targets))
    assert response.status_code == 200
