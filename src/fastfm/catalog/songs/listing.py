"""The song list: filters, sort orders and cheap exact totals over a large catalog."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Integer, Select, bindparam, func, select

from fastfm.catalog import tables as t
from fastfm.catalog.listing import (
    ListShape,
    Reader,
    SortFields,
    fetch_page,
    list_statements,
)
from fastfm.catalog.songs.reads import SongBody, song_body, song_body_select
from fastfm.db.dialect import contains_pattern, substring_pattern
from fastfm.kit.pagination import PageParams

s = t.song.c
SONG_SORT = SortFields(
    {
        "title": s.title,
        "duration_ms": s.duration_ms,
        "release_date": s.release_date,
        "like_count": s.like_count,
        "play_count": s.play_count,
        "created_at": s.created_at,
    },
    s.id,
    nullable=frozenset({"release_date"}),
)


def _int(name: str) -> Any:
    return bindparam(name, type_=Integer)


def _where(present: frozenset[str]) -> list[ColumnElement[bool]]:
    """WHERE clauses on ``song`` for the filters present, each bound to its parameter."""
    clauses: list[ColumnElement[bool]] = []
    if "q" in present:
        clauses.append(contains_pattern(s.title, "q"))
    if "artist_id" in present:
        link = t.song_artist.c
        clauses.append(s.id.in_(select(link.song_id).where(link.artist_id == _int("artist_id"))))
    if "album_id" in present:
        clauses.append(s.album_id == _int("album_id"))
    if "genre" in present:
        genre_link = t.song_genre.c
        in_genre = select(genre_link.song_id).where(genre_link.genre_id == _int("genre"))
        clauses.append(s.id.in_(in_genre))
    if "min_duration_ms" in present:
        clauses.append(s.duration_ms >= _int("min_duration_ms"))
    if "max_duration_ms" in present:
        clauses.append(s.duration_ms <= _int("max_duration_ms"))
    if "explicit" in present:
        clauses.append(s.explicit == bindparam("explicit", type_=Boolean))
    return clauses


def _total(present: frozenset[str]) -> Select[Any] | None:
    """The count through the narrowest index that answers it; None: count the songs."""
    if present == {"artist_id"}:
        # Only the artist: an index-only scan of (artist_id, song_id), no song rows.
        link = t.song_artist.c
        return select(func.count()).where(link.artist_id == _int("artist_id")).correlate(None)
    return None


@dataclass(frozen=True, slots=True)
class SongFilters:
    q: str | None = None
    artist_id: int | None = None
    album_id: int | None = None
    genre: int | None = None
    min_duration_ms: int | None = None
    max_duration_ms: int | None = None
    explicit: bool | None = None

    def params(self) -> dict[str, Any]:
        """The filters given, as statement parameters."""
        values = {name: value for name, value in asdict(self).items() if value is not None}
        if self.q is not None:
            values["q"] = substring_pattern(self.q)
        return values


_ROWS = song_body_select()


async def list_songs(
    db: Reader, filters: SongFilters, *, sort: str | None, page: PageParams
) -> tuple[list[SongBody], int]:
    """A page of full song bodies and the total matching."""
    params = filters.params()
    present = frozenset(params)

    def shape() -> ListShape:
        return ListShape(rows=_ROWS, table=t.song, where=_where(present), total=_total(present))

    statements = list_statements(db, ("song", present), SONG_SORT, sort, page, shape)
    rows, total = await fetch_page(db, statements, params, page)
    return [song_body(row) for row in rows], total
