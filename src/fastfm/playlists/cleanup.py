"""Keeping playlists exact when a song changes or goes, or an account is deleted, elsewhere.

The database removes the rows (entries cascade with their song; playlists, follows and
collaborations with their account; ``added_by`` becomes null). What it cannot do is
adjust the counters and snapshots kept on other playlists: that happens here, inside
the deleting transaction, before the delete.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.songs import service as song_service
from fastfm.playlists import entries, repository
from fastfm.playlists.tracks import new_snapshot_id


async def remove_song_from_playlists(session: AsyncSession, song_id: int) -> None:
    """Before a song is deleted: take it off the totals and renew the snapshot of every
    playlist holding it (its entries then go with the song, by cascade).

    Locks the song first, then the playlists (in id order): a concurrent add of this song
    waits on the song, and a concurrent write to one of these playlists on its row.
    """
    duration_ms = await entries.lock_song(session, song_id)
    if duration_ms is None:
        return
    await repository.lock_playlists_holding(session, song_id)
    await repository.subtract_song(session, song_id, duration_ms, new_snapshot_id())


async def resize_song_in_playlists(session: AsyncSession, song_id: int, delta_ms: int) -> None:
    """After a song's duration changed: every playlist holding it moves its total with it.

    The song service holds the song's row lock; playlists are locked after it, in id
    order, as on every other path.
    """
    await repository.lock_playlists_holding(session, song_id)
    await repository.add_to_song_duration(session, song_id, delta_ms)


async def forget_account(session: AsyncSession, user_id: int) -> None:
    """Before an account is deleted: take its follows off other playlists' follower counts.

    Its own playlists (with their entries), its collaborations and follows go by cascade;
    entries it added to other people's playlists stay, with ``added_by`` null.
    """
    await repository.forget_follows_of(session, user_id)


def register_song_hooks() -> None:
    """Follow song deletions and duration changes (idempotent)."""
    song_service.register_hooks(
        before_delete=remove_song_from_playlists, after_resize=resize_song_in_playlists
    )
