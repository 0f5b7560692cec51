"""Catalog data for tests: through the API (as an admin), or in bulk through the services.

catalog = CatalogFactory(client, admin.headers)
nina = await catalog.artist("Nina Simone")
album = await catalog.album("Pastel Blues", [nina["id"]], release_date="1965-10-01")
song = await catalog.song("Sinnerman", [nina["id"]], album_id=album["id"])

song_ids = await bulk_songs(profile, 100)   # many songs fast, committed
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from httpx import AsyncClient

from fastfm.catalog.albums import service as album_service
from fastfm.catalog.albums.schemas import AlbumCreate
from fastfm.catalog.artists import service as artist_service
from fastfm.catalog.artists.schemas import ArtistCreate
from fastfm.catalog.credits.schemas import CreditWrite
from fastfm.catalog.songs import service as song_service
from fastfm.catalog.songs.schemas import SongCreate
from tests.conftest import Profile

API = "/api/v1"


@dataclass
class CatalogFactory:
    """Creates catalog entities through the API with an admin's headers (asserts 201)."""

    client: AsyncClient
    headers: dict[str, str]

    async def _create(self, resource: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await self.client.post(f"{API}/{resource}", json=body, headers=self.headers)
        assert response.status_code == 201, response.text
        created: dict[str, Any] = response.json()
        return created

    async def genre(self, name: str = "Jazz") -> dict[str, Any]:
        return await self._create("genres", {"name": name})

    async def artist(self, name: str = "Nina Simone", **fields: Any) -> dict[str, Any]:
        return await self._create("artists", {"name": name, **fields})

    async def album(
        self, title: str = "Pastel Blues", artist_ids: list[int] | None = None, **fields: Any
    ) -> dict[str, Any]:
        if artist_ids is None:
            artist_ids = [(await self.artist())["id"]]
        return await self._create("albums", {"title": title, "artist_ids": artist_ids, **fields})

    async def song(
        self,
        title: str = "Sinnerman",
        artist_ids: list[int] | None = None,
        *,
        duration_ms: int = 180_000,
        **fields: Any,
    ) -> dict[str, Any]:
        if artist_ids is None:
            artist_ids = [(await self.artist())["id"]]
        body = {"title": title, "artist_ids": artist_ids, "duration_ms": duration_ms, **fields}
        return await self._create("songs", body)


async def bulk_songs(
    profile: Profile,
    count: int,
    *,
    artists: int = 3,
    with_album: bool = True,
    title: str = "Song",
) -> list[int]:
    """``count`` songs (in one album unless told otherwise) through the services, committed.

    Each song has two performing artists, so reads exercise the aggregated links.
    """
    async with profile.session() as session, session.begin():
        artist_ids = [
            await artist_service.create_artist(session, ArtistCreate(name=f"Artist {i}"))
            for i in range(max(artists, 2))
        ]
        album_id = None
        if with_album:
            album_id = await album_service.create_album(
                session,
                AlbumCreate(title="Bulk", artist_ids=artist_ids[:1], release_date=date(2001, 2, 3)),
            )
        song_ids = []
        for i in range(count):
            performers = [artist_ids[i % len(artist_ids)], artist_ids[(i + 1) % len(artist_ids)]]
            body = SongCreate(
                title=f"{title} {i:04d}",
                duration_ms=1000 + i,
                artist_ids=performers,
                album_id=album_id,
                track_number=i + 1,
                credits=[CreditWrite(artist_id=performers[0], role="producer")],
            )
            song_ids.append(await song_service.create_song(session, body))
    return song_ids
