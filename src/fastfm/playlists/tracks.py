"""Track writes: add, replace, reorder, remove. Each runs under the playlist's row lock.

Every write checks the caller's ``snapshot_id`` (when given) under the lock, keeps
``track_count`` and ``total_duration_ms`` exact, and issues a new ``snapshot_id`` when
the tracks changed.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.db.base import utcnow
from fastfm.errors import UnprocessableEntity
from fastfm.playlists import access, entries, sort_keys
from fastfm.playlists.exceptions import SnapshotMismatch
from fastfm.playlists.models import Playlist
from fastfm.playlists.schemas import TracksAdd, TracksRemove, TracksReorder, TracksReplace
from fastfm.playlists.sort_keys import KeyRun
from fastfm.users.models import User


def new_snapshot_id() -> str:
    return secrets.token_urlsafe(16)


def record_change(playlist: Playlist, *, tracks: int, duration_ms: int) -> None:
    """Adjust the totals by the given deltas and issue a new snapshot."""
    playlist.track_count += tracks
    playlist.total_duration_ms += duration_ms
    playlist.snapshot_id = new_snapshot_id()
    playlist.updated_at = utcnow()


def _check_snapshot(playlist: Playlist, snapshot_id: str | None) -> None:
    if snapshot_id is not None and snapshot_id != playlist.snapshot_id:
        raise SnapshotMismatch()


async def _durations_or_422(session: AsyncSession, song_ids: Sequence[int]) -> dict[int, int]:
    durations = await entries.song_durations(session, song_ids)
    missing = sorted(set(song_ids) - durations.keys())
    if missing:
        raise UnprocessableEntity(
            "song_ids", f"Unknown song ids: {', '.join(map(str, missing))}", input_value=missing
        )
    return durations


async def _keys_before(
    session: AsyncSession, playlist: Playlist, position: int, count: int
) -> KeyRun:
    """``count`` keys that sort just before the entry now at ``position`` (0..length)."""
    length = playlist.track_count
    lower, upper = await entries.neighbour_keys(session, playlist.id, position, length)
    run = sort_keys.between(count, lower, upper)
    if run is None:
        # The gap ran out after many inserts at one spot: renumber, then it is wide.
        await entries.renumber(session, playlist.id)
        lower, upper = sort_keys.neighbours_after_renumbering(position, length)
        run = sort_keys.between(count, lower, upper)
        assert run is not None  # noqa: S101 - fresh gaps hold GAP - 1 keys
    return run


async def add_tracks(session: AsyncSession, playlist_id: int, user: User, data: TracksAdd) -> str:
    """Append the songs, or insert them before ``position``; the new snapshot_id.

    404/403 as for any edit; 422 naming ``song_ids`` if any id is unknown, or
    ``position`` if it is past the end. Nothing is added on any error.
    """
    await access.editable(session, playlist_id, user)
    durations = await _durations_or_422(session, data.song_ids)
    playlist, _ = await access.lock_editable(session, playlist_id, user)
    position = playlist.track_count if data.position is None else data.position
    if position > playlist.track_count:
        raise UnprocessableEntity(
            "position",
            f"position must be at most the playlist's length ({playlist.track_count})",
            input_value=data.position,
        )
    run = await _keys_before(session, playlist, position, len(data.song_ids))
    await entries.insert_entries(session, playlist.id, data.song_ids, run, user.id, utcnow())
    added_ms = sum(durations[song_id] for song_id in data.song_ids)
    record_change(playlist, tracks=len(data.song_ids), duration_ms=added_ms)
    await session.flush()
    return playlist.snapshot_id


async def replace_tracks(
    session: AsyncSession, playlist_id: int, user: User, data: TracksReplace
) -> str:
    """Make the songs the playlist's only tracks, in order; the new snapshot_id."""
    await access.editable(session, playlist_id, user)
    durations = await _durations_or_422(session, data.song_ids) if data.song_ids else {}
    playlist, _ = await access.lock_editable(session, playlist_id, user)
    await entries.delete_all(session, playlist.id)
    run = sort_keys.fresh(len(data.song_ids))
    await entries.insert_entries(session, playlist.id, data.song_ids, run, user.id, utcnow())
    total_ms = sum(durations[song_id] for song_id in data.song_ids)
    record_change(
        playlist,
        tracks=len(data.song_ids) - playlist.track_count,
        duration_ms=total_ms - playlist.total_duration_ms,
    )
    await session.flush()
    return playlist.snapshot_id


async def reorder_tracks(
    session: AsyncSession, playlist_id: int, user: User, data: TracksReorder
) -> str:
    """Move a block of entries, exactly as Spotify's reorder; the (new) snapshot_id.

    Positions refer to the playlist before the move. An ``insert_before`` inside
    ``[range_start, range_start + range_length]`` moves nothing and keeps the snapshot.
    """
    playlist, _ = await access.lock_editable(session, playlist_id, user)
    _check_snapshot(playlist, data.snapshot_id)
    length = playlist.track_count
    start, count, before = data.range_start, data.range_length, data.insert_before
    if start >= length:
        raise UnprocessableEntity(
            "range_start",
            f"range_start must be below the playlist's length ({length})",
            input_value=start,
        )
    if start + count > length:
        raise UnprocessableEntity(
            "range_length",
            f"the range runs past the playlist's end ({length})",
            input_value=count,
        )
    if before > length:
        raise UnprocessableEntity(
            "insert_before",
            f"insert_before must be at most the playlist's length ({length})",
            input_value=before,
        )
    if start <= before <= start + count:
        return playlist.snapshot_id
    run = await _keys_before(session, playlist, before, count)
    await entries.move_block(session, playlist.id, start, count, run)
    record_change(playlist, tracks=0, duration_ms=0)
    await session.flush()
    return playlist.snapshot_id


async def remove_tracks(
    session: AsyncSession, playlist_id: int, user: User, data: TracksRemove
) -> str:
    """Remove the entries at ``positions``, or every entry of ``song_ids``; the snapshot_id.

    A position outside the playlist is 422 and nothing is removed. Removing nothing
    (songs that are not in the playlist) keeps the snapshot.
    """
    playlist, _ = await access.lock_editable(session, playlist_id, user)
    _check_snapshot(playlist, data.snapshot_id)
    if data.positions is not None:
        outside = sorted({p for p in data.positions if p >= playlist.track_count})
        if outside:
            raise UnprocessableEntity(
                "positions",
                f"positions outside the playlist (length {playlist.track_count}): "
                + ", ".join(map(str, outside)),
                input_value=outside,
            )
        entry_ids = await entries.ids_at_positions(session, playlist.id, data.positions)
    else:
        entry_ids = await entries.ids_of_songs(session, playlist.id, data.song_ids or [])
    if not entry_ids:
        return playlist.snapshot_id
    count, duration_ms = await entries.totals_of_entries(session, entry_ids)
    await entries.delete_entries(session, entry_ids)
    record_change(playlist, tracks=-count, duration_ms=-duration_ms)
    await session.flush()
    return playlist.snapshot_id
