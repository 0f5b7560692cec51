"""What every response shares: request ids, the error shape, body limits, CORS."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from fastfm.kit.ids import MAX_ID, MAX_OFFSET
from fastfm.playlists.models import Playlist
from tests.auth import db
from tests.auth.apps import client_for, running_app
from tests.conftest import Profile
from tests.factories.library import count_rows
from tests.factories.users import DEFAULT_PASSWORD, register_and_login

REGISTER = "/api/v1/auth/register"
ONE_MIB = 1024 * 1024


class TestRequestId:
    async def test_a_sane_client_request_id_is_echoed(self, client: AsyncClient) -> None:
        response = await client.get("/healthz", headers={"X-Request-ID": "abc-123.x:y_z"})
        assert response.headers["x-request-id"] == "abc-123.x:y_z"

    async def test_one_is_generated_when_absent(self, client: AsyncClient) -> None:
        first = await client.get("/healthz")
        second = await client.get("/healthz")
        assert re.fullmatch(r"[0-9a-f]{32}", first.headers["x-request-id"])
        assert first.headers["x-request-id"] != second.headers["x-request-id"]

    @pytest.mark.parametrize("bad", ["has space", "x" * 129, "semi;colon"])
    async def test_an_unsafe_one_is_replaced(self, client: AsyncClient, bad: str) -> None:
        response = await client.get("/healthz", headers={"X-Request-ID": bad})
        assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])

    async def test_errors_carry_it_too(self, client: AsyncClient) -> None:
        response = await client.get("/api/v1/me", headers={"X-Request-ID": "req-401"})
        assert response.status_code == 401
        assert response.headers["x-request-id"] == "req-401"


class TestErrorShape:
    async def test_an_unknown_route_is_404_json(self, client: AsyncClient) -> None:
        response = await client.get("/api/v1/no-such-thing")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/json"
        assert response.json() == {"detail": "Not Found", "code": "not_found"}

    async def test_a_wrong_method_is_405_json(self, client: AsyncClient) -> None:
        response = await client.delete("/api/v1/auth/login")
        assert response.status_code == 405
        assert response.json() == {"detail": "Method Not Allowed", "code": "method_not_allowed"}
        assert "POST" in response.headers["allow"]

    async def test_an_unknown_body_field_is_422_with_field_errors(
        self, client: AsyncClient
    ) -> None:
        response = await client.post(
            "/api/v1/auth/refresh", json={"refresh_token": "x", "surprise": 1}
        )
        assert response.status_code == 422
        body = response.json()
        assert body["code"] == "validation_error"
        [error] = body["detail"]
        assert error["type"] == "extra_forbidden"
        assert error["loc"] == ["body", "surprise"]

    async def test_a_401_is_json_with_a_bearer_challenge(self, client: AsyncClient) -> None:
        response = await client.get("/api/v1/me")
        assert response.status_code == 401
        assert response.json() == {"detail": "Not authenticated", "code": "not_authenticated"}
        assert response.headers["www-authenticate"] == "Bearer"


class TestBodyLimit:
    async def test_a_body_announced_over_1_mib_is_413(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        body = b'{"email": "' + b"a" * ONE_MIB + b'"}'
        response = await client.post(
            REGISTER, content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 413
        assert response.json()["code"] == "payload_too_large"
        assert await db.user_count(profile) == 0

    async def test_a_streamed_body_over_1_mib_is_413(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        async def chunks() -> AsyncIterator[bytes]:
            yield b'{"email": "'
            for _ in range(20):
                yield b"a" * (64 * 1024)
            yield b'"}'

        response = await client.post(
            REGISTER, content=chunks(), headers={"Content-Type": "application/json"}
        )
        assert "content-length" not in response.request.headers
        assert response.request.headers["transfer-encoding"] == "chunked"
        assert response.status_code == 413
        assert response.json()["code"] == "payload_too_large"
        assert await db.user_count(profile) == 0

    async def test_an_http2_body_without_length_over_1_mib_is_413(
        self, app: FastAPI, profile: Profile
    ) -> None:
        # HTTP/2 frames a body without Content-Length or Transfer-Encoding; uvicorn does
        # not speak it, other ASGI servers do. Called straight through ASGI.
        chunks = [b'{"email": "', *([b"a" * (64 * 1024)] * 20), b'"}']
        sent: list[dict[str, object]] = []

        async def receive() -> dict[str, object]:
            body = chunks.pop(0)
            return {"type": "http.request", "body": body, "more_body": bool(chunks)}

        async def send(message: dict[str, object]) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "2",
            "method": "POST",
            "scheme": "https",
            "path": REGISTER,
            "raw_path": REGISTER.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [(b"host", b"testserver"), (b"content-type", b"application/json")],
            "client": ("203.0.113.7", 50000),
            "server": ("testserver", 443),
            "state": {},
        }
        await app(scope, receive, send)
        assert sent[0]["status"] == 413
        assert b"payload_too_large" in b"".join(
            m["body"]
            for m in sent
            if m["type"] == "http.response.body"  # type: ignore[misc]
        )
        assert await db.user_count(profile) == 0

    async def test_a_body_just_under_the_limit_is_read(self, client: AsyncClient) -> None:
        padding = " " * (ONE_MIB - 200)
        body = f'{{"refresh_token": "nope"{padding}}}'.encode()
        assert len(body) < ONE_MIB
        response = await client.post(
            "/api/v1/auth/refresh", content=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 401


ORIGIN = "https://app.example.com"


@pytest.fixture
async def cors_app(profile: Profile, app: FastAPI) -> AsyncIterator[FastAPI]:
    async with running_app(profile, cors_origins=[ORIGIN]) as with_cors:
        yield with_cors


class TestCors:
    async def test_a_preflight_from_an_allowed_origin_is_answered(self, cors_app: FastAPI) -> None:
        async with client_for(cors_app) as client:
            response = await client.options(
                "/api/v1/me",
                headers={
                    "Origin": ORIGIN,
                    "Access-Control-Request-Method": "PATCH",
                    "Access-Control-Request-Headers": "authorization,content-type",
                },
            )
        assert response.status_code == 200
        assert response.headers["access-control-allow-origin"] == ORIGIN
        assert "PATCH" in response.headers["access-control-allow-methods"]
        assert response.headers["access-control-allow-credentials"] == "true"

    async def test_responses_to_an_allowed_origin_expose_the_useful_headers(
        self, cors_app: FastAPI
    ) -> None:
        async with client_for(cors_app) as client:
            response = await client.get("/healthz", headers={"Origin": ORIGIN})
        assert response.headers["access-control-allow-origin"] == ORIGIN
        exposed = response.headers["access-control-expose-headers"].lower()
        for header in ("x-request-id", "location", "retry-after"):
            assert header in exposed

    async def test_other_origins_get_no_cors_headers(self, cors_app: FastAPI) -> None:
        async with client_for(cors_app) as client:
            response = await client.get("/healthz", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in response.headers

    async def test_without_cors_origins_there_are_no_cors_headers(
        self, client: AsyncClient
    ) -> None:
        response = await client.get("/healthz", headers={"Origin": ORIGIN})
        assert "access-control-allow-origin" not in response.headers


class TestMalformedBodies:
    """A body that cannot be read is 400 ``malformed_body`` and changes nothing."""

    @pytest.mark.parametrize(
        ("content", "content_type"),
        [
            (b'{"name": "Mix"', "application/json"),  # not JSON
            (b"\xff\xfe{}", "application/json"),  # not UTF-8
            (b'{"name": "Mix"}', "text/plain"),  # JSON, in another content type
            (b"name=Mix", "application/x-www-form-urlencoded"),
            (b'{"name": "Mix"}', ""),  # no content type at all
        ],
    )
    async def test_is_400_and_nothing_is_created(
        self, client: AsyncClient, profile: Profile, content: bytes, content_type: str
    ) -> None:
        user = await register_and_login(client, "alice")
        headers = {**user.headers, "Content-Type": content_type}

        response = await client.post("/api/v1/playlists", content=content, headers=headers)

        assert response.status_code == 400
        assert response.json()["code"] == "malformed_body"
        assert await count_rows(profile, Playlist) == 0

    async def test_the_login_form_sent_as_json_is_400(self, client: AsyncClient) -> None:
        await register_and_login(client, "alice")

        response = await client.post(
            "/api/v1/auth/login", json={"username": "alice", "password": DEFAULT_PASSWORD}
        )

        assert response.status_code == 400
        assert response.json()["code"] == "malformed_body"

    async def test_a_json_content_type_with_parameters_is_read(self, client: AsyncClient) -> None:
        user = await register_and_login(client, "alice")
        headers = {**user.headers, "Content-Type": "application/json; charset=utf-8"}

        response = await client.post(
            "/api/v1/playlists", content=b'{"name": "Mix"}', headers=headers
        )

        assert response.status_code == 201


class TestMethodNotAllowed:
    """405 names in ``Allow`` every method some route serves at that path."""

    @pytest.mark.parametrize(
        ("method", "path", "allow"),
        [
            ("PUT", "/api/v1/songs/1", "GET, PATCH, DELETE"),
            ("DELETE", "/api/v1/songs", "GET, POST"),
            ("OPTIONS", "/api/v1/playlists/1/tracks", "GET, POST, PUT, PATCH, DELETE"),
            ("PATCH", "/api/v1/playlists/1/shuffle", "GET, POST, DELETE"),
            ("GET", "/api/v1/me/liked/1", "POST, DELETE"),
            ("POST", "/api/v1/me/liked/contains", "GET"),
            ("PUT", "/api/v1/me", "GET, PATCH, DELETE"),
        ],
    )
    async def test_allow_lists_every_method_of_the_path(
        self, client: AsyncClient, spec: dict[str, Any], method: str, path: str, allow: str
    ) -> None:
        response = await client.request(method, path)

        assert response.status_code == 405
        assert response.json()["code"] == "method_not_allowed"
        assert response.headers["allow"] == allow


class TestDocumentedStatuses:
    async def test_every_route_with_a_body_documents_400_and_413(
        self, spec: dict[str, Any]
    ) -> None:
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                responses = operation["responses"]
                if path.startswith("/api/v1") or path == "/graphql":
                    assert "503" in responses, (method, path)
                if "requestBody" in operation:
                    assert {"400", "413"} <= set(responses), (method, path)
                # GraphQL answers its request errors in its own body.
                if "requestBody" in operation and path != "/graphql":
                    for status in ("400", "413"):
                        schema = responses[status]["content"]["application/json"]["schema"]
                        assert schema == {"$ref": "#/components/schemas/ErrorBody"}, (method, path)

    async def test_creates_link_to_what_the_new_resource_serves(self, spec: dict[str, Any]) -> None:
        paths = spec["paths"]
        for create, target in [
            ("/api/v1/playlists", "/api/v1/playlists/{playlist_id}/tracks"),
            ("/api/v1/songs", "/api/v1/me/liked/{song_id}"),
            ("/api/v1/artists", "/api/v1/me/following/artists/{artist_id}"),
            ("/api/v1/albums", "/api/v1/albums/{album_id}"),
            ("/api/v1/genres", "/api/v1/genres/{genre_id}"),
            ("/api/v1/auth/register", "/api/v1/users/{user_id}"),
        ]:
            links = paths[create]["post"]["responses"]["201"]["links"]
            targets = {op["operationId"] for op in paths[target].values()}
            assert targets <= set(links), (create, target)
            for link in links.values():
                assert list(link["parameters"].values()) == ["$response.body#/id"]

    async def test_enforced_constraints_are_in_the_schema(self, spec: dict[str, Any]) -> None:
        schemas = spec["components"]["schemas"]
        username = schemas["UserCreate"]["properties"]["username"]
        assert username["pattern"] == "^[A-Za-z0-9_.-]{3,30}$"
        songs = {
            p["name"]: p["schema"] for p in spec["paths"]["/api/v1/songs"]["get"]["parameters"]
        }
        assert "pattern" in songs["sort"]
        assert songs["q"]["pattern"] == "^[^\\u0000]*$"
        assert songs["offset"]["maximum"] == MAX_OFFSET
        assert songs["artist_id"]["anyOf"][0]["maximum"] == MAX_ID
        tracks = schemas["TracksAdd"]["properties"]["song_ids"]["items"]
        assert (tracks["minimum"], tracks["maximum"]) == (1, MAX_ID)
        artists = schemas["SongCreate"]["properties"]["artist_ids"]
        assert artists["uniqueItems"] is True
