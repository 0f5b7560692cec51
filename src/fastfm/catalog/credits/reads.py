"""Credit reads: a song's credits, and an artist's credits across songs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, bindparam, select

from fastfm.catalog import tables as t
from fastfm.catalog.exceptions import SongNotFound
from fastfm.catalog.listing import ListShape, Reader, SortFields, fetch_page, list_statements
from fastfm.catalog.songs.reads import artist_refs, artist_refs_json, song_credits_json
from fastfm.db.dialect import decode_rows
from fastfm.db.reads import Row
from fastfm.kit.pagination import PageParams

c = t.credit.c
s = t.song.c

_SONG_CREDITS = select(s.id, song_credits_json(s.id).label("credits")).where(
    s.id == bindparam("song_id", type_=Integer)
)
_ARTIST_CREDITS = select(
    c.id,
    s.id.label("song_id"),
    s.title,
    s.duration_ms,
    artist_refs_json(s.id).label("artists"),
    c.role,
    c.detail,
).select_from(t.credit.join(t.song, s.id == c.song_id))
_ARTIST_CREDIT_ORDER = (c.song_id.asc(), c.position.asc(), c.id.asc())
_ARTIST_CREDIT_SORT = SortFields({}, c.id)


def credit_list(text: str | None) -> list[dict[str, Any]]:
    return [
        {"artist": {"id": x[2], "name": x[3]}, "role": x[4], "detail": x[5]}
        for x in decode_rows(text)
    ]


async def song_credits(db: Reader, song_id: int) -> list[dict[str, Any]]:
    """A song's credits in the order they were given (404 ``song_not_found``)."""
    rows = await db.fetch(_SONG_CREDITS, {"song_id": song_id})
    if not rows:
        raise SongNotFound()
    return credit_list(rows[0]["credits"])


def _artist_credits_shape() -> ListShape:
    return ListShape(
        rows=_ARTIST_CREDITS,
        table=t.credit,
        where=[c.artist_id == bindparam("artist_id", type_=Integer)],
        order=_ARTIST_CREDIT_ORDER,
    )


async def artist_credits(
    db: Reader, artist_id: int, page: PageParams
) -> tuple[list[dict[str, Any]], int]:
    """A page of an artist's credits (``{song, role, detail}``), by song, and their total."""
    statements = list_statements(
        db, "artist_credits", _ARTIST_CREDIT_SORT, None, page, _artist_credits_shape
    )
    rows, total = await fetch_page(db, statements, {"artist_id": artist_id}, page)
    return [artist_credit_body(row) for row in rows], total


def artist_credit_body(row: Row) -> dict[str, Any]:
    song = {
        "id": row["song_id"],
        "title": row["title"],
        "duration_ms": row["duration_ms"],
        "artists": artist_refs(row["artists"]),
    }
    return {"song": song, "role": row["role"], "detail": row["detail"]}
