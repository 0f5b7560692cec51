"""Artists: create, read, update, delete, lists, and what still refers to them."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from fastfm.catalog import tables as t
from tests.catalog.helpers import API, catalog_counts, ids, row_count
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import AuthedUser


class TestCreateArtist:
    async def test_created_with_genres_and_location(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        soul = await catalog.genre("Soul")
        jazz = await catalog.genre("Jazz")
        response = await client.post(
            f"{API}/artists",
            json={
                "name": "  Nina Simone ",
                "bio": " Singer ",
                "image_url": "https://img.example/nina.jpg",
                "genre_ids": [soul["id"], jazz["id"]],
            },
            headers=admin.headers,
        )
        assert response.status_code == 201
        body = response.json()
        assert body["name"] == "Nina Simone"
        assert body["bio"] == "Singer"
        assert body["image_url"] == "https://img.example/nina.jpg"
        assert [g["name"] for g in body["genres"]] == ["Jazz", "Soul"]
        assert body["follower_count"] == 0
        assert body["created_at"] == body["updated_at"]
        assert body["created_at"].endswith("Z")
        assert response.headers["location"].endswith(f"/api/v1/artists/{body['id']}")
        assert (await client.get(f"{API}/artists/{body['id']}")).json() == body
        assert await row_count(profile, t.artist_genre) == 2

    async def test_unknown_genre_id_is_422_and_nothing_written(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        soul = await catalog.genre("Soul")
        before = await catalog_counts(profile)
        response = await client.post(
            f"{API}/artists",
            json={"name": "Nina", "genre_ids": [soul["id"], 999]},
            headers=admin.headers,
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "genre_ids"]
        assert "999" in response.json()["detail"][0]["msg"]
        assert await catalog_counts(profile) == before

    @pytest.mark.parametrize(
        "body",
        [
            {"name": ""},
            {"name": "  "},
            {"name": "x" * 201},
            {"name": "A", "bio": "x" * 2001},
            {"name": "A", "image_url": "not a url"},
            {"name": "A", "genre_ids": [1, 1]},
            {"name": "A", "follower_count": 5},
            {"name": "A", "id": 5},
        ],
    )
    async def test_invalid_body_is_422(
        self, client: AsyncClient, admin: AuthedUser, profile: Profile, body: dict[str, object]
    ) -> None:
        response = await client.post(f"{API}/artists", json=body, headers=admin.headers)
        assert response.status_code == 422
        assert await row_count(profile, t.artist) == 0


class TestGetArtist:
    async def test_unknown_is_404(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/artists/12345")
        assert response.status_code == 404
        assert response.json()["code"] == "artist_not_found"

    async def test_id_outside_the_id_range_is_422(self, client: AsyncClient) -> None:
        assert (await client.get(f"{API}/artists/0")).status_code == 422
        assert (await client.get(f"{API}/artists/{2**31}")).status_code == 422


class TestUpdateArtist:
    async def test_changes_only_given_fields_and_replaces_genres(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        soul = await catalog.genre("Soul")
        jazz = await catalog.genre("Jazz")
        artist = await catalog.artist("Nina", bio="Singer", genre_ids=[soul["id"]])
        response = await client.patch(
            f"{API}/artists/{artist['id']}",
            json={"name": "Nina Simone", "genre_ids": [jazz["id"]]},
            headers=admin.headers,
        )
        assert response.status_code == 200
        body = response.json()
        assert body["name"] == "Nina Simone"
        assert body["bio"] == "Singer"
        assert [g["id"] for g in body["genres"]] == [jazz["id"]]
        assert body["updated_at"] > artist["updated_at"]
        assert body["created_at"] == artist["created_at"]

    async def test_null_clears_optional_fields_but_not_the_name(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        artist = await catalog.artist("Nina", bio="Singer")
        cleared = await client.patch(
            f"{API}/artists/{artist['id']}", json={"bio": None}, headers=admin.headers
        )
        assert cleared.status_code == 200
        assert cleared.json()["bio"] is None
        refused = await client.patch(
            f"{API}/artists/{artist['id']}", json={"name": None}, headers=admin.headers
        )
        assert refused.status_code == 422

    async def test_unknown_genre_is_422_and_nothing_changes(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        soul = await catalog.genre("Soul")
        artist = await catalog.artist("Nina", genre_ids=[soul["id"]])
        response = await client.patch(
            f"{API}/artists/{artist['id']}",
            json={"name": "Changed", "genre_ids": [404]},
            headers=admin.headers,
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "genre_ids"]
        assert (await client.get(f"{API}/artists/{artist['id']}")).json() == artist

    async def test_unknown_is_404(self, client: AsyncClient, admin: AuthedUser) -> None:
        response = await client.patch(
            f"{API}/artists/99", json={"name": "X"}, headers=admin.headers
        )
        assert response.status_code == 404


class TestDeleteArtist:
    async def test_unreferenced_artist_is_deleted_with_its_genre_links(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        soul = await catalog.genre("Soul")
        artist = await catalog.artist("Nina", genre_ids=[soul["id"]])
        response = await client.delete(f"{API}/artists/{artist['id']}", headers=admin.headers)
        assert response.status_code == 204
        assert await row_count(profile, t.artist) == 0
        assert await row_count(profile, t.artist_genre) == 0
        assert await row_count(profile, t.genre) == 1

    @pytest.mark.parametrize("referenced_by", ["song", "featured_on_song", "album", "credit"])
    async def test_referenced_artist_is_409_and_nothing_deleted(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        admin: AuthedUser,
        profile: Profile,
        referenced_by: str,
    ) -> None:
        artist = await catalog.artist("Nina")
        other = await catalog.artist("Other")
        if referenced_by == "song":
            await catalog.song("S", [artist["id"]])
        elif referenced_by == "featured_on_song":
            await catalog.song("S", [other["id"], artist["id"]])
        elif referenced_by == "album":
            await catalog.album("A", [other["id"], artist["id"]])
        else:
            await catalog.song(
                "S", [other["id"]], credits=[{"artist_id": artist["id"], "role": "composer"}]
            )
        before = await catalog_counts(profile)
        response = await client.delete(f"{API}/artists/{artist['id']}", headers=admin.headers)
        assert response.status_code == 409
        assert response.json()["code"] == "artist_in_use"
        assert await catalog_counts(profile) == before

    async def test_unknown_is_404(self, client: AsyncClient, admin: AuthedUser) -> None:
        response = await client.delete(f"{API}/artists/99", headers=admin.headers)
        assert response.status_code == 404
        assert response.json()["code"] == "artist_not_found"


class TestListArtists:
    async def test_default_order_is_by_id_with_envelope(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        created = [await catalog.artist(name) for name in ("Zed", "Amy", "Moe")]
        response = await client.get(f"{API}/artists")
        body = response.json()
        assert ids(body) == [a["id"] for a in created]
        assert body["total"] == 3
        assert (body["limit"], body["offset"], body["next"], body["previous"]) == (
            20,
            0,
            None,
            None,
        )

    async def test_q_and_genre_filters(self, client: AsyncClient, catalog: CatalogFactory) -> None:
        soul = await catalog.genre("Soul")
        nina = await catalog.artist("Nina Simone", genre_ids=[soul["id"]])
        await catalog.artist("Nina Hagen")
        await catalog.artist("Aretha", genre_ids=[soul["id"]])
        both = await client.get(f"{API}/artists", params={"q": "nina", "genre": soul["id"]})
        assert ids(both.json()) == [nina["id"]]
        assert both.json()["total"] == 1
        by_name = await client.get(f"{API}/artists", params={"q": "NINA"})
        assert by_name.json()["total"] == 2

    async def test_sort_by_name_with_ties_broken_by_id(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        b1 = await catalog.artist("B")
        a = await catalog.artist("A")
        b2 = await catalog.artist("B")
        asc = await client.get(f"{API}/artists", params={"sort": "name"})
        assert ids(asc.json()) == [a["id"], b1["id"], b2["id"]]
        desc = await client.get(f"{API}/artists", params={"sort": "-name"})
        assert ids(desc.json()) == [b1["id"], b2["id"], a["id"]]

    @pytest.mark.parametrize("sort", ["created_at", "-created_at", "follower_count,-name"])
    async def test_accepted_sort_fields(self, client: AsyncClient, sort: str) -> None:
        assert (await client.get(f"{API}/artists", params={"sort": sort})).status_code == 200

    @pytest.mark.parametrize("sort", ["bio", "id", "name,name", "-"])
    async def test_other_sort_fields_are_422(self, client: AsyncClient, sort: str) -> None:
        response = await client.get(f"{API}/artists", params={"sort": sort})
        assert response.status_code == 422
