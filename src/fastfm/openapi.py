"""The OpenAPI document, with links from each create to what the new resource serves.

A ``201`` that creates a resource links to every operation taking that resource's id as
a path parameter, so a client (or a schema-driven test) can follow the id it was given::

    POST /api/v1/playlists  --201 id-->  GET /api/v1/playlists/{playlist_id}, ...
    POST /api/v1/songs      --201 id-->  GET /api/v1/songs/{song_id}, POST /me/liked/{song_id}

The id parameter of a create is that of the path right below it (``/songs`` ->
``/songs/{song_id}``), or named in ``CREATED_IDS`` where no such path exists. A new
domain needs nothing here unless its id parameter is named otherwise.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

# Creates whose new id no path below them names.
CREATED_IDS: dict[str, str] = {"/api/v1/auth/register": "user_id"}
# Paths below a resource that hold a thing of their own, made by their own POST: a new
# resource links only to that POST (a new playlist has no shuffle session to read yet).
MADE_BY_THEIR_OWN_POST = frozenset({"/api/v1/playlists/{playlist_id}/shuffle"})
_PARAMETER = re.compile(r"\{([^}]+)\}")


def install_openapi_links(app: FastAPI) -> None:
    """Serve ``app``'s OpenAPI document with the create links added (built once)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
            )
            add_create_links(document)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def add_create_links(document: dict[str, Any]) -> None:
    """Add to each create's 201 a link to every operation that takes the new id."""
    paths: dict[str, dict[str, Any]] = document.get("paths", {})
    for path, operations in paths.items():
        created = operations.get("post", {}).get("responses", {}).get("201")
        parameter = _created_id(path, paths)
        if created is None or parameter is None:
            continue
        links = created.setdefault("links", {})
        for target_path, target_operations in paths.items():
            if parameter not in _PARAMETER.findall(target_path):
                continue
            for method, operation in target_operations.items():
                if target_path in MADE_BY_THEIR_OWN_POST and method != "post":
                    continue
                links[operation["operationId"]] = {
                    "operationId": operation["operationId"],
                    "parameters": {parameter: "$response.body#/id"},
                    "description": f"{method.upper()} {target_path} of the new resource",
                }


def _created_id(path: str, paths: dict[str, Any]) -> str | None:
    if path in CREATED_IDS:
        return CREATED_IDS[path]
    for other in paths:
        rest = other.removeprefix(path + "/")
        if rest != other and (match := re.fullmatch(r"\{([^}]+)\}", rest)):
            return match.group(1)
    return None
