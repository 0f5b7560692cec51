"""Albums: create, read with tracks, update (songs follow the release date), delete, lists."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from fastfm.catalog import tables as t
from tests.catalog.helpers import API, catalog_counts, ids, row_count
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import AuthedUser


class TestCreateAlbum:
    async def test_created_with_ordered_artists_and_no_tracks(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        first = await catalog.artist("Zed")
        second = await catalog.artist("Amy")
        jazz = await catalog.genre("Jazz")
        response = await client.post(
            f"{API}/albums",
            json={
                "title": " Duets ",
                "album_type": "ep",
                "release_date": "2001-02-03",
                "artist_ids": [first["id"], second["id"]],
                "genre_ids": [jazz["id"]],
            },
            headers=admin.headers,
        )
        assert response.status_code == 201
        body = response.json()
        assert body["title"] == "Duets"
        assert body["album_type"] == "ep"
        assert body["release_date"] == "2001-02-03"
        assert body["artists"] == [
            {"id": first["id"], "name": "Zed"},
            {"id": second["id"], "name": "Amy"},
        ]
        assert body["genres"] == [jazz]
        assert (body["track_count"], body["total_duration_ms"]) == (0, 0)
        assert response.headers["location"].endswith(f"/api/v1/albums/{body['id']}")
        detail = (await client.get(response.headers["location"])).json()
        assert detail == {**body, "tracks": []}

    @pytest.mark.parametrize(
        ("field", "extra"),
        [("artist_ids", {"artist_ids": [999]}), ("genre_ids", {"genre_ids": [999]})],
    )
    async def test_unknown_id_is_422_naming_the_field_and_nothing_written(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        admin: AuthedUser,
        profile: Profile,
        field: str,
        extra: dict[str, list[int]],
    ) -> None:
        artist = await catalog.artist()
        before = await catalog_counts(profile)
        body = {"title": "A", "artist_ids": [artist["id"]], **extra}
        response = await client.post(f"{API}/albums", json=body, headers=admin.headers)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", field]
        assert await catalog_counts(profile) == before

    @pytest.mark.parametrize(
        "body",
        [
            {"title": "A", "artist_ids": []},
            {"title": "A", "artist_ids": [1, 1]},
            {"title": "A"},
            {"title": "", "artist_ids": [1]},
            {"title": "A", "artist_ids": [1], "album_type": "mixtape"},
            {"title": "A", "artist_ids": [1], "release_date": "2001-13-01"},
            {"title": "A", "artist_ids": [1], "track_count": 3},
        ],
    )
    async def test_invalid_body_is_422(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        admin: AuthedUser,
        profile: Profile,
        body: dict[str, object],
    ) -> None:
        await catalog.artist()
        response = await client.post(f"{API}/albums", json=body, headers=admin.headers)
        assert response.status_code == 422
        assert await row_count(profile, t.album) == 0


class TestAlbumTracks:
    async def test_tracks_in_disc_then_track_order_with_unnumbered_last(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        nina = await catalog.artist("Nina")
        guest = await catalog.artist("Guest")
        album = await catalog.album("Live", [nina["id"]])
        a = await catalog.song(
            "A", [nina["id"]], album_id=album["id"], disc_number=2, track_number=1
        )
        b = await catalog.song("B", [nina["id"]], album_id=album["id"], track_number=2)
        c = await catalog.song(
            "C", [guest["id"], nina["id"]], album_id=album["id"], track_number=1, duration_ms=5
        )
        d = await catalog.song("D", [nina["id"]], album_id=album["id"])
        tracks = (await client.get(f"{API}/albums/{album['id']}")).json()["tracks"]
        assert [x["song"]["id"] for x in tracks] == [c["id"], b["id"], d["id"], a["id"]]
        assert tracks[0] == {
            "disc_number": 1,
            "track_number": 1,
            "song": {
                "id": c["id"],
                "title": "C",
                "duration_ms": 5,
                "artists": [
                    {"id": guest["id"], "name": "Guest"},
                    {"id": nina["id"], "name": "Nina"},
                ],
            },
        }
        assert tracks[2]["track_number"] is None

    async def test_unknown_is_404(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/albums/77")
        assert response.status_code == 404
        assert response.json()["code"] == "album_not_found"


class TestUpdateAlbum:
    async def test_release_date_is_copied_to_its_songs(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        album = await catalog.album("A", release_date="2000-01-01")
        song = await catalog.song("S", album_id=album["id"])
        other = await catalog.song("Loose")
        assert song["release_date"] == "2000-01-01"
        response = await client.patch(
            f"{API}/albums/{album['id']}",
            json={"release_date": "1999-12-31"},
            headers=admin.headers,
        )
        assert response.status_code == 200
        assert response.json()["release_date"] == "1999-12-31"
        assert (await client.get(f"{API}/songs/{song['id']}")).json()[
            "release_date"
        ] == "1999-12-31"
        assert (await client.get(f"{API}/songs/{other['id']}")).json()["release_date"] is None
        cleared = await client.patch(
            f"{API}/albums/{album['id']}", json={"release_date": None}, headers=admin.headers
        )
        assert cleared.json()["release_date"] is None
        assert (await client.get(f"{API}/songs/{song['id']}")).json()["release_date"] is None

    async def test_artists_and_genres_are_replaced(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        a = await catalog.artist("A")
        b = await catalog.artist("B")
        jazz = await catalog.genre("Jazz")
        album = await catalog.album("X", [a["id"]], genre_ids=[jazz["id"]])
        response = await client.patch(
            f"{API}/albums/{album['id']}",
            json={"artist_ids": [b["id"], a["id"]], "genre_ids": [], "title": "Y"},
            headers=admin.headers,
        )
        body = response.json()
        assert [x["id"] for x in body["artists"]] == [b["id"], a["id"]]
        assert body["genres"] == []
        assert body["title"] == "Y"
        assert await row_count(profile, t.album_genre) == 0

    async def test_unknown_artist_is_422_and_nothing_changes(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        album = await catalog.album("X")
        response = await client.patch(
            f"{API}/albums/{album['id']}",
            json={"title": "Changed", "artist_ids": [123456]},
            headers=admin.headers,
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "artist_ids"]
        after = (await client.get(f"{API}/albums/{album['id']}")).json()
        assert after == {**album, "tracks": []}

    @pytest.mark.parametrize("body", [{"title": None}, {"artist_ids": None}, {"artist_ids": []}])
    async def test_required_fields_cannot_be_cleared(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        admin: AuthedUser,
        body: dict[str, object],
    ) -> None:
        album = await catalog.album("X")
        response = await client.patch(
            f"{API}/albums/{album['id']}", json=body, headers=admin.headers
        )
        assert response.status_code == 422

    async def test_unknown_is_404(self, client: AsyncClient, admin: AuthedUser) -> None:
        response = await client.patch(f"{API}/albums/5", json={"title": "X"}, headers=admin.headers)
        assert response.status_code == 404


class TestDeleteAlbum:
    async def test_album_without_songs_is_deleted_with_its_links(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        jazz = await catalog.genre("Jazz")
        album = await catalog.album("X", genre_ids=[jazz["id"]])
        response = await client.delete(f"{API}/albums/{album['id']}", headers=admin.headers)
        assert response.status_code == 204
        assert await row_count(profile, t.album) == 0
        assert await row_count(profile, t.album_artist) == 0
        assert await row_count(profile, t.album_genre) == 0
        assert await row_count(profile, t.artist) == 1

    async def test_album_with_songs_is_409_and_nothing_deleted(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        album = await catalog.album("X")
        await catalog.song("S", album_id=album["id"])
        before = await catalog_counts(profile)
        response = await client.delete(f"{API}/albums/{album['id']}", headers=admin.headers)
        assert response.status_code == 409
        assert response.json()["code"] == "album_in_use"
        assert await catalog_counts(profile) == before

    async def test_unknown_is_404(self, client: AsyncClient, admin: AuthedUser) -> None:
        response = await client.delete(f"{API}/albums/5", headers=admin.headers)
        assert response.status_code == 404


class TestListAlbums:
    async def test_filters(self, client: AsyncClient, catalog: CatalogFactory) -> None:
        main = await catalog.artist("Main")
        guest = await catalog.artist("Guest")
        rock = await catalog.genre("Rock")
        first = await catalog.album(
            "Blue Train",
            [main["id"], guest["id"]],
            release_date="1957-09-15",
            genre_ids=[rock["id"]],
        )
        second = await catalog.album("Blue Moon", [main["id"]], release_date="1958-01-01")
        third = await catalog.album("Red", [guest["id"]], release_date="1957-12-31")

        async def listed(**params: object) -> list[int]:
            return ids((await client.get(f"{API}/albums", params=params)).json())

        assert await listed(q="BLUE") == [first["id"], second["id"]]
        assert await listed(artist_id=guest["id"]) == [first["id"], third["id"]]
        assert await listed(genre=rock["id"]) == [first["id"]]
        assert await listed(year=1957) == [first["id"], third["id"]]
        assert await listed(year=1958, q="blue") == [second["id"]]
        assert await listed(year=2000) == []

    async def test_sort_by_release_date_puts_undated_last_both_ways(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        artist = await catalog.artist()
        undated = await catalog.album("U", [artist["id"]])
        old = await catalog.album("O", [artist["id"]], release_date="1960-01-01")
        new = await catalog.album("N", [artist["id"]], release_date="2020-01-01")
        tie = await catalog.album("T", [artist["id"]], release_date="1960-01-01")
        asc = await client.get(f"{API}/albums", params={"sort": "release_date"})
        assert ids(asc.json()) == [old["id"], tie["id"], new["id"], undated["id"]]
        desc = await client.get(f"{API}/albums", params={"sort": "-release_date"})
        assert ids(desc.json()) == [new["id"], old["id"], tie["id"], undated["id"]]

    @pytest.mark.parametrize("params", [{"year": 0}, {"year": 10000}, {"sort": "track_count"}])
    async def test_invalid_parameters_are_422(
        self, client: AsyncClient, params: dict[str, object]
    ) -> None:
        assert (await client.get(f"{API}/albums", params=params)).status_code == 422
