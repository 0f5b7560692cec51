"""``/albums``: list, create, read (with tracks), update, delete."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from fastfm.auth.dependencies import AdminUser
from fastfm.catalog.albums import reads, service
from fastfm.catalog.albums.schemas import AlbumCreate, AlbumDetail, AlbumRead, AlbumUpdate
from fastfm.catalog.dependencies import EntityId, SearchText, search_text
from fastfm.db.reads import reading, session_reader
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.ids import IdQuery
from fastfm.kit.pagination import Page, PageDep
from fastfm.kit.responses import json_response, page_response
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.kit.sorting import OptionalText

router = APIRouter(prefix="/albums", tags=["catalog: albums"], route_class=DocstringSummaryRoute)

AlbumSort = Annotated[
    OptionalText,
    reads.ALBUM_SORT.query(),
]
IdFilter = IdQuery
Year = Annotated[int | None, Query(ge=1, le=9999, description="Release year")]


@router.get("", response_model=Page[AlbumRead])
async def list_albums(
    request: Request,
    page: PageDep,
    q: SearchText = None,
    artist_id: IdFilter = None,
    genre: IdFilter = None,
    year: Year = None,
    sort: AlbumSort = None,
) -> Response:
    """List albums; ``artist_id`` matches any of an album's artists."""
    async with reading(request) as db:
        items, total = await reads.list_albums(
            db, q=search_text(q), artist_id=artist_id, genre=genre, year=year, sort=sort, page=page
        )
        return page_response(page, items, total)


@router.post(
    "", status_code=201, response_model=AlbumRead, responses=error_responses(401, 403, 413)
)
async def create_album(
    body: AlbumCreate, session: SessionDep, _: AdminUser, request: Request
) -> Response:
    """Add an album (admins); it has no tracks until songs name it."""
    album_id = await service.create_album(session, body)
    location = str(request.url_for("get_album", album_id=album_id))
    body_out = await reads.get_album(session_reader(session), album_id, with_tracks=False)
    return json_response(body_out, 201, location)


@router.get("/{album_id}", response_model=AlbumDetail, responses=error_responses(404))
async def get_album(album_id: EntityId, request: Request) -> Response:
    """One album with its tracks in disc and track order."""
    async with reading(request) as db:
        return json_response(await reads.get_album(db, album_id))


@router.patch(
    "/{album_id}", response_model=AlbumRead, responses=error_responses(401, 403, 404, 413)
)
async def update_album(
    album_id: EntityId, body: AlbumUpdate, session: SessionDep, _: AdminUser
) -> Response:
    """Change an album (admins); its songs follow a new release date."""
    await service.update_album(session, album_id, body)
    return json_response(
        await reads.get_album(session_reader(session), album_id, with_tracks=False)
    )


@router.delete("/{album_id}", status_code=204, responses=error_responses(401, 403, 404, 409))
async def delete_album(album_id: EntityId, session: SessionDep, _: AdminUser) -> None:
    """Delete an album that has no songs (admins)."""
    await service.delete_album(session, album_id)
