"""Genres: unique names regardless of case, derived slugs, no deleting a linked genre."""

from __future__ import annotations

import pytest
from httpx import AsyncClient

from fastfm.catalog import tables as t
from fastfm.catalog.genres.service import slugify
from tests.catalog.helpers import API, ids, row_count
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import AuthedUser


class TestSlug:
    @pytest.mark.parametrize(
        ("name", "slug"),
        [
            ("Hip Hop", "hip-hop"),
            ("  Drum & Bass ", "drum-bass"),
            ("Música Popular Brasileira", "musica-popular-brasileira"),
            ("Rock'n'Roll", "rock-n-roll"),
            ("Straße", "strasse"),
            ("K-Pop!!", "k-pop"),
        ],
    )
    def test_lowercase_ascii_words_joined_by_dashes(self, name: str, slug: str) -> None:
        assert slugify(name) == slug

    def test_name_without_latin_letters_gets_a_stable_slug(self) -> None:
        assert slugify("演歌") == slugify("演歌")
        assert slugify("演歌").startswith("genre-")
        assert slugify("演歌") != slugify("民謡")


class TestCreateGenre:
    async def test_created_with_derived_slug_and_location(
        self, client: AsyncClient, admin: AuthedUser, profile: Profile
    ) -> None:
        response = await client.post(
            f"{API}/genres", json={"name": "  Bossa Nova  "}, headers=admin.headers
        )
        assert response.status_code == 201
        body = response.json()
        assert body == {"id": body["id"], "name": "Bossa Nova", "slug": "bossa-nova"}
        assert response.headers["location"].endswith(f"/api/v1/genres/{body['id']}")
        assert (await client.get(response.headers["location"])).json() == body
        assert await row_count(profile, t.genre) == 1

    @pytest.mark.parametrize("duplicate", ["jazz", "JAZZ", " Jazz "])
    async def test_duplicate_name_in_any_case_is_409(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        admin: AuthedUser,
        profile: Profile,
        duplicate: str,
    ) -> None:
        await catalog.genre("Jazz")
        response = await client.post(
            f"{API}/genres", json={"name": duplicate}, headers=admin.headers
        )
        assert response.status_code == 409
        assert response.json()["code"] == "genre_exists"
        assert await row_count(profile, t.genre) == 1

    async def test_name_with_the_same_slug_is_409(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        await catalog.genre("Hip Hop")
        response = await client.post(
            f"{API}/genres", json={"name": "Hip-Hop"}, headers=admin.headers
        )
        assert response.status_code == 409
        assert response.json()["code"] == "genre_exists"

    @pytest.mark.parametrize(
        "body",
        [{}, {"name": ""}, {"name": "   "}, {"name": "x" * 201}, {"name": "Jazz", "slug": "j"}],
    )
    async def test_invalid_body_is_422(
        self, client: AsyncClient, admin: AuthedUser, profile: Profile, body: dict[str, str]
    ) -> None:
        response = await client.post(f"{API}/genres", json=body, headers=admin.headers)
        assert response.status_code == 422
        assert await row_count(profile, t.genre) == 0


class TestListGenres:
    async def test_q_filters_by_name_case_insensitively(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        jazz = await catalog.genre("Jazz")
        acid = await catalog.genre("Acid Jazz")
        await catalog.genre("Blues")
        response = await client.get(f"{API}/genres", params={"q": "JAZ"})
        assert response.status_code == 200
        assert ids(response.json()) == [jazz["id"], acid["id"]]
        assert response.json()["total"] == 2

    async def test_sort_by_name_both_ways(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        names = ["Soul", "Ambient", "Funk"]
        for name in names:
            await catalog.genre(name)
        ascending = await client.get(f"{API}/genres", params={"sort": "name"})
        assert [g["name"] for g in ascending.json()["items"]] == sorted(names)
        descending = await client.get(f"{API}/genres", params={"sort": "-name"})
        assert [g["name"] for g in descending.json()["items"]] == sorted(names, reverse=True)

    async def test_unknown_sort_field_is_422(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/genres", params={"sort": "slug"})
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "sort"]


class TestGetGenre:
    async def test_unknown_is_404(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/genres/999")
        assert response.status_code == 404
        assert response.json() == {"detail": "Genre not found", "code": "genre_not_found"}


class TestUpdateGenre:
    async def test_rename_updates_slug(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        genre = await catalog.genre("Electronica")
        response = await client.patch(
            f"{API}/genres/{genre['id']}", json={"name": "Électro Pop"}, headers=admin.headers
        )
        assert response.status_code == 200
        assert response.json() == {"id": genre["id"], "name": "Électro Pop", "slug": "electro-pop"}
        assert (await client.get(f"{API}/genres/{genre['id']}")).json()["slug"] == "electro-pop"

    async def test_changing_only_the_case_of_its_own_name_is_allowed(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        genre = await catalog.genre("bossa nova")
        response = await client.patch(
            f"{API}/genres/{genre['id']}", json={"name": "Bossa Nova"}, headers=admin.headers
        )
        assert response.status_code == 200
        assert response.json()["name"] == "Bossa Nova"

    async def test_rename_to_another_genres_name_is_409(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        await catalog.genre("Soul")
        funk = await catalog.genre("Funk")
        response = await client.patch(
            f"{API}/genres/{funk['id']}", json={"name": "SOUL"}, headers=admin.headers
        )
        assert response.status_code == 409
        assert response.json()["code"] == "genre_exists"
        assert (await client.get(f"{API}/genres/{funk['id']}")).json()["name"] == "Funk"

    async def test_null_name_is_422(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        genre = await catalog.genre("Funk")
        response = await client.patch(
            f"{API}/genres/{genre['id']}", json={"name": None}, headers=admin.headers
        )
        assert response.status_code == 422

    async def test_unknown_is_404(self, client: AsyncClient, admin: AuthedUser) -> None:
        response = await client.patch(
            f"{API}/genres/999", json={"name": "X"}, headers=admin.headers
        )
        assert response.status_code == 404
        assert response.json()["code"] == "genre_not_found"


class TestDeleteGenre:
    async def test_unused_genre_is_deleted(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        genre = await catalog.genre("Funk")
        response = await client.delete(f"{API}/genres/{genre['id']}", headers=admin.headers)
        assert response.status_code == 204
        assert response.content == b""
        assert await row_count(profile, t.genre) == 0
        assert (await client.get(f"{API}/genres/{genre['id']}")).status_code == 404

    @pytest.mark.parametrize("linked_by", ["artist", "album", "song"])
    async def test_linked_genre_is_409_and_kept(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        admin: AuthedUser,
        profile: Profile,
        linked_by: str,
    ) -> None:
        genre = await catalog.genre("Funk")
        artist = await catalog.artist("James Brown")
        if linked_by == "artist":
            await client.patch(
                f"{API}/artists/{artist['id']}",
                json={"genre_ids": [genre["id"]]},
                headers=admin.headers,
            )
        elif linked_by == "album":
            await catalog.album("Live", [artist["id"]], genre_ids=[genre["id"]])
        else:
            await catalog.song("Sex Machine", [artist["id"]], genre_ids=[genre["id"]])
        response = await client.delete(f"{API}/genres/{genre['id']}", headers=admin.headers)
        assert response.status_code == 409
        assert response.json()["code"] == "genre_in_use"
        assert await row_count(profile, t.genre) == 1

    async def test_unknown_is_404(self, client: AsyncClient, admin: AuthedUser) -> None:
        response = await client.delete(f"{API}/genres/999", headers=admin.headers)
        assert response.status_code == 404
