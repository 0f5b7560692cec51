"""Credit reads: a song's credits, and an artist's credits across songs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer, bindparam, select

from fastfm.catalog import tables as t
from fastfm.catalog.exceptions import SongNotFound
from fastfm.catalog.execution import fetch_all
from fastfm.catalog.listing import Database, ListShape, SortFields, fetch_page, list_statements
from fastfm.catalog.songs.reads import artist_refs, artist_refs_json, song_credits_json
from fastfm.catalog.sql import decode_rows
from fastfm.kit.pagination import PageParams

c = t.credit.c
s = t.song.c

_SONG_CREDITS = select(s.id, song_credits_json(s.id)).where(
    s.id == bindparam("song_id", type_=Integer)
)
_ARTIST_CREDITS = select(
    c.id, s.id, s.title, s.duration_ms, artist_refs_json(s.id), c.role, c.detail
).select_from(t.credit.join(t.song, s.id == c.song_id))
_ARTIST_CREDIT_ORDER = (c.song_id.asc(), c.position.asc(), c.id.asc())
_ARTIST_CREDIT_SORT = SortFields({}, c.id)


def credit_list(text: str | None) -> list[dict[str, Any]]:
    return [
        {"artist": {"id": x[2], "name": x[3]}, "role": x[4], "detail": x[5]}
        for x in decode_rows(text)
    ]


async def song_credits(db: Database, song_id: int) -> list[dict[str, Any]]:
    """A song's credits in the order they were given (404 ``song_not_found``)."""
    rows = await fetch_all(db, _SONG_CREDITS, {"song_id": song_id})
    if not rows:
        raise SongNotFound()
    return credit_list(rows[0][1])


def _artist_credits_shape() -> ListShape:
    return ListShape(
        rows=_ARTIST_CREDITS,
        table=t.credit,
        where=[c.artist_id == bindparam("artist_id", type_=Integer)],
        order=_ARTIST_CREDIT_ORDER,
    )


async def artist_credits(
    db: Database, artist_id: int, page: PageParams
) -> tuple[list[dict[str, Any]], int]:
    """A page of an artist's credits (``{song, role, detail}``), by song, and their total."""
    statements = list_statements(
        db, "artist_credits", _ARTIST_CREDIT_SORT, None, page, _artist_credits_shape
    )
    rows, total = await fetch_page(db, statements, {"artist_id": artist_id}, page)
    return [artist_credit_body(row) for row in rows], total


def artist_credit_body(row: Sequence[Any]) -> dict[str, Any]:
    song = {"id": row[1], "title": row[2], "duration_ms": row[3], "artists": artist_refs(row[4])}
    return {"song": song, "role": row[5], "detail": row[6]}
