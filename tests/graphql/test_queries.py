"""The read queries and their nested fields, compared with the REST resources."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.playlists import add_tracks, create_playlist, quick_user
from tests.graphql.helpers import data_of, seed

SONG_FIELDS = """
    id title duration_ms explicit isrc disc_number track_number release_date
    like_count play_count created_at updated_at
    album { id title }
    artists { id name }
    genres { id name slug }
    credits { role detail artist { id name } }
"""


def as_rest_song(song: dict[str, Any]) -> dict[str, Any]:
    return {**song}


class TestCatalog:
    async def test_song_has_the_rest_fields(
        self, client: AsyncClient, profile: Profile, app: FastAPI
    ) -> None:
        catalog = await seed(profile, 2)
        song_id = catalog.songs[1]
        data = await data_of(
            client, f"query ($id: Int!) {{ song(id: $id) {{ {SONG_FIELDS} }} }}", {"id": song_id}
        )
        rest = (await client.get(f"/api/v1/songs/{song_id}")).json()
        song = data["song"]
        for field in ("id", "title", "duration_ms", "explicit", "isrc", "disc_number"):
            assert song[field] == rest[field], field
        assert song["track_number"] == rest["track_number"]
        assert song["album"] == rest["album"]
        assert song["artists"] == rest["artists"]
        assert song["genres"] == rest["genres"]
        assert song["credits"] == rest["credits"]

    async def test_unknown_and_out_of_range_ids_are_null(
        self, client: AsyncClient, app: FastAPI
    ) -> None:
        data = await data_of(
            client,
            "{ song(id: 999999) { id } artist(id: 0) { id } album(id: -5) { id } "
            "playlist(id: 2147483647) { id } me { id } }",
        )
        assert data == {"song": None, "artist": None, "album": None, "playlist": None, "me": None}

    async def test_album_tracks_and_artist_lists(
        self, client: AsyncClient, profile: Profile, app: FastAPI
    ) -> None:
        catalog = await seed(profile, 3)
        data = await data_of(
            client,
            """query ($album: Int!, $artist: Int!) {
                album(id: $album) { title artists { name } tracks { track_number song { title } } }
                artist(id: $artist) {
                    name genres { name }
                    albums(limit: 2) { title }
                    songs(limit: 2, offset: 1) { title }
                }
            }""",
            {"album": catalog.albums[0], "artist": catalog.star},
        )
        assert data["album"] == {
            "title": "Album 0",
            "artists": [{"name": "Artist 0"}, {"name": "Star"}],
            "tracks": [{"track_number": 1, "song": {"title": "Song 0"}}],
        }
        assert data["artist"] == {
            "name": "Star",
            "genres": [{"name": "Jazz"}],
            "albums": [{"title": "Album 0"}, {"title": "Album 1"}],
            "songs": [{"title": "Song 1"}, {"title": "Song 2"}],
        }

    async def test_songs_page(self, client: AsyncClient, profile: Profile, app: FastAPI) -> None:
        await seed(profile, 5)
        data = await data_of(
            client,
            '{ songs(q: "song", limit: 2, offset: 1) { total limit offset items { title } } }',
        )
        rest = (await client.get("/api/v1/songs?q=song&limit=2&offset=1")).json()
        assert data["songs"]["total"] == rest["total"] == 5
        assert [s["title"] for s in data["songs"]["items"]] == [s["title"] for s in rest["items"]]
        assert (data["songs"]["limit"], data["songs"]["offset"]) == (2, 1)

    async def test_page_bounds_are_errors(self, client: AsyncClient, app: FastAPI) -> None:
        for args in ("limit: 0", "limit: 101", "offset: -1"):
            response = await client.post(
                "/graphql", json={"query": f"{{ songs({args}) {{ total }} }}"}
            )
            assert response.status_code == 200
            errors = response.json()["errors"]
            assert "must be between" in errors[0]["message"], args


class TestPlaylistsAndMe:
    async def test_me_and_a_playlist_with_tracks_and_collaborators(
        self, client: AsyncClient, profile: Profile, app: FastAPI
    ) -> None:
        catalog = await seed(profile, 3)
        owner = await quick_user(profile, "olga", display_name="Olga")
        friend = await quick_user(profile, "finn")
        playlist = await create_playlist(client, owner, name="Mix")
        await add_tracks(client, owner, playlist["id"], catalog.songs)
        response = await client.put(
            f"/api/v1/playlists/{playlist['id']}/collaborators/{friend.id}", headers=owner.headers
        )
        assert response.status_code == 204
        data = await data_of(
            client,
            """query ($id: Int!) {
                me { username display_name is_admin }
                playlist(id: $id) {
                    name is_public track_count owner { username }
                    collaborators { username }
                    tracks(limit: 2, offset: 1) { position song { title } added_by { username } }
                }
            }""",
            {"id": playlist["id"]},
            owner.headers,
        )
        assert data["me"] == {"username": "olga", "display_name": "Olga", "is_admin": False}
        assert data["playlist"] == {
            "name": "Mix",
            "is_public": False,
            "track_count": 3,
            "owner": {"username": "olga"},
            "collaborators": [{"username": "finn"}],
            "tracks": [
                {"position": 1, "song": {"title": "Song 1"}, "added_by": {"username": "olga"}},
                {"position": 2, "song": {"title": "Song 2"}, "added_by": {"username": "olga"}},
            ],
        }

    async def test_private_playlist_of_another_is_null_without_an_error(
        self, client: AsyncClient, profile: Profile, app: FastAPI
    ) -> None:
        owner = await quick_user(profile, "olga")
        stranger = await quick_user(profile, "sam")
        private = await create_playlist(client, owner, name="Secret")
        query = "query ($id: Int!) { playlist(id: $id) { name } }"
        for headers in (stranger.headers, {}):
            response = await client.post(
                "/graphql",
                json={"query": query, "variables": {"id": private["id"]}},
                headers=headers,
            )
            assert response.status_code == 200
            assert response.json() == {"data": {"playlist": None}}
        seen = await data_of(client, query, {"id": private["id"]}, owner.headers)
        assert seen == {"playlist": {"name": "Secret"}}
