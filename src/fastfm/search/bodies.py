"""The response bodies of ranked ids, per kind: loaded by ids, or read inside the rank.

Every kind's body comes from its domain's :class:`~fastfm.db.bodies.BodyShape` (the
playlists' is search's own: a playlist with its owner and collaborators). SQLite loads a
page's bodies by ids (:func:`load`); PostgreSQL reads them inside the rank statement, as
one ``record[]`` per kind (:func:`aggregated`, :func:`from_records`), so a search is two
round trips whatever the kinds.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import any_, literal_column, select
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import Dialect

from fastfm.catalog.albums.reads import ALBUM_SUMMARIES
from fastfm.catalog.artists.reads import ARTIST_BODIES
from fastfm.catalog.genres.reads import GENRE_BODIES
from fastfm.catalog.songs.reads import SONG_BODIES
from fastfm.db.bodies import Body, BodyShape
from fastfm.db.dialect import decode_rows, json_rows
from fastfm.db.reads import Reader, Row
from fastfm.playlists.models import Playlist, PlaylistCollaborator
from fastfm.users.models import User

_p = Playlist.__table__.c
_owner = User.__table__.alias("owner")
_collaborators = (
    select(json_rows(PlaylistCollaborator.added_at, User.id, User.username, User.display_name))
    .select_from(PlaylistCollaborator.__table__.join(User, User.id == PlaylistCollaborator.user_id))
    .where(PlaylistCollaborator.playlist_id == _p.id)
    .scalar_subquery()
)
_PLAYLIST = select(
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
).select_from(Playlist.__table__.join(_owner, _owner.c.id == _p.owner_id))


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


SHAPES: dict[str, BodyShape] = {
    "song": SONG_BODIES,
    "artist": ARTIST_BODIES,
    "album": ALBUM_SUMMARIES,
    "playlist": BodyShape(_PLAYLIST, _playlist_body),
    "genre": GENRE_BODIES,
}


def _in_order(found: dict[int, Body], ids: Sequence[int]) -> list[Body]:
    # A row deleted between ranking and loading is simply left out.
    return [found[i] for i in ids if i in found]


async def load(db: Reader, kind: str, ids: Sequence[int]) -> list[Body]:
    """The bodies of ``ids`` (of ``kind``), in the order given, in one statement."""
    return _in_order(await SHAPES[kind].load(db, ids), ids)


_POSTGRESQL: Dialect = asyncpg_dialect()  # type: ignore[no-untyped-call]


@lru_cache(maxsize=len(SHAPES))
def aggregated(kind: str, ids: str) -> str:
    """PostgreSQL: a scalar subquery of every body row of ``kind`` whose id is in the
    SQL array expression ``ids``, as one ``record[]`` (NULL when none)."""
    shape = SHAPES[kind]
    statement = shape.select.where(shape.id_column == any_(literal_column(ids)))
    sql = statement.compile(dialect=_POSTGRESQL, compile_kwargs={"literal_binds": True})
    # The SQL is the domains' own selects, compiled: no value of a request is in it.
    return f"(SELECT array_agg(b) FROM ({sql}) AS b)"  # noqa: S608


def from_records(
    kind: str, records: Sequence[Sequence[Any]] | None, ids: Sequence[int]
) -> list[Body]:
    """The bodies of an :func:`aggregated` value, in the order of ``ids``."""
    shape = SHAPES[kind]
    found = (shape.from_values(record) for record in records or ())
    return _in_order({body["id"]: body for body in found}, ids)
