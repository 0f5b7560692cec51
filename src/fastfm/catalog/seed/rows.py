"""The tables the synthetic catalog fills, their column lists, and how values are encoded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

# Column lists per table, in an insert order where every referenced row comes first.
# Columns left out (follower/like/play counts, spotify ids) take their server defaults.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "genre": ("id", "name", "name_key", "slug"),
    "artist": ("id", "name", "bio", "image_url", "created_at", "updated_at"),
    "artist_genre": ("artist_id", "genre_id"),
    "album": (
        "id",
        "title",
        "album_type",
        "release_date",
        "track_count",
        "total_duration_ms",
        "created_at",
        "updated_at",
    ),
    "album_artist": ("album_id", "position", "artist_id"),
    "album_genre": ("album_id", "genre_id"),
    "song": (
        "id",
        "title",
        "duration_ms",
        "explicit",
        "isrc",
        "album_id",
        "disc_number",
        "track_number",
        "release_date",
        "created_at",
        "updated_at",
    ),
    "song_artist": ("song_id", "position", "artist_id"),
    "song_genre": ("song_id", "genre_id"),
    "credit": ("id", "song_id", "artist_id", "role", "detail", "position"),
}
TABLE_ORDER = tuple(TABLE_COLUMNS)
ID_TABLES = ("genre", "artist", "album", "song", "credit")

Row = tuple[object, ...]


@dataclass(frozen=True)
class Encoding:
    """How dates, timestamps and booleans are handed to a driver."""

    date: Callable[[date], object]
    timestamp: Callable[[datetime], object]
    boolean: Callable[[bool], object]


def _same(value: object) -> object:
    return value


def _sqlite_timestamp(value: datetime) -> str:
    # SQLAlchemy's SQLite DATETIME storage format (UTC, no offset, microseconds).
    return value.isoformat(" ", "microseconds")[:26]


NATIVE = Encoding(date=_same, timestamp=_same, boolean=_same)
SQLITE = Encoding(date=date.isoformat, timestamp=_sqlite_timestamp, boolean=int)
