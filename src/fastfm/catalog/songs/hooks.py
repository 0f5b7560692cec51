"""Work other domains do when a song goes or changes length, inside the same transaction.

A domain that keeps rows about songs (playlist entries and their totals) registers its
coroutines through :func:`fastfm.catalog.songs.service.register_hooks`, explicitly,
where the app and the command line are built (``create_app``, ``fastfm.cli``); nothing
registers itself on import. The song service awaits each, in order: delete hooks before
the song is deleted, resize hooks after its new duration is flushed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy.ext.asyncio import AsyncSession

SongDeleteHook = Callable[[AsyncSession, int], Awaitable[None]]
# (session, song_id, change in duration_ms): totals kept elsewhere (playlists) follow.
SongResizeHook = Callable[[AsyncSession, int, int], Awaitable[None]]

before_song_delete: list[SongDeleteHook] = []
after_song_resize: list[SongResizeHook] = []


def register(
    *, before_delete: SongDeleteHook | None = None, after_resize: SongResizeHook | None = None
) -> None:
    """Add hooks; one already registered is not added again (apps are built repeatedly)."""
    if before_delete is not None and before_delete not in before_song_delete:
        before_song_delete.append(before_delete)
    if after_resize is not None and after_resize not in after_song_resize:
        after_song_resize.append(after_resize)
