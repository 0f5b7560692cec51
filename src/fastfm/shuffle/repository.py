"""The reads shuffling needs from playlists and the catalog: Core statements, no ORM entities."""

from __future__ import annotations

from sqlalchemy import Table, and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as catalog
from fastfm.catalog.songs.reads import SongBody, song_body, song_body_select
from fastfm.playlists import repository as playlists
from fastfm.playlists.models import PlaylistEntry

playlist_entry: Table = PlaylistEntry.__table__  # type: ignore[assignment]
E = playlist_entry.c
SA = catalog.song_artist.c


async def visible_snapshot_id(session: AsyncSession, playlist_id: int, user_id: int) -> str | None:
    """The playlist's ``snapshot_id`` if the user can see it (the playlists' own rule)."""
    query = select(playlists.P.snapshot_id).where(
        playlists.P.id == playlist_id, playlists.visible_to(user_id)
    )
    snapshot_id: str | None = await session.scalar(query)
    return snapshot_id


async def playlist_entries(session: AsyncSession, playlist_id: int) -> list[tuple[int, int, int]]:
    """``(entry id, song id, primary artist id)`` of every entry, in position order.

    Songs always have a first billed artist; one without gets ``-song_id``, an artist of
    its own, rather than being left out.
    """
    primary = catalog.song_artist.alias("primary_artist")
    query = (
        select(E.id, E.song_id, func.coalesce(primary.c.artist_id, -E.song_id))
        .select_from(
            playlist_entry.outerjoin(
                primary, and_(primary.c.song_id == E.song_id, primary.c.position == 0)
            )
        )
        .where(E.playlist_id == playlist_id)
        .order_by(E.sort_key)
    )
    rows = await session.execute(query)
    return [(int(row[0]), int(row[1]), int(row[2])) for row in rows]


async def song_of_entry(
    session: AsyncSession, playlist_id: int, entry_id: int, song_id: int
) -> SongBody | None:
    """The song's body if the entry is still in the playlist (one primary-key lookup each)."""
    present = exists().where(E.id == entry_id, E.playlist_id == playlist_id)
    query = song_body_select().where(catalog.song.c.id == song_id, present)
    row = (await session.execute(query)).first()
    return None if row is None else song_body(row)
