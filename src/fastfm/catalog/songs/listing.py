"""The song list: filters, sort orders and cheap exact totals over a large catalog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from fastfm.catalog import tables as t
from fastfm.catalog.listing import (
    Database,
    PageQuery,
    SortFields,
    count_of,
    fetch_page,
    page_of_ids,
)
from fastfm.catalog.songs.reads import SongBody, song_body, song_body_select
from fastfm.catalog.sql import contains_pattern
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
_ROWS = song_body_select()


@dataclass(frozen=True, slots=True)
class SongFilters:
    q: str | None = None
    artist_id: int | None = None
    album_id: int | None = None
    genre: int | None = None
    min_duration_ms: int | None = None
    max_duration_ms: int | None = None
    explicit: bool | None = None

    def where(self) -> list[ColumnElement[bool]]:
        """The WHERE clauses on ``song`` for these filters."""
        clauses: list[ColumnElement[bool]] = []
        if self.q is not None:
            clauses.append(contains_pattern(s.title, self.q))
        if self.artist_id is not None:
            link = t.song_artist.c
            clauses.append(s.id.in_(select(link.song_id).where(link.artist_id == self.artist_id)))
        if self.album_id is not None:
            clauses.append(s.album_id == self.album_id)
        if self.genre is not None:
            genre_link = t.song_genre.c
            clauses.append(
                s.id.in_(select(genre_link.song_id).where(genre_link.genre_id == self.genre))
            )
        if self.min_duration_ms is not None:
            clauses.append(s.duration_ms >= self.min_duration_ms)
        if self.max_duration_ms is not None:
            clauses.append(s.duration_ms <= self.max_duration_ms)
        if self.explicit is not None:
            clauses.append(s.explicit == self.explicit)
        return clauses

    def total(self) -> Select[Any]:
        """The exact count of matching songs, through the narrowest index that answers it."""
        others = SongFilters(
            q=self.q,
            album_id=self.album_id,
            genre=self.genre,
            min_duration_ms=self.min_duration_ms,
            max_duration_ms=self.max_duration_ms,
            explicit=self.explicit,
        )
        if self.artist_id is not None and others == SongFilters():
            # Only the artist: an index-only scan of (artist_id, song_id), no song rows.
            link = t.song_artist.c
            return select(func.count()).where(link.artist_id == self.artist_id).correlate(None)
        return count_of(t.song, self.where())


async def list_songs(
    db: Database, filters: SongFilters, *, sort: str | None, page: PageParams
) -> tuple[list[SongBody], int]:
    """A page of full song bodies and the total matching."""
    where = filters.where()
    order = SONG_SORT.order(sort)
    query = PageQuery(
        rows=_ROWS,
        table=t.song,
        ids=page_of_ids(t.song, where, order, page),
        order=order,
        total=filters.total(),
    )
    rows, total = await fetch_page(db, query, page)
    return [song_body(row) for row in rows], total
