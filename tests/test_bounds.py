"""Every integer the API accepts is bounded (kit/ids.py), and text refuses NUL and lone
surrogates: out of range is 422 wherever it appears, never a 404 or a database error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from httpx import AsyncClient

from fastfm.catalog.genres.models import Genre
from fastfm.kit.ids import MAX_ID, MAX_OFFSET
from fastfm.playlists.models import Playlist
from fastfm.users.models import User
from tests.conftest import Profile
from tests.factories.library import API, add_song, count_rows
from tests.factories.playlists import add_tracks, create_playlist, track_song_ids
from tests.factories.users import AuthedUser, register_admin

OUT_OF_RANGE = ["0", "-1", str(MAX_ID + 1), str(10**25)]

# (method, path with {id}, the path parameter's name, a body)
ID_PATHS: list[tuple[str, str, str, dict[str, Any] | None]] = [
    ("GET", "/songs/{id}", "song_id", None),
    ("PATCH", "/songs/{id}", "song_id", {}),
    ("DELETE", "/songs/{id}", "song_id", None),
    ("GET", "/songs/{id}/credits", "song_id", None),
    ("GET", "/artists/{id}/songs", "artist_id", None),
    ("DELETE", "/albums/{id}", "album_id", None),
    ("PATCH", "/genres/{id}", "genre_id", {}),
    ("GET", "/users/{id}", "user_id", None),
    ("GET", "/users/{id}/playlists", "user_id", None),
    ("GET", "/playlists/{id}", "playlist_id", None),
    ("PATCH", "/playlists/{id}", "playlist_id", {"name": "x"}),
    ("DELETE", "/playlists/{id}", "playlist_id", None),
    ("GET", "/playlists/{id}/tracks", "playlist_id", None),
    ("POST", "/playlists/{id}/tracks", "playlist_id", {"song_ids": [1]}),
    ("DELETE", "/playlists/{id}/tracks", "playlist_id", {"positions": [0]}),
    ("PUT", "/playlists/{id}/followers", "playlist_id", None),
    ("GET", "/playlists/{id}/collaborators", "playlist_id", None),
    ("PUT", "/playlists/1/collaborators/{id}", "user_id", None),
    ("GET", "/playlists/{id}/shuffle/next", "playlist_id", None),
    ("POST", "/me/liked/{id}", "song_id", None),
    ("DELETE", "/me/following/artists/{id}", "artist_id", None),
    ("PUT", "/me/following/users/{id}", "user_id", None),
]


@pytest.fixture
async def admin(client: AsyncClient, profile: Profile) -> AuthedUser:
    return await register_admin(client, profile)


class TestIdsInPaths:
    @pytest.mark.parametrize(("method", "path", "name", "body"), ID_PATHS)
    async def test_an_id_out_of_range_is_422_naming_the_parameter(
        self,
        client: AsyncClient,
        admin: AuthedUser,
        method: str,
        path: str,
        name: str,
        body: dict[str, Any] | None,
    ) -> None:
        for value in OUT_OF_RANGE:
            response = await client.request(
                method, API + path.format(id=value), json=body, headers=admin.headers
            )
            assert response.status_code == 422, (value, response.text)
            [error] = [e for e in response.json()["detail"] if e["loc"][0] == "path"]
            assert error["loc"] == ["path", name]

    async def test_the_largest_id_is_a_plain_404(
        self, client: AsyncClient, admin: AuthedUser
    ) -> None:
        for path in ("/songs", "/playlists", "/users"):
            response = await client.get(f"{API}{path}/{MAX_ID}", headers=admin.headers)
            assert response.status_code == 404, path


class TestIdsInBodies:
    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"song_ids": [MAX_ID + 1]}, "song_ids"),
            ({"song_ids": [0]}, "song_ids"),
            ({"song_ids": [1], "position": MAX_ID + 1}, "position"),
            ({"song_ids": [1], "position": -1}, "position"),
        ],
    )
    async def test_track_ids_and_positions_out_of_range_are_422(
        self,
        client: AsyncClient,
        profile: Profile,
        admin: AuthedUser,
        body: dict[str, Any],
        field: str,
    ) -> None:
        song = await add_song(profile)
        playlist = await create_playlist(client, admin)
        await add_tracks(client, admin, playlist["id"], [song])

        response = await client.post(
            f"{API}/playlists/{playlist['id']}/tracks", json=body, headers=admin.headers
        )

        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][:2] == [
            "body",
            next(iter(body)) if "position" not in body else "position",
        ]
        assert await track_song_ids(client, admin, playlist["id"]) == [song]

    async def test_a_reorder_count_out_of_range_is_422(
        self, client: AsyncClient, profile: Profile, admin: AuthedUser
    ) -> None:
        song = await add_song(profile)
        playlist = await create_playlist(client, admin)
        await add_tracks(client, admin, playlist["id"], [song])

        response = await client.patch(
            f"{API}/playlists/{playlist['id']}/tracks",
            json={"range_start": 0, "insert_before": 1, "range_length": MAX_ID + 1},
            headers=admin.headers,
        )

        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["body", "range_length"]

    @pytest.mark.parametrize(
        "field",
        [
            {"artist_ids": [MAX_ID + 1]},
            {"genre_ids": [0]},
            {"album_id": MAX_ID + 1},
            {"credits": [{"artist_id": 10**20, "role": "composer"}]},
        ],
    )
    async def test_catalog_ids_out_of_range_are_422_and_nothing_is_written(
        self, client: AsyncClient, profile: Profile, admin: AuthedUser, field: dict[str, Any]
    ) -> None:
        body = {"title": "Sinnerman", "duration_ms": 1000, "artist_ids": [1], **field}

        response = await client.post(f"{API}/songs", json=body, headers=admin.headers)

        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"][:2] == ["body", next(iter(field))]
        assert (await client.get(f"{API}/songs")).json()["total"] == 0


class TestOffsets:
    @pytest.mark.parametrize("path", ["/songs", "/artists", "/genres", "/me/liked", "/playlists"])
    async def test_an_offset_past_max_offset_is_422(
        self, client: AsyncClient, admin: AuthedUser, path: str
    ) -> None:
        for offset in (MAX_OFFSET + 1, 10**25):
            response = await client.get(
                f"{API}{path}", params={"offset": offset}, headers=admin.headers
            )
            assert response.status_code == 422, offset
            assert response.json()["detail"][0]["loc"] == ["query", "offset"]

    @pytest.mark.parametrize("path", ["/songs", "/albums", "/me/liked", "/me/plays/recent"])
    async def test_an_offset_past_the_end_is_an_empty_page(
        self, client: AsyncClient, profile: Profile, admin: AuthedUser, path: str
    ) -> None:
        await add_song(profile)

        response = await client.get(
            f"{API}{path}", params={"offset": MAX_OFFSET}, headers=admin.headers
        )

        assert response.status_code == 200
        body = response.json()
        assert body["items"] == []
        assert body["offset"] == MAX_OFFSET
        assert body["next"] is None

    async def test_a_playlists_tracks_past_the_end_are_an_empty_page(
        self, client: AsyncClient, profile: Profile, admin: AuthedUser
    ) -> None:
        playlist = await create_playlist(client, admin)
        await add_tracks(client, admin, playlist["id"], [await add_song(profile)])

        response = await client.get(
            f"{API}/playlists/{playlist['id']}/tracks",
            params={"offset": MAX_OFFSET},
            headers=admin.headers,
        )

        assert response.status_code == 200
        assert response.json()["items"] == []
        assert response.json()["total"] == 1


UNSTORABLE = ["a\x00b", "\x00", "a\ud800b", "\udfff"]


class TestText:
    @pytest.mark.parametrize("path", ["/songs", "/artists", "/albums", "/genres"])
    async def test_a_nul_in_q_is_422(self, client: AsyncClient, path: str) -> None:
        response = await client.get(f"{API}{path}", params={"q": "a\x00b"})

        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "q"]

    @pytest.mark.parametrize("value", UNSTORABLE)
    async def test_unstorable_names_are_422_and_nothing_is_created(
        self, client: AsyncClient, profile: Profile, admin: AuthedUser, value: str
    ) -> None:
        # Escaped (\\ud800) as a JSON client sends a lone surrogate; NUL as \\u0000.
        def post(path: str, body: dict[str, str]) -> Any:
            headers = {**admin.headers, "Content-Type": "application/json"}
            return client.post(f"{API}{path}", content=json.dumps(body), headers=headers)

        playlist = await post("/playlists", {"name": value})
        genre = await post("/genres", {"name": value})
        described = await post("/playlists", {"name": "ok", "description": value})

        for response, field in ((playlist, "name"), (genre, "name"), (described, "description")):
            assert response.status_code == 422
            assert response.json()["detail"][0]["loc"] == ["body", field]
        assert await count_rows(profile, Playlist) == 0
        assert await count_rows(profile, Genre) == 0

    @pytest.mark.parametrize("value", ["ada\x00", "\x00\x00\x00"])
    async def test_a_nul_in_a_login_or_registration_is_422(
        self, client: AsyncClient, profile: Profile, value: str
    ) -> None:
        login = await client.post(
            f"{API}/auth/login", data={"username": value, "password": "whatever password"}
        )
        register = await client.post(
            f"{API}/auth/register",
            json={"email": "ada@example.com", "username": value, "password": f"{value}12345678"},
        )
        refresh = await client.post(f"{API}/auth/refresh", json={"refresh_token": value})

        assert login.status_code == 422
        assert login.json()["detail"][0]["loc"] == ["body", "username"]
        assert register.status_code == 422
        assert refresh.status_code == 422
        assert await count_rows(profile, User) == 0
