"""``/songs``: list, create, read, update, delete, and a song's credits."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request, Response

from fastfm.auth.dependencies import AdminUser
from fastfm.catalog.credits import reads as credit_reads
from fastfm.catalog.credits.schemas import CreditRead
from fastfm.catalog.dependencies import EntityId
from fastfm.catalog.songs import listing, reads, service
from fastfm.catalog.songs.dependencies import SongFiltersDep
from fastfm.catalog.songs.schemas import SongCreate, SongRead, SongUpdate
from fastfm.db.reads import reading, session_reader
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.pagination import Page, PageDep
from fastfm.kit.responses import json_response, page_response
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.kit.sorting import OptionalText

router = APIRouter(prefix="/songs", tags=["catalog: songs"], route_class=DocstringSummaryRoute)

SongSort = Annotated[
    OptionalText,
    listing.SONG_SORT.query(),
]


@router.get("", response_model=Page[SongRead])
async def list_songs(
    request: Request, page: PageDep, filters: SongFiltersDep, sort: SongSort = None
) -> Response:
    """List songs; ``artist_id`` matches any performing artist, ranges are inclusive."""
    async with reading(request) as db:
        items, total = await listing.list_songs(db, filters, sort=sort, page=page)
        return page_response(page, items, total)


@router.post("", status_code=201, response_model=SongRead, responses=error_responses(401, 403, 413))
async def create_song(
    body: SongCreate, session: SessionDep, _: AdminUser, request: Request
) -> Response:
    """Add a song (admins); its album's track count and duration follow."""
    song_id = await service.create_song(session, body)
    location = str(request.url_for("get_song", song_id=song_id))
    return json_response(await reads.get_song(session_reader(session), song_id), 201, location)


@router.get("/{song_id}", response_model=SongRead, responses=error_responses(404))
async def get_song(song_id: EntityId, request: Request) -> Response:
    """One song with its album, artists, genres and credits."""
    async with reading(request) as db:
        return json_response(await reads.get_song(db, song_id))


@router.patch("/{song_id}", response_model=SongRead, responses=error_responses(401, 403, 404, 413))
async def update_song(
    song_id: EntityId, body: SongUpdate, session: SessionDep, _: AdminUser
) -> Response:
    """Change a song (admins); ``credits``, ``artist_ids`` and ``genre_ids`` replace the old."""
    await service.update_song(session, song_id, body)
    return json_response(await reads.get_song(session_reader(session), song_id))


@router.delete("/{song_id}", status_code=204, responses=error_responses(401, 403, 404))
async def delete_song(song_id: EntityId, session: SessionDep, _: AdminUser) -> None:
    """Delete a song (admins): it leaves every playlist and every user's likes."""
    await service.delete_song(session, song_id)


@router.get("/{song_id}/credits", response_model=list[CreditRead], responses=error_responses(404))
async def get_song_credits(song_id: EntityId, request: Request) -> Response:
    """A song's production credits, in the order they were given."""
    async with reading(request) as db:
        return json_response(await credit_reads.song_credits(db, song_id))
