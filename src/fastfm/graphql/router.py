"""``POST /graphql`` (GraphQL over HTTP), and GraphiQL at ``GET /graphql`` in development.

The same bearer token as the REST API: without one the caller is anonymous (``me`` is
null, only public playlists are visible); a bad, expired or revoked one is 401 as on
REST. A request that is not a GraphQL request (not JSON, no ``query``) is 400. A query
that cannot run (syntax, validation, depth, aliases, tokens, cost) gets the standard
``errors`` array: with HTTP 400 when the client accepts
``application/graphql-response+json``, else with 200 as ``application/json`` (the
GraphQL-over-HTTP spec's rule for each). A database that is unavailable or busy while
the query runs is 503 with ``Retry-After`` (see :mod:`fastfm.graphql.faults`).
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from strawberry.exceptions import MissingQueryError
from strawberry.http.ides import get_graphql_ide_html
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError

from fastfm.auth.dependencies import OptionalUser
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.graphql.context import Context
from fastfm.graphql.faults import RETRY_AFTER_SECONDS, database_fault, unavailable_body
from fastfm.graphql.loaders import Loaders
from fastfm.graphql.schema import schema
from graphql import GraphQLError

logger = logging.getLogger(__name__)
router = APIRouter(tags=["graphql"])
GRAPHQL_RESPONSE = "application/graphql-response+json"
MAX_QUERY_BYTES = 100_000

OPENAPI_TAG = {
    "name": "graphql",
    "description": (
        "Read queries (`me`, `song`, `songs`, `search`, `artist`, `album`, `playlist`) with the "
        "REST resources' fields and relations; at most 10 levels deep, 15 aliases, "
        "2,000 tokens and an estimated cost of 50,000 (a list multiplies what is under "
        "it by its `limit`). The schema is available by introspection."
    ),
}


class GraphQLRequest(BaseModel):
    """A GraphQL request."""

    model_config = ConfigDict(
        populate_by_name=True,
        json_schema_extra={
            "examples": [
                {"query": "query ($id: Int!) { song(id: $id) { title } }", "variables": {"id": 1}}
            ]
        },
    )

    query: str = Field(min_length=1, max_length=MAX_QUERY_BYTES)
    variables: dict[str, Any] | None = None
    operation_name: str | None = Field(default=None, alias="operationName", max_length=200)
    extensions: dict[str, Any] | None = None


class GraphQLResponse(BaseModel):
    """A GraphQL response: ``data`` and/or the standard ``errors`` array."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"data": {"song": {"title": "Blue in Green"}}}]}
    )

    data: dict[str, Any] | None = None
    errors: list[dict[str, Any]] | None = None


def _answer(body: dict[str, Any], status: int, media_type: str) -> Response:
    return Response(orjson.dumps(body, option=orjson.OPT_UTC_Z), status, media_type=media_type)


def _request_error(message: str, media_type: str) -> Response:
    return _answer({"errors": [{"message": message}]}, 400, media_type)


def _mask(error: GraphQLError) -> dict[str, Any]:
    original = error.original_error
    if original is not None and not isinstance(original, GraphQLError):
        logger.error("GraphQL resolver failed", exc_info=original)
        return {"message": "Internal error", "path": error.path, "locations": None}
    return dict(error.formatted)


async def _unavailable(session: AsyncSession, fault: tuple[str, str], media_type: str) -> Response:
    logger.warning("database unavailable during a GraphQL query: %s", fault[1])
    try:
        await session.rollback()  # nothing was written; the connection may be gone
    except Exception as exc:
        if database_fault(exc) is None:
            raise
    response = _answer(unavailable_body(fault), 503, media_type)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


@router.post(
    "/graphql",
    response_model=GraphQLResponse,
    summary="Run a GraphQL query.",
    responses={
        400: {"model": GraphQLResponse, "description": "Not a GraphQL request, or a request error"},
        **error_responses(401, 413),
        503: {
            "model": GraphQLResponse,
            "description": (
                "The database is unavailable or busy: `errors[0].extensions.code` is "
                "`database_unavailable` or `database_busy`; retry after `Retry-After` seconds"
            ),
            "headers": {
                "Retry-After": {
                    "schema": {"type": "integer"},
                    "description": "Seconds to wait before retrying",
                }
            },
        },
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/GraphQLRequest"}}
            },
        }
    },
)
async def graphql_query(request: Request, session: SessionDep, user: OptionalUser) -> Response:
    """Run a GraphQL query (read-only) as the token's user, or anonymously."""
    wants_graphql = GRAPHQL_RESPONSE in request.headers.get("accept", "")
    media_type = GRAPHQL_RESPONSE if wants_graphql else "application/json"
    try:
        payload = GraphQLRequest.model_validate(orjson.loads(await request.body()))
    except (orjson.JSONDecodeError, ValidationError):
        return _request_error("Expected a JSON object with a query string", media_type)
    try:
        loaders = Loaders(await session.connection(), None if user is None else user.id)
        result = await schema.execute(
            payload.query,
            variable_values=payload.variables,
            context_value=Context(user=user, loaders=loaders),
            operation_name=payload.operation_name,
        )
    except (MissingQueryError, CannotGetOperationTypeError, InvalidOperationTypeError) as exc:
        return _request_error(str(exc) or "Only queries can run here", media_type)
    except Exception as exc:
        if (fault := database_fault(exc)) is None:
            raise
        return await _unavailable(session, fault, media_type)
    for error in result.errors or ():
        if (fault := database_fault(error.original_error)) is not None:
            return await _unavailable(session, fault, media_type)
    body: dict[str, Any] = {}
    if result.errors:
        body["errors"] = [_mask(error) for error in result.errors]
    if result.data is not None:
        body["data"] = result.data
    request_error = result.data is None and bool(result.errors)
    return _answer(body, 400 if request_error and wants_graphql else 200, media_type)


graphiql_router = APIRouter()


@graphiql_router.get("/graphql", include_in_schema=False)
async def graphiql() -> HTMLResponse:
    """GraphiQL, to try queries in a browser (development only)."""
    return HTMLResponse(get_graphql_ide_html("graphiql"))
