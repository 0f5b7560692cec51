"""Search reads: the dialect's index queries, and the bodies of the rows they rank."""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType
from typing import Any

from sqlalchemy import select

from fastfm.catalog.albums.reads import load_album_summaries
from fastfm.catalog.artists.reads import load_artist_bodies
from fastfm.catalog.execution import Database, fetch_all
from fastfm.catalog.genres.reads import load_genre_bodies
from fastfm.catalog.songs.reads import load_song_bodies
from fastfm.catalog.sql import decode_rows, id_in, json_rows
from fastfm.playlists.models import Playlist, PlaylistCollaborator
from fastfm.search import postgres, sqlite
from fastfm.search.execution import dialect_of
from fastfm.users.models import User

Body = dict[str, Any]


def index_for(db: Database) -> ModuleType:
    """The search index queries of ``db``'s database (``postgres`` or ``sqlite``)."""
    return postgres if dialect_of(db) == "postgresql" else sqlite


_p = Playlist.__table__.c
_owner = User.__table__.alias("owner")
_collaborators = (
    select(json_rows(PlaylistCollaborator.added_at, User.id, User.username, User.display_name))
    .select_from(PlaylistCollaborator.__table__.join(User, User.id == PlaylistCollaborator.user_id))
    .where(PlaylistCollaborator.playlist_id == _p.id)
    .scalar_subquery()
)
_PLAYLISTS_BY_IDS = (
    select(
        _p.id,
        _p.name,
        _p.description,
        _p.is_public,
        _owner.c.id,
        _owner.c.username,
        _owner.c.display_name,
        _collaborators,
        _p.track_count,
        _p.total_duration_ms,
        _p.follower_count,
        _p.snapshot_id,
        _p.created_at,
        _p.updated_at,
    )
    .select_from(Playlist.__table__.join(_owner, _owner.c.id == _p.owner_id))
    .where(id_in(_p.id, "playlist_ids"))
)


def _playlist_body(row: Sequence[Any]) -> Body:
    return {
        "id": row[0],
        "name": row[1],
        "description": row[2],
        "is_public": row[3],
        "owner": {"id": row[4], "username": row[5], "display_name": row[6]},
        "collaborators": [
            {"id": c[1], "username": c[2], "display_name": c[3]} for c in decode_rows(row[7])
        ],
        "track_count": row[8],
        "total_duration_ms": row[9],
        "follower_count": row[10],
        "snapshot_id": row[11],
        "created_at": row[12],
        "updated_at": row[13],
    }


async def _playlist_bodies(db: Database, ids: Sequence[int]) -> dict[int, Body]:
    if not ids:
        return {}
    rows = await fetch_all(db, _PLAYLISTS_BY_IDS, {"playlist_ids": list(ids)})
    return {row[0]: _playlist_body(row) for row in rows}


async def bodies(db: Database, kind: str, ids: Sequence[int]) -> list[Body]:
    """The response bodies of ``ids`` (of ``kind``), in the order given."""
    if kind == "song":
        found = await load_song_bodies(db, ids)
    elif kind == "artist":
        found = await load_artist_bodies(db, ids)
    elif kind == "album":
        found = await load_album_summaries(db, ids)
    elif kind == "genre":
        found = await load_genre_bodies(db, ids)
    else:
        found = await _playlist_bodies(db, ids)
    # A row deleted between ranking and loading is simply left out.
    return [found[i] for i in ids if i in found]
