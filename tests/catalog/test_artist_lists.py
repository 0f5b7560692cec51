"""An artist's albums, songs (any performing position) and credits."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from tests.catalog.helpers import API, ids
from tests.factories.catalog import CatalogFactory


class TestArtistSongs:
    async def test_songs_where_the_artist_performs_in_any_position(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        nina = await catalog.artist("Nina")
        other = await catalog.artist("Other")
        primary = await catalog.song("Primary", [nina["id"]])
        featured = await catalog.song("Featured", [other["id"], nina["id"]])
        await catalog.song("Not hers", [other["id"]])
        await catalog.song(
            "Credited only", [other["id"]], credits=[{"artist_id": nina["id"], "role": "composer"}]
        )
        response = await client.get(f"{API}/artists/{nina['id']}/songs")
        assert response.status_code == 200
        assert ids(response.json()) == [primary["id"], featured["id"]]
        assert response.json()["total"] == 2
        via_filter = await client.get(f"{API}/songs", params={"artist_id": nina["id"]})
        assert via_filter.json()["items"] == response.json()["items"]
        titles = await client.get(f"{API}/artists/{nina['id']}/songs", params={"sort": "title"})
        assert ids(titles.json()) == [featured["id"], primary["id"]]

    async def test_artist_without_songs_is_an_empty_page(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        artist = await catalog.artist("Quiet")
        body = (await client.get(f"{API}/artists/{artist['id']}/songs")).json()
        assert (body["items"], body["total"]) == ([], 0)

    @pytest.mark.parametrize("what", ["songs", "albums", "credits"])
    async def test_unknown_artist_is_404(self, client: AsyncClient, what: str) -> None:
        response = await client.get(f"{API}/artists/404/{what}")
        assert response.status_code == 404
        assert response.json()["code"] == "artist_not_found"


class TestArtistAlbums:
    async def test_albums_where_the_artist_is_any_album_artist(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        nina = await catalog.artist("Nina")
        other = await catalog.artist("Other")
        own = await catalog.album("Own", [nina["id"]], release_date="1960-01-01")
        guest = await catalog.album("Guest", [other["id"], nina["id"]], release_date="1970-01-01")
        await catalog.album("Not hers", [other["id"]])
        response = await client.get(f"{API}/artists/{nina['id']}/albums")
        assert ids(response.json()) == [own["id"], guest["id"]]
        newest = await client.get(
            f"{API}/artists/{nina['id']}/albums", params={"sort": "-release_date"}
        )
        assert ids(newest.json()) == [guest["id"], own["id"]]


class TestArtistCredits:
    async def test_credits_by_song_with_role_and_detail(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        quincy = await catalog.artist("Quincy")
        singer = await catalog.artist("Singer")
        first = await catalog.song(
            "First",
            [singer["id"]],
            credits=[
                {"artist_id": quincy["id"], "role": "producer"},
                {"artist_id": quincy["id"], "role": "arranger", "detail": "horns"},
            ],
        )
        second = await catalog.song(
            "Second", [singer["id"]], credits=[{"artist_id": quincy["id"], "role": "composer"}]
        )
        await catalog.song(
            "Other", [singer["id"]], credits=[{"artist_id": singer["id"], "role": "lyricist"}]
        )
        body = (
            await client.get(f"{API}/artists/{quincy['id']}/credits", params={"limit": 2})
        ).json()
        assert body["total"] == 3
        assert body["items"] == [
            {
                "song": {
                    "id": first["id"],
                    "title": "First",
                    "duration_ms": first["duration_ms"],
                    "artists": [{"id": singer["id"], "name": "Singer"}],
                },
                "role": "producer",
                "detail": None,
            },
            {
                "song": {
                    "id": first["id"],
                    "title": "First",
                    "duration_ms": first["duration_ms"],
                    "artists": [{"id": singer["id"], "name": "Singer"}],
                },
                "role": "arranger",
                "detail": "horns",
            },
        ]
        assert body["next"] is not None
        rest = (await client.get(body["next"])).json()
        assert [(x["song"]["id"], x["role"]) for x in rest["items"]] == [(second["id"], "composer")]
        assert rest["next"] is None
