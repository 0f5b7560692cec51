"""``search(q, type, limit)``: the search service's matches as GraphQL objects.

The same rules as ``GET /api/v1/search``: ``q`` is 1..200 characters and not blank,
``limit`` 1..50 per kind, private playlists only for their owner and collaborators.
The service's song, artist and genre bodies are the loaders' own (primed, so nested
fields load with their siblings); albums and playlists are loaded by id, in one
statement each, so that every field of them resolves.
"""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from fastfm.graphql.context import Context
from fastfm.graphql.types import Album, Artist, Genre, Playlist, Song, many
from fastfm.search import service as search_service
from fastfm.search.schemas import DEFAULT_SEARCH_LIMIT, MAX_QUERY_LENGTH, MAX_SEARCH_LIMIT, TYPES
from graphql import GraphQLError


@strawberry.enum(description="A kind of thing search finds.")
class SearchKind(Enum):
    SONG = "song"
    ARTIST = "artist"
    ALBUM = "album"
    PLAYLIST = "playlist"
    GENRE = "genre"


@strawberry.type(description="Best matches first, per asked kind; kinds not asked are null.")
class SearchResult:
    songs: list[Song] | None = None
    artists: list[Artist] | None = None
    albums: list[Album] | None = None
    playlists: list[Playlist] | None = None
    genres: list[Genre] | None = None


def _invalid(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "validation_error"})


async def search(
    info: Info[Context, None],
    q: str,
    kinds: list[SearchKind] | None = None,
    limit: int = DEFAULT_SEARCH_LIMIT,
) -> SearchResult:
    if not 1 <= len(q) <= MAX_QUERY_LENGTH or not q.strip():
        raise _invalid(f"q must be 1..{MAX_QUERY_LENGTH} characters and not blank")
    if not 1 <= limit <= MAX_SEARCH_LIMIT:
        raise _invalid(f"limit must be between 1 and {MAX_SEARCH_LIMIT}")
    asked = {kind.value for kind in kinds} if kinds else set(TYPES)
    loaders = info.context.loaders
    user = info.context.user
    async with loaders.turn():
        found = await search_service.search(
            loaders.reader,
            q,
            types=[kind for kind in TYPES if kind in asked],
            limit=limit,
            user_id=None if user is None else user.id,
        )
    result = SearchResult()
    if "song" in found:
        for body in found["song"].items:
            loaders.songs.prime(body["id"], body)
        result.songs = [Song.of(body) for body in found["song"].items]
    if "artist" in found:
        for body in found["artist"].items:
            loaders.artists.prime(body["id"], body)
        result.artists = [Artist.of(body) for body in found["artist"].items]
    if "genre" in found:
        result.genres = [Genre.of(body) for body in found["genre"].items]
    if "album" in found:
        ids = [body["id"] for body in found["album"].items]
        result.albums = await many(loaders.albums, ids, Album.of)
    if "playlist" in found:
        ids = [body["id"] for body in found["playlist"].items]
        result.playlists = await many(loaders.playlists, ids, Playlist.of)
    return result
