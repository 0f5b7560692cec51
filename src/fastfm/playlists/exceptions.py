"""Errors the playlists domain raises; each renders as ``{"detail", "code"}``."""

from __future__ import annotations

from fastfm.errors import Conflict, Forbidden, NotFound


class PlaylistNotFound(NotFound):
    """Missing, or not visible to the caller: the two are never told apart."""

    code = "playlist_not_found"
    detail = "Playlist not found"


class NotPlaylistEditor(Forbidden):
    code = "not_playlist_editor"
    detail = "Only the owner and collaborators may change this playlist"


class NotPlaylistOwner(Forbidden):
    code = "not_playlist_owner"
    detail = "Only the owner may do this"


class SnapshotMismatch(Conflict):
    code = "snapshot_mismatch"
    detail = "The playlist changed since this snapshot_id; nothing was changed"
