"""``/artists``: list, create, read, update, delete, and an artist's albums, songs, credits."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from fastfm.auth.dependencies import AdminUser
from fastfm.catalog.albums import reads as album_reads
from fastfm.catalog.albums.schemas import AlbumRead
from fastfm.catalog.artists import reads, service
from fastfm.catalog.artists.schemas import ArtistCreate, ArtistRead, ArtistUpdate
from fastfm.catalog.credits import reads as credit_reads
from fastfm.catalog.credits.schemas import ArtistCreditRead
from fastfm.catalog.dependencies import EntityId, SearchText, search_text
from fastfm.catalog.songs import listing as song_listing
from fastfm.catalog.songs.schemas import SongRead
from fastfm.db.reads import reading, session_reader
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.ids import IdQuery
from fastfm.kit.pagination import Page, PageDep
from fastfm.kit.responses import json_response, page_response
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.kit.sorting import OptionalText

router = APIRouter(prefix="/artists", tags=["catalog: artists"], route_class=DocstringSummaryRoute)

ArtistSort = Annotated[
    OptionalText,
    reads.ARTIST_SORT.query(),
]
AlbumSort = Annotated[
    OptionalText,
    album_reads.ALBUM_SORT.query(),
]
SongSort = Annotated[
    OptionalText,
    song_listing.SONG_SORT.query(),
]
GenreFilter = Annotated[IdQuery, Query(description="Genre id")]


@router.get("", response_model=Page[ArtistRead])
async def list_artists(
    request: Request,
    page: PageDep,
    q: SearchText = None,
    genre: GenreFilter = None,
    sort: ArtistSort = None,
) -> Response:
    """List artists."""
    async with reading(request) as db:
        items, total = await reads.list_artists(
            db, q=search_text(q), genre=genre, sort=sort, page=page
        )
        return page_response(page, items, total)


@router.post(
    "", status_code=201, response_model=ArtistRead, responses=error_responses(401, 403, 413)
)
async def create_artist(
    body: ArtistCreate, session: SessionDep, _: AdminUser, request: Request
) -> Response:
    """Add an artist (admins)."""
    artist_id = await service.create_artist(session, body)
    location = str(request.url_for("get_artist", artist_id=artist_id))
    return json_response(await reads.get_artist(session_reader(session), artist_id), 201, location)


@router.get("/{artist_id}", response_model=ArtistRead, responses=error_responses(404))
async def get_artist(artist_id: EntityId, request: Request) -> Response:
    """One artist with its genres."""
    async with reading(request) as db:
        return json_response(await reads.get_artist(db, artist_id))


@router.patch(
    "/{artist_id}", response_model=ArtistRead, responses=error_responses(401, 403, 404, 413)
)
async def update_artist(
    artist_id: EntityId, body: ArtistUpdate, session: SessionDep, _: AdminUser
) -> Response:
    """Change an artist (admins); ``genre_ids`` replaces its genres."""
    await service.update_artist(session, artist_id, body)
    return json_response(await reads.get_artist(session_reader(session), artist_id))


@router.delete("/{artist_id}", status_code=204, responses=error_responses(401, 403, 404, 409))
async def delete_artist(artist_id: EntityId, session: SessionDep, _: AdminUser) -> None:
    """Delete an artist no song, album or credit names (admins)."""
    await service.delete_artist(session, artist_id)


@router.get("/{artist_id}/albums", response_model=Page[AlbumRead], responses=error_responses(404))
async def list_artist_albums(
    artist_id: EntityId, request: Request, page: PageDep, sort: AlbumSort = None
) -> Response:
    """The albums the artist is an artist of (any position)."""
    async with reading(request) as db:
        items, total = await album_reads.list_albums(db, artist_id=artist_id, sort=sort, page=page)
        if total == 0:
            await reads.require_artist(db, artist_id)
        return page_response(page, items, total)


@router.get("/{artist_id}/songs", response_model=Page[SongRead], responses=error_responses(404))
async def list_artist_songs(
    artist_id: EntityId, request: Request, page: PageDep, sort: SongSort = None
) -> Response:
    """The songs the artist performs on, as primary or any other performing artist."""
    async with reading(request) as db:
        filters = song_listing.SongFilters(artist_id=artist_id)
        items, total = await song_listing.list_songs(db, filters, sort=sort, page=page)
        if total == 0:
            await reads.require_artist(db, artist_id)
        return page_response(page, items, total)


@router.get(
    "/{artist_id}/credits",
    response_model=Page[ArtistCreditRead],
    responses=error_responses(404),
)
async def list_artist_credits(artist_id: EntityId, request: Request, page: PageDep) -> Response:
    """The artist's production credits, by song: ``{song, role, detail}``."""
    async with reading(request) as db:
        items, total = await credit_reads.artist_credits(db, artist_id, page)
        if total == 0:
            await reads.require_artist(db, artist_id)
        return page_response(page, items, total)
