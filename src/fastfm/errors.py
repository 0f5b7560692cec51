"""The FastFM error hierarchy and the handlers that render every error as JSON."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

from fastfm.observability.http import route_template
from fastfm.observability.sentry import report_exception

logger = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """Every non-422 error: a human-readable detail and a stable machine-readable code."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"detail": "Playlist not found", "code": "playlist_not_found"}]
        }
    )

    detail: str
    code: str


class FastFMError(Exception):
    """An error a client can act on: rendered as ``{"detail", "code"}``."""

    status_code: int = 500
    code: str = "internal_error"
    detail: str = "Internal server error"
    headers: dict[str, str] | None = None

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.detail = detail or self.detail
        self.code = code or self.code
        if headers is not None:
            self.headers = headers
        super().__init__(self.detail)


class BadRequest(FastFMError):
    status_code = 400
    code = "bad_request"
    detail = "Bad request"


class MalformedBody(BadRequest):
    """A body that is not JSON (or not the form a route reads), or not in its content type."""

    code = "malformed_body"
    detail = "The request body could not be read"


class Unauthorized(FastFMError):
    status_code = 401
    code = "not_authenticated"
    detail = "Not authenticated"
    headers = {"WWW-Authenticate": "Bearer"}


class Forbidden(FastFMError):
    status_code = 403
    code = "forbidden"
    detail = "Not allowed"


class NotFound(FastFMError):
    status_code = 404
    code = "not_found"
    detail = "Not found"


class Conflict(FastFMError):
    status_code = 409
    code = "conflict"
    detail = "Conflict"


class UnprocessableEntity(FastFMError):
    """A field error found by a service (e.g. an unknown id in a write body)."""

    status_code = 422
    code = "validation_error"

    def __init__(self, field: str, message: str, *, input_value: Any = None) -> None:
        self.field = field
        self.input_value = input_value
        super().__init__(message)


class TooManyRequests(FastFMError):
    status_code = 429
    code = "rate_limited"
    detail = "Too many requests"

    def __init__(self, retry_after: int, detail: str | None = None) -> None:
        super().__init__(detail, headers={"Retry-After": str(max(1, retry_after))})


class Unavailable(FastFMError):
    status_code = 503
    code = "service_unavailable"
    detail = "A required service is unavailable"


_STATUS_CODES = {
    # Starlette's 400 is FastAPI failing to parse a body (bytes that are not UTF-8, say).
    400: "malformed_body",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


class ValidationErrorResponse(JSONResponse):
    """A 422 echoes the input it refused, which may hold a lone surrogate (sent escaped,
    as ``\\ud800``): such a body is written with ASCII escapes, as it came in."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, ensure_ascii=True, separators=(",", ":")).encode()


def error_body(detail: Any, code: str) -> dict[str, Any]:
    return {"detail": detail, "code": code}


async def _fastfm_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, FastFMError)
    if isinstance(exc, UnprocessableEntity):
        detail: Any = [
            {
                "type": "value_error",
                "loc": ["body", *exc.field.split(".")],
                "msg": exc.detail,
                "input": exc.input_value,
            }
        ]
        return ValidationErrorResponse(error_body(detail, exc.code), status_code=422)
    return JSONResponse(
        error_body(exc.detail, exc.code), status_code=exc.status_code, headers=exc.headers
    )


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = _STATUS_CODES.get(exc.status_code, "http_error")
    headers = exc.headers
    if exc.status_code == 405:
        headers = {**(headers or {}), "Allow": ", ".join(allowed_methods(request))}
    return JSONResponse(error_body(exc.detail, code), status_code=exc.status_code, headers=headers)


def allowed_methods(request: Request) -> list[str]:
    """Every method the API documents at this request's path (Starlette names only one
    route's, the first that matched the path). A literal path wins over a template
    (``/me/liked/contains`` over ``/me/liked/{song_id}``), as in routing."""
    table: list[tuple[re.Pattern[str], int, frozenset[str]]] | None = getattr(
        request.app.state, "allow_table", None
    )
    if table is None:
        table = _allow_table(request.app.openapi())
        request.app.state.allow_table = table
    matching = [
        (params, methods) for regex, params, methods in table if regex.fullmatch(request.url.path)
    ]
    if not matching:
        return []
    fewest = min(params for params, _ in matching)
    found = set().union(*(methods for params, methods in matching if params == fewest))
    return sorted(found, key=_method_rank)


def _allow_table(document: dict[str, Any]) -> list[tuple[re.Pattern[str], int, frozenset[str]]]:
    table = []
    for path, operations in document.get("paths", {}).items():
        parts = re.split(r"(\{[^}]+\})", path)
        regex = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
        methods = frozenset(m.upper() for m in operations if m.upper() in _METHOD_ORDER)
        table.append((re.compile(regex), path.count("{"), methods))
    return table


_METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")


def _method_rank(method: str) -> tuple[int, str]:
    return (_METHOD_ORDER.index(method) if method in _METHOD_ORDER else len(_METHOD_ORDER), method)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(error.get("type") == "json_invalid" for error in errors):
        return JSONResponse(
            error_body("The request body is not valid JSON", MalformedBody.code), status_code=400
        )
    return ValidationErrorResponse(
        error_body(jsonable_encoder(errors), "validation_error"), status_code=422
    )


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    route = route_template(request.scope)
    logger.exception("unhandled error", extra={"method": request.method, "route": route})
    request_id = request.scope.get("state", {}).get("request_id", "")
    report_exception(exc, {"request_id": request_id, "method": request.method, "route": route})
    return JSONResponse(error_body("Internal server error", "internal_error"), status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(FastFMError, _fastfm_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries for the errors a route can give."""
    descriptions = {
        400: "Malformed request: a body that is not JSON or not in the declared content "
        "type (`malformed_body`)",
        401: "Missing, invalid or expired token",
        403: "Authenticated but not allowed",
        404: "Not found or not visible to the caller",
        409: "Conflict",
        413: "Request body over the size limit",
        429: "Rate limited (see Retry-After)",
        503: "A required service is unavailable",
    }
    return {
        status: {"model": ErrorBody, "description": descriptions.get(status, "Error")}
        for status in statuses
    }
