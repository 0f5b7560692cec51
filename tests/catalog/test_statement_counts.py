"""No N+1: every list and the song loader run a fixed number of statements per request."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from httpx import AsyncClient

from fastfm.catalog.albums import service as album_service
from fastfm.catalog.albums.schemas import AlbumCreate
from fastfm.catalog.artists import service as artist_service
from fastfm.catalog.artists.schemas import ArtistCreate
from fastfm.catalog.credits.schemas import CreditWrite
from fastfm.catalog.genres import service as genre_service
from fastfm.catalog.genres.schemas import GenreCreate
from fastfm.catalog.songs import service as song_service
from fastfm.catalog.songs.reads import load_song_bodies, load_songs
from fastfm.catalog.songs.schemas import SongCreate, SongRead
from fastfm.db.reads import open_reader, session_reader
from tests.catalog.helpers import API
from tests.conftest import Profile
from tests.statements import counting

ROWS = 101


@dataclass
class Seeded:
    artist: int
    genre: int
    songs: list[int]


async def seed(profile: Profile) -> Seeded:
    """ROWS genres, artists, albums and songs, every one linked, all sharing one artist."""
    async with profile.session() as session, session.begin():
        genres = [
            (await genre_service.create_genre(session, GenreCreate(name=f"Genre {i}"))).id
            for i in range(ROWS)
        ]
        artists = [
            await artist_service.create_artist(
                session,
                ArtistCreate(
                    name=f"Artist {i}", genre_ids=[genres[0], genres[i]] if i else [genres[0]]
                ),
            )
            for i in range(ROWS)
        ]
        star = artists[0]
        albums = [
            await album_service.create_album(
                session,
                AlbumCreate(
                    title=f"Album {i}",
                    artist_ids=[artists[i], star] if i else [star],
                    genre_ids=[genres[0]],
                ),
            )
            for i in range(ROWS)
        ]
        songs = [
            await song_service.create_song(
                session,
                SongCreate(
                    title=f"Song {i}",
                    duration_ms=1000 + i,
                    album_id=albums[i],
                    artist_ids=[artists[i], star] if i else [star],
                    genre_ids=[genres[0], genres[i]] if i else [genres[0]],
                    credits=[
                        CreditWrite(artist_id=star, role="producer"),
                        CreditWrite(artist_id=artists[i], role="composer"),
                    ],
                ),
            )
            for i in range(ROWS)
        ]
    return Seeded(artist=star, genre=genres[0], songs=songs)


LISTS = [
    "/songs",
    "/songs?sort=-release_date,title",
    "/songs?q=song",
    "/songs?artist_id={artist}",
    "/songs?genre={genre}&min_duration_ms=1000",
    "/artists",
    "/artists?genre={genre}&sort=-name",
    "/albums",
    "/albums?artist_id={artist}&q=album",
    "/genres?q=genre&sort=name",
    "/artists/{artist}/songs",
    "/artists/{artist}/albums",
    "/artists/{artist}/credits",
]


async def test_every_list_runs_the_same_statements_for_1_or_100_items(
    client: AsyncClient, profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded = await seed(profile)
    for path in LISTS:
        url = API + path.format(artist=seeded.artist, genre=seeded.genre)
        # Not counted: the first request of a filter counts its total once per catalog
        # revision on PostgreSQL (see test_kept_totals); the page size must not matter.
        assert (await client.get(url)).status_code == 200
        counts = []
        for limit in (1, 100):
            with counting(profile, monkeypatch) as counter:
                response = await client.get(url, params={"limit": limit})
            assert response.status_code == 200, (url, response.text)
            assert len(response.json()["items"]) == limit, url
            counts.append(counter.statements)
        assert counts[0] == counts[1], (url, counts)
        assert 1 <= counts[0] <= 2, (url, counts)


async def test_details_run_one_statement(
    client: AsyncClient, profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded = await seed(profile)
    song = seeded.songs[5]
    album = (await client.get(f"{API}/songs/{song}")).json()["album"]["id"]
    for path in (
        f"/songs/{song}",
        f"/albums/{album}",
        f"/songs/{song}/credits",
        f"/artists/{seeded.artist}",
        f"/genres/{seeded.genre}",
    ):
        with counting(profile, monkeypatch) as counter:
            response = await client.get(API + path)
        assert response.status_code == 200
        assert counter.statements == 1, (path, counter.statements)


class TestSongLoader:
    async def test_fixed_statements_for_any_number_of_ids(
        self, client: AsyncClient, profile: Profile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        seeded = await seed(profile)
        counts = []
        for ids in (seeded.songs[:1], seeded.songs):
            async with open_reader(profile.engine) as reader:
                with counting(profile, monkeypatch) as counter:
                    bodies = await load_song_bodies(reader, ids)
            assert sorted(bodies) == sorted(ids)
            counts.append(counter.statements)
        assert counts == [1, 1]

    async def test_models_from_a_session_unknown_ids_absent(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        seeded = await seed(profile)
        wanted = [seeded.songs[3], 10**6, seeded.songs[3], seeded.songs[0]]
        async with profile.session() as session:
            songs = await load_songs(session_reader(session), wanted)
        assert set(songs) == {seeded.songs[3], seeded.songs[0]}
        song = songs[seeded.songs[3]]
        assert isinstance(song, SongRead)
        api_body = (await client.get(f"{API}/songs/{song.id}")).json()
        assert song.model_dump(mode="json") == api_body
        async with profile.session() as session:
            assert await load_songs(session_reader(session), []) == {}
