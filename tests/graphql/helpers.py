"""GraphQL test helpers: a small linked catalog and a query call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from httpx import AsyncClient, Response

from fastfm.catalog.albums import service as album_service
from fastfm.catalog.albums.schemas import AlbumCreate
from fastfm.catalog.artists import service as artist_service
from fastfm.catalog.artists.schemas import ArtistCreate
from fastfm.catalog.credits.schemas import CreditWrite
from fastfm.catalog.genres import service as genre_service
from fastfm.catalog.genres.schemas import GenreCreate
from fastfm.catalog.songs import service as song_service
from fastfm.catalog.songs.schemas import SongCreate
from tests.conftest import Profile


@dataclass
class Catalog:
    star: int
    artists: list[int]
    albums: list[int]
    songs: list[int]
    genre: int


async def seed(profile: Profile, count: int) -> Catalog:
    """``count`` songs, each on its own album by its own artist and the star, with credits."""
    async with profile.session() as session, session.begin():
        genre = (await genre_service.create_genre(session, GenreCreate(name="Jazz"))).id
        star = await artist_service.create_artist(
            session, ArtistCreate(name="Star", genre_ids=[genre])
        )
        artists, albums, songs = [], [], []
        for i in range(count):
            artist = await artist_service.create_artist(session, ArtistCreate(name=f"Artist {i}"))
            album = await album_service.create_album(
                session, AlbumCreate(title=f"Album {i}", artist_ids=[artist, star])
            )
            song = await song_service.create_song(
                session,
                SongCreate(
                    title=f"Song {i}",
                    duration_ms=1000 + i,
                    album_id=album,
                    track_number=1,
                    artist_ids=[artist, star],
                    genre_ids=[genre],
                    credits=[CreditWrite(artist_id=star, role="producer", detail="all")],
                ),
            )
            artists.append(artist)
            albums.append(album)
            songs.append(song)
    return Catalog(star, artists, albums, songs, genre)


async def graphql(
    client: AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {"query": query}
    if variables is not None:
        body["variables"] = variables
    return await client.post("/graphql", json=body, headers=headers or {})


async def data_of(
    client: AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    response = await graphql(client, query, variables, headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]
