"""A playlist brought in from another service: created once, then kept in step.

The playlist is found again by ``(owner_id, spotify_id)``, so a re-import keeps its
FastFM id (and its followers and collaborators) and replaces its tracks, in the order
given. The caller's transaction covers the whole playlist: it is written entirely or not
at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.db.base import utcnow
from fastfm.playlists import entries, sort_keys
from fastfm.playlists.models import Playlist
from fastfm.playlists.tracks import new_snapshot_id


async def import_playlist(
    session: AsyncSession,
    owner_id: int,
    spotify_id: str,
    name: str,
    description: str | None,
    song_ids: Sequence[int],
    added_at: Sequence[datetime | None],
) -> tuple[int, bool]:
    """Create or refresh the owner's copy of a playlist; its id and whether it is new."""
    playlist = (
        await session.execute(
            select(Playlist)
            .where(Playlist.owner_id == owner_id, Playlist.spotify_id == spotify_id)
            .with_for_update()
        )
    ).scalar_one_or_none()
    created = playlist is None
    if playlist is None:
        playlist = Playlist(
            owner_id=owner_id,
            spotify_id=spotify_id,
            name=name,
            description=description,
            is_public=False,
            snapshot_id=new_snapshot_id(),
        )
        session.add(playlist)
        await session.flush()
    else:
        playlist.name = name
        playlist.description = description
        current = await session.execute(
            select(entries.E.song_id)
            .where(entries.E.playlist_id == playlist.id)
            .order_by(entries.E.sort_key)
        )
        if [row[0] for row in current] == list(song_ids):
            await session.flush()
            return playlist.id, False
        await entries.delete_all(session, playlist.id)
    durations = await entries.song_durations(session, song_ids)
    kept = [song_id for song_id in song_ids if song_id in durations]
    now = utcnow()
    rows = [
        {
            "playlist_id": playlist.id,
            "song_id": song_id,
            "sort_key": key,
            "added_by_id": owner_id,
            "added_at": when or now,
        }
        for song_id, key, when in zip(
            kept, sort_keys.fresh(len(kept)).keys(), added_at, strict=False
        )
    ]
    if rows:
        await session.execute(insert(entries.entry), rows)
    playlist.track_count = len(kept)
    playlist.total_duration_ms = sum(durations[song_id] for song_id in kept)
    playlist.snapshot_id = new_snapshot_id()
    playlist.updated_at = now
    await session.flush()
    return playlist.id, created
