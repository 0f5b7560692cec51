"""GET /songs: filters, sort orders (ties, nulls), q with literal % and _, pagination."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient

from tests.catalog.helpers import API, ids
from tests.factories.catalog import CatalogFactory


async def listed(client: AsyncClient, **params: Any) -> list[int]:
    response = await client.get(f"{API}/songs", params=params)
    assert response.status_code == 200, response.text
    return ids(response.json())


class TestSongFilters:
    async def test_each_filter(self, client: AsyncClient, catalog: CatalogFactory) -> None:
        main = await catalog.artist("Main")
        guest = await catalog.artist("Guest")
        jazz = await catalog.genre("Jazz")
        album = await catalog.album("Album", [main["id"]])
        short = await catalog.song("Short Blue", [main["id"]], duration_ms=1000, explicit=True)
        mid = await catalog.song(
            "Mid",
            [main["id"], guest["id"]],
            duration_ms=2000,
            album_id=album["id"],
            genre_ids=[jazz["id"]],
        )
        long = await catalog.song(
            "Long blue", [guest["id"]], duration_ms=3000, genre_ids=[jazz["id"]]
        )

        assert await listed(client) == [short["id"], mid["id"], long["id"]]
        assert await listed(client, q="BLUE") == [short["id"], long["id"]]
        assert await listed(client, artist_id=guest["id"]) == [mid["id"], long["id"]]
        assert await listed(client, album_id=album["id"]) == [mid["id"]]
        assert await listed(client, genre=jazz["id"]) == [mid["id"], long["id"]]
        assert await listed(client, min_duration_ms=2000) == [mid["id"], long["id"]]
        assert await listed(client, max_duration_ms=2000) == [short["id"], mid["id"]]
        assert await listed(client, min_duration_ms=2000, max_duration_ms=2000) == [mid["id"]]
        assert await listed(client, explicit=True) == [short["id"]]
        assert await listed(client, explicit=False) == [mid["id"], long["id"]]
        combined = await client.get(
            f"{API}/songs", params={"artist_id": guest["id"], "genre": jazz["id"], "q": "mid"}
        )
        assert ids(combined.json()) == [mid["id"]]
        assert combined.json()["total"] == 1

    async def test_q_treats_percent_and_underscore_literally(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        artist = await catalog.artist()
        percent = await catalog.song("100% Pure", [artist["id"]])
        underscore = await catalog.song("snake_case", [artist["id"]])
        slash = await catalog.song("AC/DC cover", [artist["id"]])
        await catalog.song("1000 Pure", [artist["id"]])
        await catalog.song("snakeXcase", [artist["id"]])
        assert await listed(client, q="0%") == [percent["id"]]
        assert await listed(client, q="%") == [percent["id"]]
        assert await listed(client, q="e_c") == [underscore["id"]]
        assert await listed(client, q="_") == [underscore["id"]]
        assert await listed(client, q="c/d") == [slash["id"]]
        assert await listed(client, q="  ") == await listed(client)

    async def test_unknown_filter_ids_give_an_empty_page(self, client: AsyncClient) -> None:
        body = (await client.get(f"{API}/songs", params={"artist_id": 5, "genre": 6})).json()
        assert (body["items"], body["total"]) == ([], 0)

    @pytest.mark.parametrize(
        "params",
        [
            {"min_duration_ms": -1},
            {"artist_id": 0},
            {"explicit": "maybe"},
            {"q": "x" * 201},
            {"genre": "jazz"},
        ],
    )
    async def test_invalid_filters_are_422(
        self, client: AsyncClient, params: dict[str, Any]
    ) -> None:
        assert (await client.get(f"{API}/songs", params=params)).status_code == 422


class TestSongSort:
    async def test_ties_are_broken_by_id_in_both_directions(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        artist = await catalog.artist()
        a = await catalog.song("Same", [artist["id"]], duration_ms=500)
        b = await catalog.song("Other", [artist["id"]], duration_ms=100)
        c = await catalog.song("Same", [artist["id"]], duration_ms=500)
        assert await listed(client, sort="title") == [b["id"], a["id"], c["id"]]
        assert await listed(client, sort="-title") == [a["id"], c["id"], b["id"]]
        assert await listed(client, sort="-duration_ms") == [a["id"], c["id"], b["id"]]
        assert await listed(client, sort="duration_ms,-title") == [b["id"], a["id"], c["id"]]

    async def test_release_date_puts_songs_without_one_last_both_ways(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        artist = await catalog.artist()
        old = await catalog.album("Old", [artist["id"]], release_date="1960-01-01")
        new = await catalog.album("New", [artist["id"]], release_date="2020-01-01")
        loose = await catalog.song("Loose", [artist["id"]])
        s_new = await catalog.song("N", [artist["id"]], album_id=new["id"])
        s_old = await catalog.song("O", [artist["id"]], album_id=old["id"])
        s_old2 = await catalog.song("O2", [artist["id"]], album_id=old["id"])
        assert await listed(client, sort="release_date") == [
            s_old["id"],
            s_old2["id"],
            s_new["id"],
            loose["id"],
        ]
        assert await listed(client, sort="-release_date") == [
            s_new["id"],
            s_old["id"],
            s_old2["id"],
            loose["id"],
        ]

    @pytest.mark.parametrize(
        "sort", ["like_count", "-play_count", "created_at", "-created_at,title"]
    )
    async def test_other_sort_fields(
        self, client: AsyncClient, catalog: CatalogFactory, sort: str
    ) -> None:
        artist = await catalog.artist()
        first = await catalog.song("A", [artist["id"]])
        second = await catalog.song("B", [artist["id"]])
        expected = (
            [second["id"], first["id"]]
            if sort.startswith("-created")
            else [first["id"], second["id"]]
        )
        assert await listed(client, sort=sort) == expected

    @pytest.mark.parametrize("sort", ["id", "artist", "title,title", "title,,", "+title"])
    async def test_unknown_sort_is_422(self, client: AsyncClient, sort: str) -> None:
        response = await client.get(f"{API}/songs", params={"sort": sort})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "sort"]


class TestSongPagination:
    async def test_pages_with_next_and_previous_links(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        artist = await catalog.artist()
        songs = [await catalog.song(f"S{i}", [artist["id"]]) for i in range(5)]
        first = (await client.get(f"{API}/songs", params={"limit": 2, "q": "s"})).json()
        assert ids(first) == [songs[0]["id"], songs[1]["id"]]
        assert (first["total"], first["limit"], first["offset"]) == (5, 2, 0)
        assert first["previous"] is None
        assert first["next"] == "http://testserver/api/v1/songs?q=s&offset=2&limit=2"
        second = (await client.get(first["next"])).json()
        assert ids(second) == [songs[2]["id"], songs[3]["id"]]
        assert second["previous"] == "http://testserver/api/v1/songs?q=s&offset=0&limit=2"
        last = (await client.get(second["next"])).json()
        assert ids(last) == [songs[4]["id"]]
        assert last["next"] is None

    async def test_offset_past_the_end_keeps_the_total(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        artist = await catalog.artist()
        for i in range(3):
            await catalog.song(f"S{i}", [artist["id"]])
        body = (await client.get(f"{API}/songs", params={"offset": 10})).json()
        assert (body["items"], body["total"], body["next"]) == ([], 3, None)
        assert body["previous"] == "http://testserver/api/v1/songs?offset=0&limit=20"

    @pytest.mark.parametrize(
        "params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "ten"}]
    )
    @pytest.mark.parametrize("path", ["/songs", "/artists", "/albums", "/genres"])
    async def test_limit_and_offset_out_of_range_are_422_not_clamped(
        self, client: AsyncClient, path: str, params: dict[str, Any]
    ) -> None:
        response = await client.get(API + path, params=params)
        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"

    async def test_limit_100_is_accepted(self, client: AsyncClient) -> None:
        body = (await client.get(f"{API}/songs", params={"limit": 100})).json()
        assert body["limit"] == 100
