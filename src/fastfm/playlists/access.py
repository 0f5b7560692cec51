"""Who may see and change a playlist.

Visible to its owner, its collaborators and, if public, everyone; invisible is 404.
Owner and collaborators edit details and tracks; only the owner deletes the playlist,
changes ``is_public`` and manages collaborators. Refusals to someone who can see the
playlist are 403.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.playlists import repository
from fastfm.playlists.exceptions import NotPlaylistEditor, NotPlaylistOwner, PlaylistNotFound
from fastfm.playlists.models import Playlist
from fastfm.users.models import User


class Role(StrEnum):
    OWNER = "owner"
    COLLABORATOR = "collaborator"
    VIEWER = "viewer"

    @property
    def can_edit(self) -> bool:
        return self is not Role.VIEWER


def role_of(playlist: Playlist, user: User | None, *, collaborates: bool) -> Role | None:
    """The caller's role, or ``None`` if the playlist is invisible to them."""
    if user is not None and playlist.owner_id == user.id:
        return Role.OWNER
    if collaborates:
        return Role.COLLABORATOR
    return Role.VIEWER if playlist.is_public else None


async def visible(
    session: AsyncSession, playlist_id: int, user: User | None
) -> tuple[Playlist, Role]:
    """The playlist and the caller's role; 404 ``playlist_not_found`` if they can't see it."""
    found = await repository.get_with_membership(
        session, playlist_id, None if user is None else user.id
    )
    if found is None:
        raise PlaylistNotFound()
    playlist, collaborates = found
    role = role_of(playlist, user, collaborates=collaborates)
    if role is None:
        raise PlaylistNotFound()
    return playlist, role


async def editable(session: AsyncSession, playlist_id: int, user: User) -> tuple[Playlist, Role]:
    """As :func:`visible`, and 403 ``not_playlist_editor`` for a mere viewer."""
    playlist, role = await visible(session, playlist_id, user)
    if not role.can_edit:
        raise NotPlaylistEditor()
    return playlist, role


async def owned(session: AsyncSession, playlist_id: int, user: User) -> Playlist:
    """As :func:`visible`, and 403 ``not_playlist_owner`` for anyone but the owner."""
    playlist, role = await visible(session, playlist_id, user)
    if role is not Role.OWNER:
        raise NotPlaylistOwner()
    return playlist


async def lock_editable(
    session: AsyncSession, playlist_id: int, user: User
) -> tuple[Playlist, Role]:
    """Lock the playlist row for a write, then check the caller may edit it.

    The check runs again under the lock: a collaborator removed, or a playlist made
    private or deleted, a moment ago is seen as such.
    """
    playlist = await repository.lock(session, playlist_id)
    if playlist is None:
        raise PlaylistNotFound()
    collaborates = playlist.owner_id != user.id and await repository.is_collaborator(
        session, playlist_id, user.id
    )
    role = role_of(playlist, user, collaborates=collaborates)
    if role is None:
        raise PlaylistNotFound()
    if not role.can_edit:
        raise NotPlaylistEditor()
    return playlist, role


async def lock_owned(session: AsyncSession, playlist_id: int, user: User) -> Playlist:
    """Lock the playlist row, then check the caller owns it (404/403 as above)."""
    playlist = await repository.lock(session, playlist_id)
    if playlist is None:
        raise PlaylistNotFound()
    if playlist.owner_id == user.id:
        return playlist
    collaborates = await repository.is_collaborator(session, playlist_id, user.id)
    if role_of(playlist, user, collaborates=collaborates) is None:
        raise PlaylistNotFound()
    raise NotPlaylistOwner()
