"""Playlist rules: details, deletion, reads, collaborators and followers.

Track writes live in ``tracks``; who may do what in ``access``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Exists, ScalarSelect, Subquery
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.errors import UnprocessableEntity
from fastfm.kit.pagination import Page, PageParams
from fastfm.kit.sorting import SortKey
from fastfm.playlists import access, cleanup, entries, imports, lookups, reads, repository
from fastfm.playlists.access import Role
from fastfm.playlists.exceptions import NotPlaylistOwner
from fastfm.playlists.lookups import Audience, PlaylistCursor
from fastfm.playlists.models import Playlist
from fastfm.playlists.schemas import (
    PlaylistCreate,
    PlaylistRead,
    PlaylistReplace,
    PlaylistTrackRead,
    PlaylistUpdate,
    PlaylistWithTracks,
    UserRef,
)
from fastfm.playlists.tracks import new_snapshot_id
from fastfm.users import service as user_service
from fastfm.users.models import User


async def create_playlist(session: AsyncSession, owner: User, data: PlaylistCreate) -> PlaylistRead:
    """Create an empty playlist owned by the caller."""
    playlist = Playlist(
        owner_id=owner.id,
        name=data.name,
        description=data.description,
        is_public=data.is_public,
        track_count=0,
        total_duration_ms=0,
        follower_count=0,
        snapshot_id=new_snapshot_id(),
    )
    repository.add(session, playlist)
    await session.flush()
    return await reads.playlist_body(session, playlist)


async def get_playlist(
    session: AsyncSession, playlist_id: int, user: User | None, tracks: PageParams
) -> PlaylistWithTracks:
    """A visible playlist with the first page of its tracks; 404 if not visible."""
    playlist, _ = await access.visible(session, playlist_id, user)
    return await reads.playlist_with_tracks(session, playlist, tracks)


async def get_tracks(
    session: AsyncSession, playlist_id: int, user: User | None, params: PageParams
) -> Page[PlaylistTrackRead]:
    """A page of a visible playlist's tracks in position order."""
    playlist, _ = await access.visible(session, playlist_id, user)
    return await reads.track_page(session, playlist, params)


async def replace_details(
    session: AsyncSession, playlist_id: int, user: User, data: PlaylistReplace
) -> PlaylistRead:
    """Set name, description and is_public (``PUT``)."""
    return await _change_details(session, playlist_id, user, data.model_dump())


async def update_details(
    session: AsyncSession, playlist_id: int, user: User, data: PlaylistUpdate
) -> PlaylistRead:
    """Set the details the client sent (``PATCH``)."""
    return await _change_details(session, playlist_id, user, data.model_dump(exclude_unset=True))


async def _change_details(
    session: AsyncSession, playlist_id: int, user: User, values: dict[str, Any]
) -> PlaylistRead:
    playlist, role = await access.lock_editable(session, playlist_id, user)
    # Collaborators may send is_public unchanged (a PUT must carry it); changing it is the owner's.
    if values.get("is_public", playlist.is_public) != playlist.is_public and role is not Role.OWNER:
        raise NotPlaylistOwner("Only the owner may change is_public")
    for name, value in values.items():
        setattr(playlist, name, value)
    await session.flush()
    return await reads.playlist_body(session, playlist)


async def delete_playlist(session: AsyncSession, playlist_id: int, user: User) -> None:
    """Delete the playlist with its tracks, collaborators and followers (owner only)."""
    playlist = await access.lock_owned(session, playlist_id, user)
    await repository.delete_playlist(session, playlist)
    await session.flush()


async def list_my_playlists(
    session: AsyncSession, user: User, keys: Sequence[SortKey], params: PageParams
) -> Page[PlaylistRead]:
    """The caller's playlists: owned and collaborating."""
    playlists, total = await repository.list_owned_or_collaborating(
        session, user.id, keys, params.limit, params.offset
    )
    return await reads.page_of_playlists(session, playlists, total, params)


async def list_public_playlists_of(
    session: AsyncSession, owner_id: int, keys: Sequence[SortKey], params: PageParams
) -> Page[PlaylistRead]:
    """A user's public playlists; 404 ``user_not_found`` for an unknown user."""
    await user_service.get_user(session, owner_id)
    playlists, total = await repository.list_public_of(
        session, owner_id, keys, params.limit, params.offset
    )
    return await reads.page_of_playlists(session, playlists, total, params)


async def list_followed_playlists(
    session: AsyncSession, user: User, params: PageParams
) -> Page[PlaylistRead]:
    """Playlists the caller follows and can see, most recently followed first."""
    playlists, total = await repository.list_followed_visible(
        session, user.id, params.limit, params.offset
    )
    return await reads.page_of_playlists(session, playlists, total, params)


async def list_collaborators(
    session: AsyncSession, playlist_id: int, user: User | None
) -> list[UserRef]:
    """A visible playlist's collaborators in the order they were added."""
    await access.visible(session, playlist_id, user)
    found = await repository.collaborators_of(session, [playlist_id])
    return [reads.user_ref(row) for row in found[playlist_id]]


async def add_collaborator(
    session: AsyncSession, playlist_id: int, user: User, collaborator_id: int
) -> None:
    """Let another user edit the playlist (owner only; adding them again changes nothing).

    404 ``user_not_found`` for an unknown user; 422 for the owner themself.
    """
    playlist = await access.owned(session, playlist_id, user)
    await user_service.get_user(session, collaborator_id)
    if collaborator_id == playlist.owner_id:
        raise UnprocessableEntity(
            "user_id", "The owner cannot be a collaborator", input_value=collaborator_id
        )
    await repository.add_collaborator(session, playlist_id, collaborator_id)


async def remove_collaborator(
    session: AsyncSession, playlist_id: int, user: User, collaborator_id: int
) -> None:
    """Remove a collaborator: the owner may remove anyone, a collaborator only themself."""
    _, role = await access.visible(session, playlist_id, user)
    leaving = role is Role.COLLABORATOR and collaborator_id == user.id
    if role is not Role.OWNER and not leaving:
        raise NotPlaylistOwner()
    await user_service.get_user(session, collaborator_id)
    await repository.remove_collaborator(session, playlist_id, collaborator_id)


async def follow(session: AsyncSession, playlist_id: int, user: User) -> None:
    """Follow a visible playlist (following it again changes nothing)."""
    await access.visible(session, playlist_id, user)
    if await repository.add_follower(session, playlist_id, user.id):
        await repository.change_follower_count(session, playlist_id, +1)


async def unfollow(session: AsyncSession, playlist_id: int, user: User) -> None:
    """Stop following a visible playlist (not following it is fine)."""
    await access.visible(session, playlist_id, user)
    if await repository.remove_follower(session, playlist_id, user.id):
        await repository.change_follower_count(session, playlist_id, -1)


def register_song_hooks() -> None:
    """Keep playlist totals and snapshots exact when songs go or change length.

    Called where the app and the command line are built; registering twice is harmless.
    """
    cleanup.register_song_hooks()


async def forget_account(session: AsyncSession, user_id: int) -> None:
    """Before an account is deleted: take its follows off other playlists' counts."""
    await cleanup.forget_account(session, user_id)


# Parts of statements other domains build around playlists (shuffle reads a playlist,
# checks its caller and loads a song each in one statement). Arguments are bound
# parameters or columns of the enclosing statement.


def snapshot_visible_to(
    playlist_id: ColumnElement[int], caller_id: ColumnElement[int]
) -> ScalarSelect[Any]:
    """The playlist's ``snapshot_id`` if the caller may see it, else NULL."""
    return repository.snapshot_visible_to(playlist_id, caller_id)


def entries_of(playlist_id: ColumnElement[int]) -> Subquery:
    """The playlist's entries as a subquery of ``(id, song_id, sort_key)``; positions
    follow ``sort_key``."""
    return entries.entries_of(playlist_id)


def has_entry(playlist_id: ColumnElement[int], entry_id: ColumnElement[int]) -> Exists:
    """Whether the entry is (still) in the playlist."""
    return entries.has_entry(playlist_id, entry_id)


async def import_playlist(
    session: AsyncSession,
    owner_id: int,
    spotify_id: str,
    name: str,
    description: str | None,
    song_ids: Sequence[int],
    added_at: Sequence[datetime | None],
) -> tuple[int, bool]:
    """Create or refresh the owner's copy of a Spotify playlist; its id and whether new."""
    return await imports.import_playlist(
        session, owner_id, spotify_id, name, description, song_ids, added_at
    )


async def audiences(
    session: AsyncSession, playlist_ids: Collection[int], user_ids: Collection[int]
) -> dict[int, Audience]:
    """Who of ``user_ids`` may see each playlist still there (one statement)."""
    return await lookups.audiences(session, playlist_ids, user_ids)


async def cursor(session: AsyncSession, playlist_id: int) -> PlaylistCursor | None:
    """The playlist's snapshot id and track count; None if it is gone."""
    return await lookups.cursor(session, playlist_id)


async def song_at(session: AsyncSession, playlist_id: int, position: int) -> int | None:
    """The song at a 0-based position of the playlist's order."""
    return await lookups.song_at(session, playlist_id, position)
