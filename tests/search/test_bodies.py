"""A search hit reads exactly as its own endpoint answers it, for every kind.

On PostgreSQL the rank statement reads the page's bodies itself (one ``record[]`` per
kind); on SQLite they are loaded by ids. Either way an item must be the same JSON as the
detail endpoint's, nested lists, dates and timestamps included.
"""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.factories.catalog import CatalogFactory
from tests.factories.users import register_and_login
from tests.search.conftest import search


async def detail(client: AsyncClient, path: str, headers: dict[str, str] | None = None) -> Any:
    response = await client.get(f"/api/v1/{path}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_every_kind_reads_as_its_detail(client: AsyncClient, catalog: CatalogFactory) -> None:
    genre = await catalog.genre("Lantern Folk")
    singer = await catalog.artist("Lantern Keepers", genre_ids=[genre["id"]], bio="From the coast.")
    arranger = await catalog.artist("Quiet Arranger")
    album = await catalog.album(
        "Lantern Songs", [singer["id"]], genre_ids=[genre["id"]], release_date="2024-05-17"
    )
    song = await catalog.song(
        "Lantern Light",
        [singer["id"], arranger["id"]],
        album_id=album["id"],
        track_number=1,
        genre_ids=[genre["id"]],
        credits=[{"artist_id": arranger["id"], "role": "arranger"}],
        isrc="USRC17607839",
        explicit=True,
    )
    owner = await register_and_login(client, "lantern-owner")
    friend = await register_and_login(client, "lantern-friend")
    created = await client.post(
        "/api/v1/playlists",
        json={"name": "Lantern Nights", "description": "late", "is_public": True},
        headers=owner.headers,
    )
    assert created.status_code == 201
    playlist = created.json()
    shared = await client.put(
        f"/api/v1/playlists/{playlist['id']}/collaborators/{friend.id}", headers=owner.headers
    )
    assert shared.status_code == 204

    body = await search(client, "lantern")
    (song_hit,) = body["songs"]["items"]
    assert song_hit == await detail(client, f"songs/{song['id']}")
    assert [c["role"] for c in song_hit["credits"]] == ["arranger"]
    assert [g["name"] for g in song_hit["genres"]] == ["Lantern Folk"]
    assert len(song_hit["artists"]) == 2
    assert body["artists"]["items"][0] == await detail(client, f"artists/{singer['id']}")
    album_detail = await detail(client, f"albums/{album['id']}")
    album_detail.pop("tracks")  # search lists albums as lists do: without their tracks
    assert body["albums"]["items"] == [album_detail]
    assert body["genres"]["items"] == [await detail(client, f"genres/{genre['id']}")]
    (playlist_hit,) = body["playlists"]["items"]
    playlist_detail = await detail(client, f"playlists/{playlist['id']}", owner.headers)
    assert {k: playlist_detail[k] for k in playlist_hit} == playlist_hit
    assert [c["username"] for c in playlist_hit["collaborators"]] == ["lantern-friend"]


async def test_a_later_page_has_the_bodies_of_its_own_ids(
    client: AsyncClient, catalog: CatalogFactory
) -> None:
    artist = await catalog.artist("Tide Band")
    made = [await catalog.song(f"Tide {i}", [artist["id"]]) for i in range(5)]
    pages = [
        await search(client, "tide", type="song,artist", limit=2, offset=offset)
        for offset in (0, 2, 4)
    ]
    seen = [item["id"] for page in pages for item in page["songs"]["items"]]
    assert seen == [song["id"] for song in made]
    assert [len(page["artists"]["items"]) for page in pages] == [1, 0, 0]
    assert all(page["artists"]["total"] == 1 for page in pages)
