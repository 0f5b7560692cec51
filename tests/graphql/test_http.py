"""GraphQL over HTTP: malformed requests, tokens, operation types, GraphiQL."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient

from fastfm.config import Environment
from fastfm.main import create_app
from tests.conftest import Profile
from tests.factories.playlists import quick_user
from tests.graphql.helpers import graphql


class TestRequests:
    @pytest.mark.parametrize(
        "body",
        [
            b"not json",
            b"[]",
            b"{}",
            b'{"query": ""}',
            b'{"query": 5}',
            b'{"query": "{ me { id } }", "variables": 3}',
        ],
    )
    async def test_malformed_requests_are_400(
        self, client: AsyncClient, app: FastAPI, body: bytes
    ) -> None:
        response = await client.post(
            "/graphql", content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["message"]

    async def test_syntax_and_unknown_field_errors(self, client: AsyncClient, app: FastAPI) -> None:
        for query in (
            "{ song(id: 1) { ",
            "{ nothing }",
            "{ song { id } }",
            '{ song(id: "x") { id } }',
        ):
            response = await graphql(client, query)
            assert response.status_code == 200
            body = response.json()
            assert body["errors"], query
            assert body.get("data") is None, query

    async def test_mutations_and_subscriptions_are_refused(
        self, client: AsyncClient, app: FastAPI
    ) -> None:
        for query in ("mutation { x }", "subscription { x }"):
            response = await graphql(client, query)
            assert response.status_code in (200, 400)
            assert response.json()["errors"], query

    async def test_bad_token_is_401_like_rest(self, client: AsyncClient, app: FastAPI) -> None:
        response = await graphql(client, "{ me { id } }", headers={"Authorization": "Bearer nope"})
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.json()["code"] == "invalid_token"

    async def test_revoked_token_is_401(
        self, client: AsyncClient, profile: Profile, app: FastAPI
    ) -> None:
        user = await quick_user(profile, "rita")
        assert (
            await client.post("/api/v1/auth/logout-all", headers=user.headers)
        ).status_code == 204
        response = await graphql(client, "{ me { id } }", headers=user.headers)
        assert response.status_code == 401


class TestGraphiQL:
    async def test_served_in_development(self, client: AsyncClient, app: FastAPI) -> None:
        response = await client.get("/graphql")
        assert response.status_code == 200
        assert "graphiql" in response.text.lower()

    async def test_not_served_in_production(self, profile: Profile, app: FastAPI) -> None:
        settings = profile.settings.model_copy(update={"env": Environment.PRODUCTION})
        production = create_app(settings)
        transport = ASGITransport(app=production)
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            response = await http.get("/graphql")
        assert response.status_code == 405


class TestOpenAPI:
    async def test_documented(self, spec: dict[str, object]) -> None:
        paths = spec["paths"]
        assert isinstance(paths, dict)
        operation = paths["/graphql"]["post"]
        assert set(operation["responses"]) == {"200", "400", "401", "413", "429", "503"}
        assert "Retry-After" in operation["responses"]["503"]["headers"]
        assert operation["summary"] == "Run a GraphQL query."
        assert "get" not in paths["/graphql"]  # GraphiQL is not part of the API
        body = operation["requestBody"]["content"]["application/json"]["schema"]
        assert body == {"$ref": "#/components/schemas/GraphQLRequest"}
