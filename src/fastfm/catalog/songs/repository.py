"""Song queries for writes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from sqlalchemy import Select, Subquery, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as t
from fastfm.catalog.songs.models import Song
from fastfm.db.dialect import id_in


async def get_for_update(session: AsyncSession, song_id: int) -> Song | None:
    """The song, its row locked until commit (``FOR UPDATE``); ``None`` if it is gone.

    Read under the lock, so a concurrent writer of the song waits for this transaction
    and then sees what it wrote (its old duration is the one this write replaces). The
    full lock also makes adding the song to a playlist (which share-locks its key)
    wait, so the duration a playlist's total takes is the committed one. SQLite has no
    row locks: a no-op UPDATE first makes this transaction the only writer.
    """
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(
            update(Song)
            .where(Song.id == song_id)
            .values(duration_ms=Song.duration_ms)
            .execution_options(synchronize_session=False)
        )
    query = (
        select(Song)
        .where(Song.id == song_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return await session.scalar(query)


async def album_of(session: AsyncSession, song_id: int) -> tuple[bool, int | None]:
    """Whether the song exists, and its album id."""
    row = (await session.execute(select(t.song.c.album_id).where(t.song.c.id == song_id))).first()
    return (row is not None, None if row is None else row[0])


async def delete_song(session: AsyncSession, song_id: int) -> None:
    """Delete the row; its artist, genre and credit rows go with it (ON DELETE CASCADE)."""
    await session.execute(delete(t.song).where(t.song.c.id == song_id))


Counter = Literal["like_count", "play_count"]
# Counters move with set-based UPDATEs; nothing here is loaded into the session.
_NO_SYNC = {"synchronize_session": False}


async def add_to_counter(session: AsyncSession, song_id: int, counter: Counter, delta: int) -> None:
    # One atomic UPDATE: concurrent likes or listens never lose a count.
    column = getattr(Song, counter)
    await session.execute(update(Song).where(Song.id == song_id).values({counter: column + delta}))


async def subtract_from_counter(session: AsyncSession, counts: Subquery, counter: Counter) -> None:
    """Take ``counts.c.n`` off the counter of each song ``counts.c.song_id`` names."""
    column = getattr(Song, counter)
    taken = select(counts.c.n).where(counts.c.song_id == Song.id).scalar_subquery()
    await session.execute(
        update(Song).where(Song.id.in_(select(counts.c.song_id))).values({counter: column - taken}),
        execution_options=_NO_SYNC,
    )


async def subtract_one_from_counter(
    session: AsyncSession, song_ids: Select[int], counter: Counter
) -> None:
    column = getattr(Song, counter)
    await session.execute(
        update(Song).where(Song.id.in_(song_ids)).values({counter: column - 1}),
        execution_options=_NO_SYNC,
    )


async def add_one_to_counter_of_each(
    session: AsyncSession, song_ids: Sequence[int], counter: Counter
) -> None:
    """``counter + 1`` on each song of ``song_ids``, in one statement."""
    column = getattr(t.song.c, counter)
    await session.execute(
        update(t.song).where(id_in(t.song.c.id, "song_ids")).values({counter: column + 1}),
        {"song_ids": sorted(song_ids)},
    )
