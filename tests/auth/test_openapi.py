"""The accounts part of /openapi.json: summaries, error responses, examples, Authorize."""

from __future__ import annotations

from typing import Any

import pytest

from tests.openapi import assert_documented

ROUTES: dict[tuple[str, str], tuple[str, set[str]]] = {
    ("post", "/api/v1/auth/register"): ("201", {"409", "413", "422"}),
    ("post", "/api/v1/auth/login"): ("200", {"401", "413", "422", "429", "503"}),
    ("post", "/api/v1/auth/refresh"): ("200", {"401", "413", "422"}),
    ("post", "/api/v1/auth/logout"): ("204", {"401", "413", "422"}),
    ("post", "/api/v1/auth/logout-all"): ("204", {"401"}),
    ("get", "/api/v1/me"): ("200", {"401"}),
    ("patch", "/api/v1/me"): ("200", {"401", "409", "413", "422"}),
    ("put", "/api/v1/me/password"): ("204", {"401", "403", "413", "422", "429", "503"}),
    ("delete", "/api/v1/me"): ("204", {"401"}),
    ("get", "/api/v1/users/{user_id}"): ("200", {"404", "422"}),
}
SCHEMAS_WITH_EXAMPLES = [
    "UserCreate",
    "UserUpdate",
    "PasswordChange",
    "MeRead",
    "UserRead",
    "Tokens",
    "RefreshRequest",
    "LogoutRequest",
]


class TestOpenApi:
    @pytest.mark.parametrize(("method", "path"), list(ROUTES))
    async def test_each_route_documents_its_success_and_errors(
        self, spec: dict[str, Any], method: str, path: str
    ) -> None:
        assert_documented(spec["paths"][path][method], *ROUTES[(method, path)])

    async def test_authorize_uses_the_password_flow_of_the_login_route(
        self, spec: dict[str, Any]
    ) -> None:
        schemes = spec["components"]["securitySchemes"]
        [scheme] = [s for s in schemes.values() if s["type"] == "oauth2"]
        assert scheme["flows"]["password"]["tokenUrl"] == "/api/v1/auth/login"

    async def test_bearer_routes_declare_the_security_scheme(self, spec: dict[str, Any]) -> None:
        assert spec["paths"]["/api/v1/me"]["get"]["security"]
        assert "security" not in spec["paths"]["/api/v1/auth/register"]["post"]

    @pytest.mark.parametrize("name", SCHEMAS_WITH_EXAMPLES)
    async def test_bodies_carry_examples(self, spec: dict[str, Any], name: str) -> None:
        assert spec["components"]["schemas"][name]["examples"]

    @pytest.mark.parametrize("path", ["/api/v1/auth/login", "/api/v1/auth/session"])
    async def test_login_forms_state_every_constraint_they_check(
        self, spec: dict[str, Any], path: str
    ) -> None:
        # A fuzzer sends whatever the schema allows: a grant_type the route refuses with
        # 422 must be outside it.
        form = spec["paths"][path]["post"]["requestBody"]["content"]
        ref = form["application/x-www-form-urlencoded"]["schema"]["$ref"]
        fields = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"]
        assert fields["grant_type"]["pattern"] == "^password$"
        assert fields["username"]["pattern"] == fields["password"]["pattern"] == "^[^\\u0000]*$"
