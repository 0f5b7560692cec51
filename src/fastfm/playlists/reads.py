"""Response bodies: playlists with their owner and collaborators, and pages of tracks.

Each body is built from a fixed number of statements, whatever the page size.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.songs.reads import load_songs
from fastfm.db.reads import session_reader
from fastfm.kit.pagination import Page, PageParams
from fastfm.playlists import entries, repository
from fastfm.playlists.models import Playlist
from fastfm.playlists.repository import UserRefRow
from fastfm.playlists.schemas import PlaylistRead, PlaylistTrackRead, PlaylistWithTracks, UserRef


def user_ref(row: UserRefRow) -> UserRef:
    user_id, username, display_name = row
    return UserRef(id=user_id, username=username, display_name=display_name)


async def playlist_bodies(
    session: AsyncSession, playlists: Sequence[Playlist]
) -> list[PlaylistRead]:
    """Bodies for several playlists: two statements (owners, collaborators) in all."""
    owners = await repository.user_refs(session, [p.owner_id for p in playlists])
    collaborators = await repository.collaborators_of(session, [p.id for p in playlists])
    return [
        PlaylistRead(
            id=p.id,
            name=p.name,
            description=p.description,
            is_public=p.is_public,
            owner=user_ref(owners[p.owner_id]),
            collaborators=[user_ref(row) for row in collaborators[p.id]],
            track_count=p.track_count,
            total_duration_ms=p.total_duration_ms,
            follower_count=p.follower_count,
            snapshot_id=p.snapshot_id,
            created_at=p.created_at,
            updated_at=p.updated_at,
        )
        for p in playlists
    ]


async def playlist_body(session: AsyncSession, playlist: Playlist) -> PlaylistRead:
    return (await playlist_bodies(session, [playlist]))[0]


async def page_of_playlists(
    session: AsyncSession, playlists: Sequence[Playlist], total: int, params: PageParams
) -> Page[PlaylistRead]:
    return params.page(await playlist_bodies(session, playlists), total)


async def track_page(
    session: AsyncSession, playlist: Playlist, params: PageParams
) -> Page[PlaylistTrackRead]:
    """One page of the playlist's tracks with full songs: one statement plus the loader's."""
    rows = await entries.page(session, playlist.id, params.limit, params.offset)
    songs = await load_songs(session_reader(session), [row[0] for row in rows])
    items: list[PlaylistTrackRead] = []
    for index, (song_id, added_at, user_id, username, display_name) in enumerate(rows):
        song = songs.get(song_id)
        if song is None:  # deleted between the two statements: it has left the playlist
            continue
        added_by = None
        if user_id is not None and username is not None:
            added_by = UserRef(id=user_id, username=username, display_name=display_name)
        items.append(
            PlaylistTrackRead(
                position=params.offset + index, song=song, added_by=added_by, added_at=added_at
            )
        )
    return params.page(items, playlist.track_count)


async def playlist_with_tracks(
    session: AsyncSession, playlist: Playlist, tracks: PageParams
) -> PlaylistWithTracks:
    body = await playlist_body(session, playlist)
    page = await track_page(session, playlist, tracks)
    return PlaylistWithTracks(**dict(body), tracks=page)
