"""The catalog's client errors, each with its stable code."""

from __future__ import annotations

from fastfm.errors import Conflict, NotFound


class GenreNotFound(NotFound):
    code = "genre_not_found"
    detail = "Genre not found"


class ArtistNotFound(NotFound):
    code = "artist_not_found"
    detail = "Artist not found"


class AlbumNotFound(NotFound):
    code = "album_not_found"
    detail = "Album not found"


class SongNotFound(NotFound):
    code = "song_not_found"
    detail = "Song not found"


class GenreExists(Conflict):
    code = "genre_exists"
    detail = "A genre with this name already exists"


class GenreInUse(Conflict):
    code = "genre_in_use"
    detail = "The genre is still linked to artists, albums or songs"


class ArtistInUse(Conflict):
    code = "artist_in_use"
    detail = "The artist still has songs, albums or credits"


class AlbumInUse(Conflict):
    code = "album_in_use"
    detail = "The album still has songs"
