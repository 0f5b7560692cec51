"""Depth, alias, token and cost limits, each answered with a GraphQL error."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient

from tests.conftest import Profile
from tests.graphql.helpers import data_of, graphql, seed

RESPONSE_TYPE = "application/graphql-response+json"


def nested(levels: int) -> str:
    """A query ``levels`` deep: song > album > artists > albums > artists > ..."""
    inner = "id"
    chain = []
    for i in range(levels - 1):
        chain.append("album" if i == 0 else ("artists" if i % 2 else "albums(limit: 1)"))
    for field in reversed(chain):
        inner = f"{field} {{ {inner} }}"
    return f"{{ song(id: 1) {{ {inner} }} }}"


async def errors_of(client: AsyncClient, query: str) -> list[dict[str, object]]:
    response = await graphql(client, query)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "data" not in body or body["data"] is None
    errors: list[dict[str, object]] = body["errors"]
    return errors


class TestDepth:
    async def test_ten_levels_run(
        self, client: AsyncClient, profile: Profile, app: FastAPI
    ) -> None:
        await seed(profile, 1)
        data = await data_of(client, nested(10))
        assert data["song"]["album"] is not None

    async def test_eleven_levels_are_refused(self, client: AsyncClient, app: FastAPI) -> None:
        errors = await errors_of(client, nested(11))
        assert "exceeds maximum operation depth of 10" in str(errors[0]["message"])

    async def test_depth_through_fragments_counts(self, client: AsyncClient, app: FastAPI) -> None:
        query = (
            "fragment A on Album { artists { albums { artists { albums { artists { albums {"
            " artists { albums { artists { id } } } } } } } } } }"
            " { song(id: 1) { album { ...A } } }"
        )
        errors = await errors_of(client, query)
        assert "depth" in str(errors[0]["message"])


class TestAliasesTokensCost:
    async def test_too_many_aliases(self, client: AsyncClient, app: FastAPI) -> None:
        query = "{ " + " ".join(f"a{i}: song(id: {i + 1}) {{ id }}" for i in range(16)) + " }"
        errors = await errors_of(client, query)
        assert "aliases" in str(errors[0]["message"]).lower()

    async def test_fifteen_aliases_run(self, client: AsyncClient, app: FastAPI) -> None:
        query = "{ " + " ".join(f"a{i}: song(id: {i + 1}) {{ id }}" for i in range(15)) + " }"
        assert len(await data_of(client, query)) == 15

    async def test_too_many_tokens(self, client: AsyncClient, app: FastAPI) -> None:
        query = "{ me { " + " ".join(["id"] * 2100) + " } }"
        errors = await errors_of(client, query)
        assert "token" in str(errors[0]["message"]).lower()

    async def test_costly_query_is_refused_before_any_load(
        self, client: AsyncClient, app: FastAPI
    ) -> None:
        query = (
            "{ songs(limit: 100) { items { artists { songs(limit: 100) { artists { name } } } } } }"
        )
        errors = await errors_of(client, query)
        assert errors[0]["extensions"] == {"code": "query_too_costly"}

    async def test_cost_counts_limits_given_as_variables(
        self, client: AsyncClient, app: FastAPI
    ) -> None:
        query = (
            "query ($n: Int!) "
            "{ songs(limit: $n) { items { artists { songs(limit: $n) { artists { id } } } } } }"
        )
        small = await graphql(client, query, {"n": 2})
        assert "errors" not in small.json()
        big = await graphql(client, query, {"n": 100})
        assert big.json()["errors"][0]["extensions"] == {"code": "query_too_costly"}

    async def test_request_errors_are_400_for_graphql_response_clients(
        self, client: AsyncClient, app: FastAPI
    ) -> None:
        response = await client.post(
            "/graphql", json={"query": nested(11)}, headers={"Accept": RESPONSE_TYPE}
        )
        assert response.status_code == 400
        assert response.headers["content-type"].startswith(RESPONSE_TYPE)
        assert response.json()["errors"]
