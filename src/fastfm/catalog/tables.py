"""The catalog's tables as Core objects, for reads that build no ORM entities."""

from __future__ import annotations

from sqlalchemy import Table

from fastfm.catalog.albums.models import Album, AlbumArtist, album_genre
from fastfm.catalog.artists.models import Artist, artist_genre
from fastfm.catalog.credits.models import Credit
from fastfm.catalog.genres.models import Genre
from fastfm.catalog.songs.models import Song, SongArtist, song_genre


def _table(entity: type[object]) -> Table:
    table = entity.__table__  # type: ignore[attr-defined]
    if not isinstance(table, Table):
        raise TypeError(f"{entity.__name__} is not mapped to a table")
    return table


artist = _table(Artist)
album = _table(Album)
album_artist = _table(AlbumArtist)
song = _table(Song)
song_artist = _table(SongArtist)
genre = _table(Genre)
credit = _table(Credit)

__all__ = [
    "album",
    "album_artist",
    "album_genre",
    "artist",
    "artist_genre",
    "credit",
    "genre",
    "song",
    "song_artist",
    "song_genre",
]
