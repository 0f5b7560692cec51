"""Checks every domain's OpenAPI tests share."""

from __future__ import annotations

from typing import Any

# Statuses documented without the error body: no content, and FastAPI's validation list.
WITHOUT_ERROR_BODY = {"204", "304", "422"}
# Every API operation can be rate limited; reads that send an ETag can answer 304.
OPERATIONS_WIDE = {"429"}
CONDITIONAL = {"304"}


def assert_documented(operation: dict[str, Any], success: str, errors: set[str]) -> None:
    """A one-sentence summary (the docstring's, not FastAPI's title-cased function name),
    exactly the success and error statuses given, and the error body on each error."""
    assert operation["summary"].endswith(".")
    assert "\n" not in operation["summary"]
    documented = set(operation["responses"])
    assert documented >= OPERATIONS_WIDE
    assert documented - OPERATIONS_WIDE - CONDITIONAL == {success, *errors} - OPERATIONS_WIDE
    for status in (errors | OPERATIONS_WIDE) - WITHOUT_ERROR_BODY:
        schema = operation["responses"][status]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorBody"}
