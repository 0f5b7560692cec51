"""Work other domains do when a song goes or changes length, inside the same transaction.

A domain that keeps rows about songs (playlist entries, likes) registers a coroutine at
import time; the song service awaits each, in order, before deleting the song::

    from fastfm.catalog.songs import hooks
    hooks.before_song_delete.append(remove_song_from_playlists)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

SongDeleteHook = Callable[[AsyncSession, int], Awaitable[None]]
# (session, song_id, change in duration_ms): totals kept elsewhere (playlists) follow.
SongResizeHook = Callable[[AsyncSession, int, int], Awaitable[None]]

before_song_delete: list[SongDeleteHook] = []
after_song_resize: list[SongResizeHook] = []
