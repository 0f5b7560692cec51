"""``GET /search``: one query over songs, artists, albums, playlists and genres."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from starlette.datastructures import URL

from fastfm.auth.dependencies import OptionalCaller
from fastfm.db.reads import reading
from fastfm.errors import error_responses
from fastfm.kit.responses import json_response
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.search import service
from fastfm.search.schemas import (
    DEFAULT_SEARCH_LIMIT,
    RESULT_KEYS,
    SearchLimit,
    SearchOffset,
    SearchQuery,
    SearchResults,
    SearchTypes,
    parse_types,
)

router = APIRouter(prefix="/search", tags=["search"], route_class=DocstringSummaryRoute)


def _envelope(
    url: URL, kind: str, hits: service.SearchHits, limit: int, offset: int
) -> dict[str, object]:
    def link(to: int) -> str:
        return str(url.include_query_params(type=kind, limit=limit, offset=to))

    return {
        "items": hits.items,
        "total": hits.total,
        "limit": limit,
        "offset": offset,
        "next": link(offset + limit) if offset + limit < hits.total else None,
        "previous": link(max(0, offset - limit)) if offset > 0 else None,
    }


@router.get("", response_model=SearchResults, responses=error_responses(401, 503))
async def search(
    request: Request,
    q: SearchQuery,
    user: OptionalCaller,
    type: SearchTypes = None,
    limit: SearchLimit = DEFAULT_SEARCH_LIMIT,
    offset: SearchOffset = 0,
) -> Response:
    """Search songs, artists, albums, playlists and genres at once, best match first.

    Case and accents are ignored, words match in any order, the last word also matches
    as a prefix, and words of five letters or more tolerate one typo. Songs are also
    found by their artists' and album's names. Private playlists appear only to their
    owner and collaborators (send a bearer token).
    """
    types = parse_types(type)
    async with reading(request) as db:
        found = await service.search(
            db, q, types=types, limit=limit, offset=offset, user_id=user.id if user else None
        )
    return json_response(
        {
            RESULT_KEYS[kind]: _envelope(request.url, kind, hits, limit, offset)
            for kind, hits in found.items()
        }
    )
