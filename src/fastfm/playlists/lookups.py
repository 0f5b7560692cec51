"""Small reads of playlists that other domains make through the playlists service:
who may see a few playlists, a playlist's version and length, the song at a position."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.playlists.models import Playlist, PlaylistCollaborator, PlaylistEntry


@dataclass(frozen=True, slots=True)
class Audience:
    """Who can see a playlist, as far as the users asked about go."""

    owner_id: int
    is_public: bool
    collaborator_ids: frozenset[int]

    def admits(self, user_id: int) -> bool:
        return self.is_public or user_id == self.owner_id or user_id in self.collaborator_ids


async def audiences(
    session: AsyncSession, playlist_ids: Collection[int], user_ids: Collection[int]
) -> dict[int, Audience]:
    """For each playlist still there, its owner, visibility and which of ``user_ids``
    collaborate on it (one statement)."""
    if not playlist_ids:
        return {}
    c = PlaylistCollaborator
    joined = and_(c.playlist_id == Playlist.id, c.user_id.in_(set(user_ids)))
    query = (
        select(Playlist.id, Playlist.owner_id, Playlist.is_public, c.user_id)
        .outerjoin(c, joined)
        .where(Playlist.id.in_(set(playlist_ids)))
    )
    owners: dict[int, tuple[int, bool]] = {}
    collaborators: dict[int, set[int]] = {}
    for playlist_id, owner_id, is_public, user_id in await session.execute(query):
        owners[playlist_id] = (owner_id, is_public)
        found = collaborators.setdefault(playlist_id, set())
        if user_id is not None:
            found.add(user_id)
    return {
        playlist_id: Audience(owner_id, is_public, frozenset(collaborators[playlist_id]))
        for playlist_id, (owner_id, is_public) in owners.items()
    }


@dataclass(frozen=True, slots=True)
class PlaylistCursor:
    """What stepping through a playlist needs: its version and its length."""

    snapshot_id: str
    track_count: int


async def cursor(session: AsyncSession, playlist_id: int) -> PlaylistCursor | None:
    row = (
        await session.execute(
            select(Playlist.snapshot_id, Playlist.track_count).where(Playlist.id == playlist_id)
        )
    ).first()
    return None if row is None else PlaylistCursor(row[0], row[1])


async def song_at(session: AsyncSession, playlist_id: int, position: int) -> int | None:
    """The song at a 0-based position of the playlist's order."""
    query = (
        select(PlaylistEntry.song_id)
        .where(PlaylistEntry.playlist_id == playlist_id)
        .order_by(PlaylistEntry.sort_key)
        .offset(position)
        .limit(1)
    )
    song_id: int | None = await session.scalar(query)
    return song_id
