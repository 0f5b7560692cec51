"""The reads shuffling needs from accounts, playlists, likes and the catalog.

Every statement is built once, with bound parameters, and runs through the catalog's
read path (:class:`fastfm.db.reads.Reader`): on PostgreSQL a prepared
statement on a bare pooled connection, no session and no transaction. Shuffling writes
only to its session store, so its reads need neither.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Integer,
    and_,
    bindparam,
    func,
    select,
)

from fastfm.auth.live import caller_is_live, caller_params
from fastfm.auth.security import AccessClaims
from fastfm.catalog import tables as catalog
from fastfm.catalog.songs.reads import SongBody, song_body, song_body_select
from fastfm.db.reads import Reader
from fastfm.library.likes import service as likes
from fastfm.playlists import service as playlists


def _int(name: str) -> Any:
    return bindparam(name, type_=Integer)


def _primary_artist_join(song_id: ColumnElement[int]) -> tuple[FromClause, ColumnElement[bool]]:
    primary = catalog.song_artist.alias("primary_artist")
    return primary, and_(primary.c.song_id == song_id, primary.c.position == 0)


# The caller's token, and the playlist's snapshot if the caller may see it (the playlists'
# own visibility rule, comparing the bound caller id).
_PLAYLIST_FOR_CALLER = select(
    caller_is_live().label("live"),
    playlists.snapshot_visible_to(_int("playlist_id"), _int("caller_id")).label("snapshot_id"),
)
# The caller's token, and a fingerprint of their likes (one index-only scan): any like or
# unlike changes the count or the sums of the song ids and their squares; a like also
# brings the newest liked_at, so a like and an unlike that balance the sums still show.
_liked = likes.likes_of(_int("caller_id"))
_likes = select(
    func.count().label("likes"),
    func.coalesce(func.sum(_liked.c.song_id), 0).label("ids"),
    func.coalesce(func.sum(_liked.c.song_id * _liked.c.song_id), 0).label("squares"),
    func.max(_liked.c.liked_at).label("newest"),
).subquery("likes")
_LIKES_FOR_CALLER = select(caller_is_live().label("live"), *_likes.c)

_entries = playlists.entries_of(_int("playlist_id"))
_primary, _on = _primary_artist_join(_entries.c.song_id)
_PLAYLIST_ENTRIES = (
    select(
        _entries.c.id,
        _entries.c.song_id,
        func.coalesce(_primary.c.artist_id, -_entries.c.song_id).label("artist_id"),
    )
    .select_from(_entries.outerjoin(_primary, _on))
    .order_by(_entries.c.sort_key)
)
_liked_primary, _liked_on = _primary_artist_join(_liked.c.song_id)
_LIKED_SONGS = (
    select(
        _liked.c.song_id,
        func.coalesce(_liked_primary.c.artist_id, -_liked.c.song_id).label("artist_id"),
    )
    .select_from(_liked.outerjoin(_liked_primary, _liked_on))
    .order_by(_liked.c.liked_at.desc(), _liked.c.song_id)
)
_SONG_OF_ENTRY = song_body_select().where(
    catalog.song.c.id == _int("song_id"),
    playlists.has_entry(_int("playlist_id"), _int("entry_id")),
)
_LIKED_SONG = song_body_select().where(
    catalog.song.c.id == _int("song_id"),
    likes.has_like(_int("caller_id"), _int("song_id")),
)


async def playlist_for_caller(
    db: Reader, claims: AccessClaims, playlist_id: int
) -> tuple[bool, str | None]:
    """Whether the caller's token is live, and the playlist's ``snapshot_id`` if they can
    see it: one statement."""
    params = {**caller_params(claims), "playlist_id": playlist_id}
    row, *_ = await db.fetch(_PLAYLIST_FOR_CALLER, params)
    return bool(row["live"]), row["snapshot_id"]


async def likes_for_caller(db: Reader, claims: AccessClaims) -> tuple[bool, str]:
    """Whether the caller's token is live, and a value that changes whenever their liked
    songs change: one statement."""
    row, *_ = await db.fetch(_LIKES_FOR_CALLER, caller_params(claims))
    fingerprint = f"{row['likes']}:{row['ids']}:{row['squares']}:{row['newest']}"
    return bool(row["live"]), fingerprint


async def playlist_entries(db: Reader, playlist_id: int) -> list[tuple[int, int, int]]:
    """``(entry id, song id, primary artist id)`` of every entry, in position order.

    Songs always have a first billed artist; one without gets ``-song_id``, an artist of
    its own, rather than being left out.
    """
    rows = await db.fetch(_PLAYLIST_ENTRIES, {"playlist_id": playlist_id})
    return [(int(row["id"]), int(row["song_id"]), int(row["artist_id"])) for row in rows]


async def song_of_entry(
    db: Reader, playlist_id: int, entry_id: int, song_id: int
) -> SongBody | None:
    """The song's body if the entry is still in the playlist (one primary-key lookup each)."""
    params = {"song_id": song_id, "entry_id": entry_id, "playlist_id": playlist_id}
    rows = await db.fetch(_SONG_OF_ENTRY, params)
    return song_body(rows[0]) if rows else None


async def liked_songs(db: Reader, user_id: int) -> list[tuple[int, int]]:
    """``(song id, primary artist id)`` of the user's liked songs, newest first (as listed)."""
    rows = await db.fetch(_LIKED_SONGS, {"caller_id": user_id})
    return [(int(row["song_id"]), int(row["artist_id"])) for row in rows]


async def liked_song(db: Reader, user_id: int, song_id: int) -> SongBody | None:
    """The song's body if the user still likes it."""
    rows = await db.fetch(_LIKED_SONG, {"song_id": song_id, "caller_id": user_id})
    return song_body(rows[0]) if rows else None
