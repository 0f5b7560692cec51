"""Checks every domain's OpenAPI tests share."""

from __future__ import annotations

from typing import Any

# Statuses documented without the error body: no content, and FastAPI's validation list.
WITHOUT_ERROR_BODY = {"204", "304", "422"}
# What every API route documents without naming it (kit.routing.DocstringSummaryRoute):
# a backing service can fail anywhere, and every API operation can be rate limited.
EVERY_ROUTE = {"503", "429"}
WITH_A_BODY = {"400", "413"}
# Reads that send an ETag can answer 304.
CONDITIONAL = {"304"}


def assert_documented(operation: dict[str, Any], success: str, errors: set[str]) -> None:
    """A one-sentence summary (the docstring's, not FastAPI's title-cased function name),
    exactly the success and error statuses given (and those every route, or every route
    with a body, can answer), and the error body on each error."""
    assert operation["summary"].endswith(".")
    assert "\n" not in operation["summary"]
    implied = EVERY_ROUTE | (WITH_A_BODY if "requestBody" in operation else set())
    assert set(operation["responses"]) - CONDITIONAL == {success, *errors, *implied}
    for status in (errors | implied) - WITHOUT_ERROR_BODY:
        schema = operation["responses"][status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorBody"}
