"""``/genres``: list, create, read, rename, delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, Response

from fastfm.auth.dependencies import AdminUser
from fastfm.catalog.dependencies import EntityId, SearchText, search_text
from fastfm.catalog.genres import reads, service
from fastfm.catalog.genres.schemas import GenreCreate, GenreRead, GenreUpdate
from fastfm.db.reads import reading
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.pagination import Page, PageDep
from fastfm.kit.responses import json_response, page_response
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.kit.sorting import OptionalText

router = APIRouter(prefix="/genres", tags=["catalog: genres"], route_class=DocstringSummaryRoute)

GenreSort = Annotated[
    OptionalText,
    reads.GENRE_SORT.query(),
]


@router.get("", response_model=Page[GenreRead])
async def list_genres(
    request: Request, page: PageDep, q: SearchText = None, sort: GenreSort = None
) -> Response:
    """List genres."""
    async with reading(request) as db:
        items, total = await reads.list_genres(db, q=search_text(q), sort=sort, page=page)
        return page_response(page, items, total)


@router.post(
    "",
    status_code=201,
    response_model=GenreRead,
    responses=error_responses(401, 403, 409, 413),
)
async def create_genre(
    body: GenreCreate, session: SessionDep, _: AdminUser, request: Request
) -> Response:
    """Add a genre (admins); its slug is derived from the name."""
    genre = await service.create_genre(session, body)
    location = str(request.url_for("get_genre", genre_id=genre.id))
    return json_response(
        reads.genre_body({"id": genre.id, "name": genre.name, "slug": genre.slug}), 201, location
    )


@router.get("/{genre_id}", response_model=GenreRead, responses=error_responses(404))
async def get_genre(genre_id: EntityId, request: Request) -> Response:
    """One genre."""
    async with reading(request) as db:
        return json_response(await reads.get_genre(db, genre_id))


@router.patch(
    "/{genre_id}", response_model=GenreRead, responses=error_responses(401, 403, 404, 409, 413)
)
async def update_genre(
    genre_id: EntityId, body: GenreUpdate, session: SessionDep, _: AdminUser
) -> Response:
    """Rename a genre (admins); the slug follows the name."""
    genre = await service.update_genre(session, genre_id, body)
    return json_response(reads.genre_body({"id": genre.id, "name": genre.name, "slug": genre.slug}))


@router.delete("/{genre_id}", status_code=204, responses=error_responses(401, 403, 404, 409))
async def delete_genre(genre_id: EntityId, session: SessionDep, _: AdminUser) -> None:
    """Delete a genre no artist, album or song links to (admins)."""
    await service.delete_genre(session, genre_id)
