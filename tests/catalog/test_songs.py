"""Songs: create, read, update, delete, credits; every reference checked before writing."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import tables as t
from fastfm.catalog.songs import hooks
from tests.catalog.helpers import API, catalog_counts, row_count
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import AuthedUser


class TestCreateSong:
    async def test_full_body(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        nina = await catalog.artist("Nina")
        quincy = await catalog.artist("Quincy")
        jazz = await catalog.genre("Jazz")
        blues = await catalog.genre("Blues")
        album = await catalog.album("Pastel", [nina["id"]], release_date="1965-10-01")
        response = await client.post(
            f"{API}/songs",
            json={
                "title": " Sinnerman ",
                "duration_ms": 622000,
                "explicit": True,
                "isrc": "uspr36500123",
                "album_id": album["id"],
                "disc_number": 1,
                "track_number": 5,
                "artist_ids": [quincy["id"], nina["id"]],
                "genre_ids": [jazz["id"], blues["id"]],
                "credits": [
                    {"artist_id": quincy["id"], "role": "producer"},
                    {"artist_id": nina["id"], "role": "performer", "detail": " piano "},
                ],
            },
            headers=admin.headers,
        )
        assert response.status_code == 201
        body = response.json()
        assert body == {
            "id": body["id"],
            "title": "Sinnerman",
            "duration_ms": 622000,
            "explicit": True,
            "isrc": "USPR36500123",
            "album": {"id": album["id"], "title": "Pastel"},
            "disc_number": 1,
            "track_number": 5,
            "release_date": "1965-10-01",
            "artists": [{"id": quincy["id"], "name": "Quincy"}, {"id": nina["id"], "name": "Nina"}],
            "genres": [blues, jazz],
            "credits": [
                {
                    "artist": {"id": quincy["id"], "name": "Quincy"},
                    "role": "producer",
                    "detail": None,
                },
                {
                    "artist": {"id": nina["id"], "name": "Nina"},
                    "role": "performer",
                    "detail": "piano",
                },
            ],
            "like_count": 0,
            "play_count": 0,
            "created_at": body["created_at"],
            "updated_at": body["created_at"],
        }
        assert response.headers["location"].endswith(f"/api/v1/songs/{body['id']}")
        assert (await client.get(response.headers["location"])).json() == body

    async def test_defaults_without_album(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        song = await catalog.song("Solo")
        assert song["album"] is None
        assert song["release_date"] is None
        assert (song["explicit"], song["disc_number"], song["track_number"]) == (False, 1, None)
        assert (song["genres"], song["credits"]) == ([], [])

    @pytest.mark.parametrize(
        ("field", "change"),
        [
            ("artist_ids", {"artist_ids": ["A", 999]}),
            ("genre_ids", {"genre_ids": [999]}),
            ("album_id", {"album_id": 999}),
            (
                "credits.1.artist_id",
                {
                    "credits": [
                        {"artist_id": "A", "role": "composer"},
                        {"artist_id": 999, "role": "lyricist"},
                    ]
                },
            ),
        ],
    )
    async def test_unknown_id_is_422_naming_the_field_and_nothing_written(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        admin: AuthedUser,
        profile: Profile,
        field: str,
        change: dict[str, Any],
    ) -> None:
        artist = await catalog.artist("A")
        album = await catalog.album("Album", [artist["id"]])
        before = await catalog_counts(profile)
        body = _resolve({"title": "S", "duration_ms": 1000, "artist_ids": ["A"], **change}, artist)
        response = await client.post(f"{API}/songs", json=body, headers=admin.headers)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", *field.split(".")]
        assert await catalog_counts(profile) == before
        assert (await client.get(f"{API}/albums/{album['id']}")).json()["track_count"] == 0

    @pytest.mark.parametrize(
        "change",
        [
            {"duration_ms": 0},
            {"duration_ms": -5},
            {"artist_ids": []},
            {"artist_ids": ["A", "A"]},
            {"title": "   "},
            {"title": "x" * 201},
            {"credits": [{"artist_id": "A", "role": "dj"}]},
            {"credits": [{"artist_id": "A", "role": "composer", "detail": "x" * 201}]},
            {"isrc": "not-an-isrc"},
            {"disc_number": 0},
            {"track_number": 0},
            {"like_count": 10},
            {"release_date": "2000-01-01"},
        ],
    )
    async def test_invalid_body_is_422(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        admin: AuthedUser,
        profile: Profile,
        change: dict[str, Any],
    ) -> None:
        artist = await catalog.artist("A")
        body = _resolve({"title": "S", "duration_ms": 1000, "artist_ids": ["A"], **change}, artist)
        response = await client.post(f"{API}/songs", json=body, headers=admin.headers)
        assert response.status_code == 422
        assert await row_count(profile, t.song) == 0


class TestGetSong:
    async def test_unknown_is_404(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/songs/31337")
        assert response.status_code == 404
        assert response.json() == {"detail": "Song not found", "code": "song_not_found"}


class TestUpdateSong:
    async def test_credits_are_replaced_entirely(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        a = await catalog.artist("A")
        b = await catalog.artist("B")
        song = await catalog.song(
            "S",
            [a["id"]],
            credits=[
                {"artist_id": a["id"], "role": "composer"},
                {"artist_id": b["id"], "role": "lyricist"},
            ],
        )
        response = await client.patch(
            f"{API}/songs/{song['id']}",
            json={
                "credits": [{"artist_id": b["id"], "role": "mixing_engineer", "detail": "stems"}]
            },
            headers=admin.headers,
        )
        assert response.status_code == 200
        assert response.json()["credits"] == [
            {"artist": {"id": b["id"], "name": "B"}, "role": "mixing_engineer", "detail": "stems"}
        ]
        assert await row_count(profile, t.credit) == 1
        credits = await client.get(f"{API}/songs/{song['id']}/credits")
        assert credits.json() == response.json()["credits"]
        emptied = await client.patch(
            f"{API}/songs/{song['id']}", json={"credits": []}, headers=admin.headers
        )
        assert emptied.json()["credits"] == []

    async def test_fields_left_out_are_kept(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        jazz = await catalog.genre("Jazz")
        song = await catalog.song("S", genre_ids=[jazz["id"]], isrc="USPR36500123", track_number=3)
        response = await client.patch(
            f"{API}/songs/{song['id']}", json={"title": "T", "isrc": None}, headers=admin.headers
        )
        body = response.json()
        assert body["title"] == "T"
        assert body["isrc"] is None
        assert body["genres"] == [jazz]
        assert body["track_number"] == 3
        assert body["artists"] == song["artists"]
        assert body["updated_at"] > song["updated_at"]

    async def test_artists_replaced_in_billing_order(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        a = await catalog.artist("A")
        b = await catalog.artist("B")
        song = await catalog.song("S", [a["id"]])
        response = await client.patch(
            f"{API}/songs/{song['id']}",
            json={"artist_ids": [b["id"], a["id"]]},
            headers=admin.headers,
        )
        assert [x["name"] for x in response.json()["artists"]] == ["B", "A"]

    @pytest.mark.parametrize(
        "change",
        [
            {"title": None},
            {"duration_ms": None},
            {"duration_ms": 0},
            {"artist_ids": []},
            {"artist_ids": None},
            {"credits": None},
            {"explicit": None},
            {"id": 5},
        ],
    )
    async def test_invalid_changes_are_422(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        admin: AuthedUser,
        change: dict[str, Any],
    ) -> None:
        song = await catalog.song("S")
        response = await client.patch(
            f"{API}/songs/{song['id']}", json=change, headers=admin.headers
        )
        assert response.status_code == 422
        assert (await client.get(f"{API}/songs/{song['id']}")).json() == song

    @pytest.mark.parametrize("field", ["artist_ids", "genre_ids", "album_id", "credits"])
    async def test_unknown_id_is_422_and_nothing_changes(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        admin: AuthedUser,
        profile: Profile,
        field: str,
    ) -> None:
        song = await catalog.song("S")
        values: dict[str, Any] = {
            "artist_ids": [404],
            "genre_ids": [404],
            "album_id": 404,
            "credits": [{"artist_id": 404, "role": "composer"}],
        }
        before = await catalog_counts(profile)
        response = await client.patch(
            f"{API}/songs/{song['id']}",
            json={"title": "New", field: values[field]},
            headers=admin.headers,
        )
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][1] == field
        assert await catalog_counts(profile) == before
        assert (await client.get(f"{API}/songs/{song['id']}")).json() == song

    async def test_unknown_is_404(self, client: AsyncClient, admin: AuthedUser) -> None:
        response = await client.patch(f"{API}/songs/9", json={"title": "X"}, headers=admin.headers)
        assert response.status_code == 404
        assert response.json()["code"] == "song_not_found"


class TestDeleteSong:
    async def test_deleted_with_its_links_and_hooks_run_first_in_order(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        jazz = await catalog.genre("Jazz")
        a = await catalog.artist("A")
        song = await catalog.song(
            "S",
            [a["id"]],
            genre_ids=[jazz["id"]],
            credits=[{"artist_id": a["id"], "role": "composer"}],
        )
        seen: list[tuple[str, int, int]] = []

        async def first(session: AsyncSession, song_id: int) -> None:
            still_there = await session.execute(t.song.select().where(t.song.c.id == song_id))
            seen.append(("first", song_id, len(still_there.all())))

        async def second(session: AsyncSession, song_id: int) -> None:
            seen.append(("second", song_id, 1))

        hooks.before_song_delete.extend([first, second])
        try:
            response = await client.delete(f"{API}/songs/{song['id']}", headers=admin.headers)
        finally:
            hooks.before_song_delete.remove(first)
            hooks.before_song_delete.remove(second)
        assert response.status_code == 204
        assert seen == [("first", song["id"], 1), ("second", song["id"], 1)]
        for table in (t.song, t.song_artist, t.song_genre, t.credit):
            assert await row_count(profile, table) == 0
        assert await row_count(profile, t.artist) == 1
        assert await row_count(profile, t.genre) == 1

    async def test_a_failing_hook_deletes_nothing(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser, profile: Profile
    ) -> None:
        song = await catalog.song("S")

        async def refuse(session: AsyncSession, song_id: int) -> None:
            raise RuntimeError("playlist store down")

        hooks.before_song_delete.append(refuse)
        try:
            # The test transport re-raises what the app turns into a 500.
            with pytest.raises(RuntimeError, match="playlist store down"):
                await client.delete(f"{API}/songs/{song['id']}", headers=admin.headers)
        finally:
            hooks.before_song_delete.remove(refuse)
        assert await row_count(profile, t.song) == 1

    async def test_unknown_is_404_and_no_hook_runs(
        self, client: AsyncClient, admin: AuthedUser
    ) -> None:
        calls: list[int] = []

        async def record(session: AsyncSession, song_id: int) -> None:
            calls.append(song_id)

        hooks.before_song_delete.append(record)
        try:
            response = await client.delete(f"{API}/songs/9", headers=admin.headers)
        finally:
            hooks.before_song_delete.remove(record)
        assert response.status_code == 404
        assert calls == []


class TestSongCredits:
    async def test_unknown_song_is_404(self, client: AsyncClient) -> None:
        response = await client.get(f"{API}/songs/9/credits")
        assert response.status_code == 404
        assert response.json()["code"] == "song_not_found"

    async def test_in_the_order_given(self, client: AsyncClient, catalog: CatalogFactory) -> None:
        a = await catalog.artist("A")
        b = await catalog.artist("B")
        credits = [
            {"artist_id": b["id"], "role": "producer"},
            {"artist_id": a["id"], "role": "composer"},
            {"artist_id": b["id"], "role": "arranger", "detail": "strings"},
        ]
        song = await catalog.song("S", [a["id"]], credits=credits)
        response = await client.get(f"{API}/songs/{song['id']}/credits")
        assert [(c["artist"]["id"], c["role"], c["detail"]) for c in response.json()] == [
            (b["id"], "producer", None),
            (a["id"], "composer", None),
            (b["id"], "arranger", "strings"),
        ]


def _resolve(value: Any, artist: dict[str, Any]) -> Any:
    """Replace the placeholder "A" with the artist's id, anywhere in a body."""
    if value == "A":
        return artist["id"]
    if isinstance(value, list):
        return [_resolve(v, artist) for v in value]
    if isinstance(value, dict):
        return {k: _resolve(v, artist) for k, v in value.items()}
    return value
