"""A playlist's tracks: read a page, add, replace, reorder, remove."""

from __future__ import annotations

from fastapi import APIRouter, status

from fastfm.auth.dependencies import CurrentUser, OptionalUser
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.ids import IdPath
from fastfm.kit.pagination import Page, PageDep
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.playlists import service, tracks
from fastfm.playlists.schemas import (
    PlaylistTrackRead,
    SnapshotRead,
    TracksAdd,
    TracksRemove,
    TracksReorder,
    TracksReplace,
)

router = APIRouter(
    prefix="/playlists/{playlist_id}/tracks", tags=["playlists"], route_class=DocstringSummaryRoute
)


@router.get(
    "",
    response_model=Page[PlaylistTrackRead],
    responses=error_responses(401, 404),
)
async def list_tracks(
    session: SessionDep, user: OptionalUser, playlist_id: IdPath, page: PageDep
) -> Page[PlaylistTrackRead]:
    """The playlist's tracks in position order (positions are 0-based)."""
    return await service.get_tracks(session, playlist_id, user, page)


@router.post(
    "",
    response_model=SnapshotRead,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(401, 403, 404, 413),
)
async def add_tracks(
    session: SessionDep, user: CurrentUser, playlist_id: IdPath, body: TracksAdd
) -> SnapshotRead:
    """Append 1..100 songs, or insert them before `position` (0 = top); repeats allowed."""
    snapshot_id = await tracks.add_tracks(session, playlist_id, user, body)
    return SnapshotRead(snapshot_id=snapshot_id)


@router.put(
    "",
    response_model=SnapshotRead,
    responses=error_responses(401, 403, 404, 413),
)
async def replace_tracks(
    session: SessionDep, user: CurrentUser, playlist_id: IdPath, body: TracksReplace
) -> SnapshotRead:
    """Replace every track with 0..10000 songs, in the order given."""
    snapshot_id = await tracks.replace_tracks(session, playlist_id, user, body)
    return SnapshotRead(snapshot_id=snapshot_id)


@router.patch(
    "",
    response_model=SnapshotRead,
    responses=error_responses(401, 403, 404, 409, 413),
)
async def reorder_tracks(
    session: SessionDep, user: CurrentUser, playlist_id: IdPath, body: TracksReorder
) -> SnapshotRead:
    """Move a block of tracks before `insert_before` (positions before the move)."""
    snapshot_id = await tracks.reorder_tracks(session, playlist_id, user, body)
    return SnapshotRead(snapshot_id=snapshot_id)


@router.delete(
    "",
    response_model=SnapshotRead,
    responses=error_responses(401, 403, 404, 409, 413),
)
async def remove_tracks(
    session: SessionDep, user: CurrentUser, playlist_id: IdPath, body: TracksRemove
) -> SnapshotRead:
    """Remove the tracks at `positions`, or every occurrence of `song_ids`."""
    snapshot_id = await tracks.remove_tracks(session, playlist_id, user, body)
    return SnapshotRead(snapshot_id=snapshot_id)
