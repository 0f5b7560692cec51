"""Batched loading: a nested query's statements do not grow with the number of results.

Printed with ``-s``: the statements of a 50-song nested query, and those of fetching the
same data through REST (the song list, then each song's album and each artist).
"""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from tests.conftest import Profile
from tests.graphql.helpers import data_of, seed
from tests.statements import counting

NESTED = """query ($limit: Int!) {
    songs(limit: $limit) {
        total
        items {
            title
            artists { name albums(limit: 3) { title tracks { song { title } } } }
            album { title artists { name } }
            genres { name }
            credits { role artist { name } }
        }
    }
}"""


async def count_graphql(
    client: AsyncClient, profile: Profile, monkeypatch: pytest.MonkeyPatch, limit: int
) -> int:
    await data_of(client, NESTED, {"limit": limit})  # a filter's total is kept after the first
    with counting(profile, monkeypatch) as counter:
        data = await data_of(client, NESTED, {"limit": limit})
    assert len(data["songs"]["items"]) == limit
    return counter.statements


async def test_nested_query_statements_do_not_grow_with_results(
    client: AsyncClient, profile: Profile, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(profile, 50)
    one = await count_graphql(client, profile, monkeypatch, 1)
    fifty = await count_graphql(client, profile, monkeypatch, 50)
    assert fifty <= one
    # The request (token check: none), the page and its total, then one per loader level.
    assert fifty <= 10

    with counting(profile, monkeypatch) as rest:
        page = (await client.get("/api/v1/songs?limit=50")).json()
        for song in page["items"]:
            assert (await client.get(f"/api/v1/albums/{song['album']['id']}")).status_code == 200
            for artist in song["artists"]:
                response = await client.get(f"/api/v1/artists/{artist['id']}/albums?limit=3")
                assert response.status_code == 200
    print(
        f"\n[{profile.name}] 50-song nested query: GraphQL {fifty} statements "
        f"(1 song: {one}); the same data through REST: {rest.statements} statements "
        f"in {1 + 50 + 100} requests"
    )
    assert rest.statements > fifty
