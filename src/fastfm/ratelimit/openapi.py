"""429 (with the rate-limit headers) in the OpenAPI document of every rate-limited
operation, and 304 on every read that sends an ETag."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

from fastfm.ratelimit.budgets import budget_for

_INTEGER = {"type": "integer", "minimum": 0}
_ERROR_BODY = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
TOO_MANY: dict[str, Any] = {
    "description": "Rate limited: this caller's budget is used up (see Retry-After)",
    "headers": {
        "Retry-After": {"schema": _INTEGER, "description": "Seconds until the budget refills"},
        "RateLimit-Limit": {"schema": _INTEGER, "description": "Requests allowed per window"},
        "RateLimit-Remaining": {"schema": _INTEGER, "description": "Requests left in the window"},
        "RateLimit-Reset": {"schema": _INTEGER, "description": "Seconds until the window ends"},
    },
    "content": _ERROR_BODY,
}
NOT_MODIFIED: dict[str, Any] = {
    "description": "Not modified: the If-None-Match header names the current ETag (no body)",
    "headers": {"ETag": {"schema": {"type": "string"}, "description": "The current ETag"}},
}
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def document_operations(app: FastAPI, *, etagged: Callable[[str], bool]) -> None:
    """Wrap ``app.openapi`` so the schema lists 429 and 304 where they can be answered."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                if method not in _METHODS:
                    continue
                responses = operation.setdefault("responses", {})
                if budget_for(method.upper(), path, b"") is not None:
                    entry = responses.setdefault("429", dict(TOO_MANY))
                    entry.setdefault("headers", TOO_MANY["headers"])
                if method == "get" and etagged(path):
                    responses.setdefault("304", NOT_MODIFIED)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
