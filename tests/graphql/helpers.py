"""GraphQL test helpers: a small linked catalog, a query call, a statement counter."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
import pytest
from httpx import AsyncClient, Response
from sqlalchemy import event

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


@dataclass
class Counter:
    statements: int = 0


@contextmanager
def counting(profile: Profile, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter]:
    """Counts statements sent through SQLAlchemy and those sent straight to asyncpg."""
    counter = Counter()

    def on_execute(*_: Any) -> None:
        counter.statements += 1

    original_fetch = asyncpg.Connection.fetch

    async def fetch(self: asyncpg.Connection, *args: Any, **kwargs: Any) -> Any:
        counter.statements += 1
        return await original_fetch(self, *args, **kwargs)

    monkeypatch.setattr(asyncpg.Connection, "fetch", fetch)
    event.listen(profile.engine.sync_engine, "before_cursor_execute", on_execute)
    try:
        yield counter
    finally:
        event.remove(profile.engine.sync_engine, "before_cursor_execute", on_execute)
        monkeypatch.setattr(asyncpg.Connection, "fetch", original_fetch)
