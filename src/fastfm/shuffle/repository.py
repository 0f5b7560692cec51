"""The reads shuffling needs from playlists, likes and the catalog: Core statements only.

The statements of the ``next`` path are built once, with bound parameters: building a
song-body select costs more CPU than running it.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import ColumnElement, FromClause, Table, and_, bindparam, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as catalog
from fastfm.catalog.songs.reads import SongBody, song_body, song_body_select
from fastfm.library.likes.models import SongLike
from fastfm.playlists import repository as playlists
from fastfm.playlists.models import PlaylistEntry

playlist_entry: Table = PlaylistEntry.__table__  # type: ignore[assignment]
song_like: Table = SongLike.__table__  # type: ignore[assignment]
E = playlist_entry.c
L = song_like.c


def _primary_artist_join(song_id: ColumnElement[int]) -> tuple[FromClause, ColumnElement[bool]]:
    primary = catalog.song_artist.alias("primary_artist")
    return primary, and_(primary.c.song_id == song_id, primary.c.position == 0)


# The playlists' visibility rule, over a bound user id (it compares the id, never branches
# on its value, once it is not None).
_VISIBLE_SNAPSHOT = select(playlists.P.snapshot_id).where(
    playlists.P.id == bindparam("playlist_id"),
    playlists.visible_to(cast(int, bindparam("user_id"))),
)
_SONG_OF_ENTRY = song_body_select().where(
    catalog.song.c.id == bindparam("song_id"),
    exists().where(E.id == bindparam("entry_id"), E.playlist_id == bindparam("playlist_id")),
)
_LIKED_SONG = song_body_select().where(
    catalog.song.c.id == bindparam("song_id"),
    exists().where(L.user_id == bindparam("user_id"), L.song_id == bindparam("song_id")),
)

_LIKES_FINGERPRINT = select(
    func.count(),
    func.coalesce(func.sum(L.song_id), 0),
    func.coalesce(func.sum(L.song_id * L.song_id), 0),
    func.max(L.liked_at),
).where(L.user_id == bindparam("user_id"))


async def visible_snapshot_id(session: AsyncSession, playlist_id: int, user_id: int) -> str | None:
    """The playlist's ``snapshot_id`` if the user can see it (the playlists' own rule)."""
    params = {"playlist_id": playlist_id, "user_id": user_id}
    snapshot_id: str | None = await session.scalar(_VISIBLE_SNAPSHOT, params)
    return snapshot_id


async def playlist_entries(session: AsyncSession, playlist_id: int) -> list[tuple[int, int, int]]:
    """``(entry id, song id, primary artist id)`` of every entry, in position order.

    Songs always have a first billed artist; one without gets ``-song_id``, an artist of
    its own, rather than being left out.
    """
    primary, on = _primary_artist_join(E.song_id)
    query = (
        select(E.id, E.song_id, func.coalesce(primary.c.artist_id, -E.song_id))
        .select_from(playlist_entry.outerjoin(primary, on))
        .where(E.playlist_id == playlist_id)
        .order_by(E.sort_key)
    )
    rows = await session.execute(query)
    return [(int(row[0]), int(row[1]), int(row[2])) for row in rows]


async def song_of_entry(
    session: AsyncSession, playlist_id: int, entry_id: int, song_id: int
) -> SongBody | None:
    """The song's body if the entry is still in the playlist (one primary-key lookup each)."""
    params = {"song_id": song_id, "entry_id": entry_id, "playlist_id": playlist_id}
    row = (await session.execute(_SONG_OF_ENTRY, params)).first()
    return None if row is None else song_body(row)


async def likes_fingerprint(session: AsyncSession, user_id: int) -> str:
    """A value that changes whenever the user's liked songs change (one index-only scan).

    Any like or unlike changes the count or the sums of the song ids and their squares;
    a like also brings the newest ``liked_at``, so a like and an unlike that balance the
    sums still show.
    """
    result = await session.execute(_LIKES_FINGERPRINT, {"user_id": user_id})
    count, total, squares, newest = result.one()
    return f"{count}:{total}:{squares}:{newest}"


async def liked_songs(session: AsyncSession, user_id: int) -> list[tuple[int, int]]:
    """``(song id, primary artist id)`` of the user's liked songs, newest first (as listed)."""
    primary, on = _primary_artist_join(L.song_id)
    query = (
        select(L.song_id, func.coalesce(primary.c.artist_id, -L.song_id))
        .select_from(song_like.outerjoin(primary, on))
        .where(L.user_id == user_id)
        .order_by(L.liked_at.desc(), L.song_id)
    )
    rows = await session.execute(query)
    return [(int(row[0]), int(row[1])) for row in rows]


async def liked_song(session: AsyncSession, user_id: int, song_id: int) -> SongBody | None:
    """The song's body if the user still likes it."""
    params = {"song_id": song_id, "user_id": user_id}
    row = (await session.execute(_LIKED_SONG, params)).first()
    return None if row is None else song_body(row)
