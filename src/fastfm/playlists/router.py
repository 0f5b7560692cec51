"""Playlists: create, read, change details, delete, list; ``ROUTERS`` adds tracks and sharing."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from fastfm.auth.dependencies import CurrentUser, OptionalUser
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.ids import IdPath
from fastfm.kit.pagination import Page, PageDep
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.playlists import service
from fastfm.playlists.dependencies import FirstTracksPageDep, PlaylistSortDep
from fastfm.playlists.schemas import (
    PlaylistCreate,
    PlaylistRead,
    PlaylistReplace,
    PlaylistUpdate,
    PlaylistWithTracks,
)
from fastfm.playlists.sharing_router import router as sharing_router
from fastfm.playlists.tracks_router import router as tracks_router

router = APIRouter(tags=["playlists"], route_class=DocstringSummaryRoute)
playlists = APIRouter(prefix="/playlists", tags=["playlists"], route_class=DocstringSummaryRoute)


@playlists.get(
    "",
    response_model=Page[PlaylistRead],
    responses=error_responses(401),
)
async def list_my_playlists(
    session: SessionDep, user: CurrentUser, page: PageDep, sort: PlaylistSortDep
) -> Page[PlaylistRead]:
    """The caller's playlists: those they own and those they collaborate on."""
    return await service.list_my_playlists(session, user, sort, page)


@playlists.post(
    "",
    response_model=PlaylistRead,
    status_code=status.HTTP_201_CREATED,
    responses={
        **error_responses(401, 413),
        201: {"headers": {"Location": {"description": "The new playlist's URL"}}},
    },
)
async def create_playlist(
    session: SessionDep, user: CurrentUser, body: PlaylistCreate, response: Response
) -> PlaylistRead:
    """Create an empty playlist (private unless `is_public`)."""
    playlist = await service.create_playlist(session, user, body)
    response.headers["Location"] = f"/api/v1/playlists/{playlist.id}"
    return playlist


@playlists.get(
    "/{playlist_id}",
    response_model=PlaylistWithTracks,
    responses=error_responses(401, 404),
)
async def get_playlist(
    session: SessionDep, user: OptionalUser, playlist_id: IdPath, tracks: FirstTracksPageDep
) -> PlaylistWithTracks:
    """A playlist with the first 100 of its tracks (`tracks` is a list envelope)."""
    return await service.get_playlist(session, playlist_id, user, tracks)


@playlists.put(
    "/{playlist_id}",
    response_model=PlaylistRead,
    responses=error_responses(401, 403, 404, 413),
)
async def replace_playlist(
    session: SessionDep, user: CurrentUser, playlist_id: IdPath, body: PlaylistReplace
) -> PlaylistRead:
    """Replace name, description and is_public (only the owner may change is_public)."""
    return await service.replace_details(session, playlist_id, user, body)


@playlists.patch(
    "/{playlist_id}",
    response_model=PlaylistRead,
    responses=error_responses(401, 403, 404, 413),
)
async def update_playlist(
    session: SessionDep, user: CurrentUser, playlist_id: IdPath, body: PlaylistUpdate
) -> PlaylistRead:
    """Change any of name, description and is_public (only the owner may change is_public)."""
    return await service.update_details(session, playlist_id, user, body)


@playlists.delete(
    "/{playlist_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def delete_playlist(session: SessionDep, user: CurrentUser, playlist_id: IdPath) -> None:
    """Delete a playlist with its tracks (owner only)."""
    await service.delete_playlist(session, playlist_id, user)


@router.get(
    "/users/{user_id}/playlists",
    response_model=Page[PlaylistRead],
    responses=error_responses(404),
)
async def list_public_playlists_of_user(
    session: SessionDep, user_id: IdPath, page: PageDep, sort: PlaylistSortDep
) -> Page[PlaylistRead]:
    """A user's public playlists."""
    return await service.list_public_playlists_of(session, user_id, sort, page)


@router.get(
    "/me/following/playlists",
    response_model=Page[PlaylistRead],
    responses=error_responses(401),
)
async def list_followed_playlists(
    session: SessionDep, user: CurrentUser, page: PageDep
) -> Page[PlaylistRead]:
    """Playlists the caller follows and can still see, most recently followed first."""
    return await service.list_followed_playlists(session, user, page)


# Leaf routers, mounted side by side (see fastfm.api): the playlists' own routes first.
ROUTERS = (playlists, tracks_router, sharing_router, router)
