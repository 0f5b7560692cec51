"""Search reads: the dialect's index queries, and the bodies of the rows they rank."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import select

from fastfm.catalog.albums.reads import load_album_summaries
from fastfm.catalog.artists.reads import load_artist_bodies
from fastfm.catalog.genres.reads import load_genre_bodies
from fastfm.catalog.songs.reads import load_song_bodies
from fastfm.db.dialect import decode_rows, id_in, json_rows
from fastfm.db.reads import Reader, Row
from fastfm.playlists.models import Playlist, PlaylistCollaborator
from fastfm.search import postgres, sqlite
from fastfm.search.execution import dialect_of
from fastfm.search.query import Lookup, Ranked, SearchPlan
from fastfm.users.models import User

Body = dict[str, Any]


class SearchIndex(Protocol):
    """A database's search index queries (the ``postgres`` and ``sqlite`` modules)."""

    async def lookup(self, db: Reader, q: str) -> Lookup: ...

    async def rank(
        self,
        db: Reader,
        kinds: Sequence[str],
        plan: SearchPlan,
        wanted: int,
        me: int,
        counted: frozenset[str],
    ) -> dict[str, Ranked]: ...


def index_for(db: Reader) -> SearchIndex:
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
        _owner.c.id.label("owner_id"),
        _owner.c.username.label("owner_username"),
        _owner.c.display_name.label("owner_display_name"),
        _collaborators.label("collaborators"),
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


def _playlist_body(row: Row) -> Body:
    owner = {
        "id": row["owner_id"],
        "username": row["owner_username"],
        "display_name": row["owner_display_name"],
    }
    return {
        "id": row["id"],
        "name": row["name"],
        "description": row["description"],
        "is_public": row["is_public"],
        "owner": owner,
        "collaborators": [
            {"id": c[1], "username": c[2], "display_name": c[3]}
            for c in decode_rows(row["collaborators"])
        ],
        "track_count": row["track_count"],
        "total_duration_ms": row["total_duration_ms"],
        "follower_count": row["follower_count"],
        "snapshot_id": row["snapshot_id"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


async def _playlist_bodies(db: Reader, ids: Sequence[int]) -> dict[int, Body]:
    if not ids:
        return {}
    rows = await db.fetch(_PLAYLISTS_BY_IDS, {"playlist_ids": list(ids)})
    return {row["id"]: _playlist_body(row) for row in rows}


async def bodies(db: Reader, kind: str, ids: Sequence[int]) -> list[Body]:
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
