"""Playlist reads in batches over a bare connection, for per-request loaders: many
playlists, their collaborators, or a page of each one's entries, in one statement each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from fastfm.kit.windows import PageKey, owner_pages
from fastfm.playlists.models import Playlist, PlaylistCollaborator, PlaylistEntry
from fastfm.playlists.repository import visible_to


@dataclass(frozen=True, slots=True)
class PlaylistRow:
    id: int
    name: str
    description: str | None
    is_public: bool
    owner_id: int
    track_count: int
    total_duration_ms: int
    follower_count: int
    snapshot_id: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class EntryRow:
    position: int
    song_id: int
    added_by_id: int | None
    added_at: datetime


async def visible_playlists(
    connection: AsyncConnection, ids: Sequence[int], viewer_id: int | None
) -> dict[int, PlaylistRow]:
    """Those of the playlists ``viewer_id`` may see (public, owned or shared)."""
    p = Playlist
    query = select(
        p.id,
        p.name,
        p.description,
        p.is_public,
        p.owner_id,
        p.track_count,
        p.total_duration_ms,
        p.follower_count,
        p.snapshot_id,
        p.created_at,
        p.updated_at,
    ).where(p.id.in_(set(ids)), visible_to(viewer_id))
    return {row[0]: PlaylistRow(*row) for row in await connection.execute(query)}


async def collaborator_ids(connection: AsyncConnection, ids: Sequence[int]) -> dict[int, list[int]]:
    """Each playlist's collaborators in the order they were added."""
    c = PlaylistCollaborator
    query = (
        select(c.playlist_id, c.user_id)
        .where(c.playlist_id.in_(set(ids)))
        .order_by(c.added_at, c.user_id)
    )
    found: dict[int, list[int]] = {playlist_id: [] for playlist_id in ids}
    for playlist_id, user_id in await connection.execute(query):
        found[playlist_id].append(user_id)
    return found


async def entry_pages(
    connection: AsyncConnection, keys: Sequence[PageKey]
) -> dict[PageKey, list[EntryRow]]:
    """For each (playlist, limit, offset), that page of its entries in position order."""
    e = PlaylistEntry
    pages = await owner_pages(
        connection, keys, e.playlist_id, e.song_id, [e.sort_key], extra=[e.added_by_id, e.added_at]
    )
    return {
        key: [EntryRow(row[2], row[1], row[3], row[4]) for row in rows]
        for key, rows in pages.items()
    }
