"""Every catalog GET body is what its route declares: the read path builds bodies from
labelled columns itself (no response validation at run time), so this checks each of
them against the route's ``response_model``.

The routes come from the app's route table: a new catalog GET route is covered without
changing this file (its path parameters must be among ``IDS`` below, or the test fails).
"""

from __future__ import annotations

import itertools
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from httpx import AsyncClient
from pydantic import TypeAdapter

from fastfm.api import PREFIX
from fastfm.catalog import router as catalog_routers
from tests.factories.catalog import API, CatalogFactory


def catalog_get_routes(app: FastAPI) -> list[APIRoute]:
    """Every GET route of the catalog's routers, as mounted in ``app`` (under ``PREFIX``)."""
    routes = [
        route
        for router in catalog_routers.ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and "GET" in route.methods
    ]
    assert len(routes) >= 12, [r.path for r in routes]
    mounted = {path for path, item in app.openapi()["paths"].items() if "get" in item}
    assert {PREFIX + route.path for route in routes} <= mounted
    return routes


async def populate(factory: CatalogFactory) -> dict[str, list[int]]:
    """Genres, credits, album tracks and every nullable field both set and empty."""
    jazz, soul = await factory.genre("Jazz"), await factory.genre("Soul")
    nina = await factory.artist(
        "Nina Simone",
        bio="Singer, pianist",
        image_url="https://example.com/nina.jpg",
        genre_ids=[jazz["id"], soul["id"]],
    )
    bare = await factory.artist("Unbilled")
    album = await factory.album(
        "Pastel Blues",
        [nina["id"], bare["id"]],
        release_date="1965-10-01",
        genre_ids=[jazz["id"]],
    )
    undated = await factory.album("Rarities", [bare["id"]])
    full = await factory.song(
        "Sinnerman",
        [nina["id"], bare["id"]],
        album_id=album["id"],
        track_number=5,
        isrc="USPR36500123",
        explicit=True,
        genre_ids=[jazz["id"], soul["id"]],
        credits=[
            {"artist_id": nina["id"], "role": "performer", "detail": "piano"},
            {"artist_id": bare["id"], "role": "producer"},
        ],
    )
    unnumbered = await factory.song("Be My Husband", [nina["id"]], album_id=album["id"])
    loose = await factory.song("Untitled", [bare["id"]])
    await factory.song("Hidden Track", [bare["id"]], album_id=undated["id"], disc_number=2)
    return {
        "song_id": [full["id"], unnumbered["id"], loose["id"]],
        "album_id": [album["id"], undated["id"]],
        "artist_id": [nina["id"], bare["id"]],
        "genre_id": [jazz["id"]],
    }


def urls(route: APIRoute, ids: dict[str, list[int]]) -> list[str]:
    names = [param.name for param in route.dependant.path_params]
    missing = [name for name in names if name not in ids]
    assert not missing, f"{route.path}: no test data for {missing}; add it to populate()"
    choices = itertools.product(*(ids[name] for name in names))
    return [PREFIX + route.path_format.format(**dict(zip(names, c, strict=True))) for c in choices]


async def test_every_catalog_get_body_matches_its_response_model(
    app: FastAPI, client: AsyncClient, catalog: CatalogFactory
) -> None:
    ids = await populate(catalog)
    checked = 0
    for route in catalog_get_routes(app):
        assert route.response_model is not None, route.path
        adapter: TypeAdapter[Any] = TypeAdapter(route.response_model)
        for url in urls(route, ids):
            response = await client.get(url)
            assert response.status_code == 200, (url, response.text)
            model = adapter.validate_json(response.content)
            # Nothing the model lacks, nothing it would write differently.
            assert adapter.dump_python(model, mode="json") == response.json(), url
            checked += 1
    assert checked >= 20


async def test_bodies_carry_the_populated_links_and_nulls(
    client: AsyncClient, catalog: CatalogFactory
) -> None:
    ids = await populate(catalog)
    full = (await client.get(f"{API}/songs/{ids['song_id'][0]}")).json()
    assert [g["name"] for g in full["genres"]] == ["Jazz", "Soul"]
    assert [(c["role"], c["detail"]) for c in full["credits"]] == [
        ("performer", "piano"),
        ("producer", None),
    ]
    assert [a["name"] for a in full["artists"]] == ["Nina Simone", "Unbilled"]
    loose = (await client.get(f"{API}/songs/{ids['song_id'][2]}")).json()
    assert (loose["album"], loose["isrc"], loose["genres"], loose["credits"]) == (
        None,
        None,
        [],
        [],
    )
    album = (await client.get(f"{API}/albums/{ids['album_id'][0]}")).json()
    assert [(t["track_number"], t["song"]["title"]) for t in album["tracks"]] == [
        (5, "Sinnerman"),
        (None, "Be My Husband"),
    ]
    assert [a["name"] for a in album["tracks"][0]["song"]["artists"]] == [
        "Nina Simone",
        "Unbilled",
    ]
    undated = (await client.get(f"{API}/albums/{ids['album_id'][1]}")).json()
    assert undated["release_date"] is None
    assert undated["tracks"][0]["disc_number"] == 2
    bare = (await client.get(f"{API}/artists/{ids['artist_id'][1]}")).json()
    assert (bare["bio"], bare["image_url"], bare["genres"]) == (None, None, [])
