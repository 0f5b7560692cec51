"""search(q, type, limit): the search service's matches, its rules, and batched loading."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from tests.conftest import Profile
from tests.factories.playlists import add_tracks, create_playlist, quick_user
from tests.graphql.helpers import data_of, graphql, seed
from tests.statements import counting

SONGS = """query ($q: String!, $limit: Int!) {
    search(q: $q, type: [SONG], limit: $limit) {
        songs { id title artists { name albums(limit: 2) { title } } album { title } }
        artists { id } albums { id } playlists { id } genres { id }
    }
}"""
EVERYTHING = """query ($q: String!) {
    search(q: $q) {
        songs { id } artists { id name } albums { id title tracks { song { id } } }
        playlists { id name owner { username } tracks { song { title } } } genres { id slug }
    }
}"""


def ids(items: list[dict[str, Any]]) -> list[int]:
    return [item["id"] for item in items]


async def rest(
    client: AsyncClient, q: str, kinds: str, headers: dict[str, str] | None = None
) -> Any:
    response = await client.get(
        "/api/v1/search", params={"q": q, "type": kinds}, headers=headers or {}
    )
    assert response.status_code == 200, response.text
    return response.json()


class TestSearch:
    async def test_songs_with_nested_fields_as_rest_ranks_them(
        self, client: AsyncClient, profile: Profile, app: FastAPI
    ) -> None:
        catalog = await seed(profile, 3)
        data = await data_of(client, SONGS, {"q": "song", "limit": 2})
        result = data["search"]
        expected = await rest(client, "song", "song")
        assert ids(result["songs"]) == ids(expected["songs"]["items"])[:2]
        assert set(ids(result["songs"])) <= set(catalog.songs)
        first = result["songs"][0]
        rest_song = (await client.get(f"/api/v1/songs/{first['id']}")).json()
        assert first["title"] == rest_song["title"]
        assert [a["name"] for a in first["artists"]] == [a["name"] for a in rest_song["artists"]]
        assert first["album"] == {"title": rest_song["album"]["title"]}
        assert {a["title"] for a in first["artists"][1]["albums"]} <= {"Album 0", "Album 1"}
        # Kinds not asked for are null, not empty.
        for kind in ("artists", "albums", "playlists", "genres"):
            assert result[kind] is None

    async def test_every_kind_by_default(
        self, client: AsyncClient, profile: Profile, app: FastAPI
    ) -> None:
        catalog = await seed(profile, 2)
        data = await data_of(client, EVERYTHING, {"q": "jazz"})
        assert data["search"]["genres"] == [{"id": catalog.genre, "slug": "jazz"}]
        data = await data_of(client, EVERYTHING, {"q": "album 1"})
        albums = data["search"]["albums"]
        assert albums[0]["title"] == "Album 1"
        assert albums[0]["tracks"] == [{"song": {"id": catalog.songs[1]}}]
        expected = await rest(client, "album 1", "song,artist,album,playlist,genre")
        for kind in ("songs", "artists", "albums", "playlists", "genres"):
            assert ids(data["search"][kind]) == ids(expected[kind]["items"]), kind

    async def test_private_playlists_only_for_their_owner(
        self, client: AsyncClient, profile: Profile, app: FastAPI
    ) -> None:
        catalog = await seed(profile, 1)
        owner = await quick_user(profile, "olga")
        other = await quick_user(profile, "otto")
        public = await create_playlist(client, owner, name="Night Mix", is_public=True)
        secret = await create_playlist(client, owner, name="Night Secret", is_public=False)
        await add_tracks(client, owner, public["id"], catalog.songs)
        query = (
            '{ search(q: "night", type: [PLAYLIST]) '
            "{ playlists { id name owner { username } tracks { song { title } } } } }"
        )
        seen = {}
        for who, headers in (("anonymous", {}), ("other", other.headers), ("owner", owner.headers)):
            playlists = (await data_of(client, query, headers=headers))["search"]["playlists"]
            expected = await rest(client, "night", "playlist", headers)
            assert ids(playlists) == ids(expected["playlists"]["items"]), who
            seen[who] = set(ids(playlists))
        assert seen["anonymous"] == seen["other"] == {public["id"]}
        assert seen["owner"] == {public["id"], secret["id"]}
        playlists = (await data_of(client, query))["search"]["playlists"]
        assert playlists == [
            {
                "id": public["id"],
                "name": "Night Mix",
                "owner": {"username": "olga"},
                "tracks": [{"song": {"title": "Song 0"}}],
            }
        ]

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            ('q: ""', "q must be"),
            ('q: "   "', "q must be"),
            (f'q: "{"a" * 201}"', "q must be"),
            ('q: "song", limit: 0', "limit must be"),
            ('q: "song", limit: 51', "limit must be"),
        ],
    )
    async def test_bad_arguments_are_errors_not_results(
        self, client: AsyncClient, profile: Profile, app: FastAPI, arguments: str, message: str
    ) -> None:
        await seed(profile, 1)
        response = await graphql(client, f"{{ search({arguments}) {{ songs {{ id }} }} }}")
        assert response.status_code == 200
        body = response.json()
        assert body.get("data") is None, body
        assert body["errors"][0]["message"].startswith(message)
        assert body["errors"][0]["extensions"] == {"code": "validation_error"}

    async def test_unknown_type_is_a_validation_error(
        self, client: AsyncClient, app: FastAPI
    ) -> None:
        response = await graphql(client, '{ search(q: "x", type: [TRACK]) { songs { id } } }')
        assert response.status_code == 200
        body = response.json()
        assert body.get("data") is None
        assert "TRACK" in body["errors"][0]["message"]


class TestStatements:
    async def test_nested_search_does_not_grow_with_its_results(
        self, client: AsyncClient, profile: Profile, app: FastAPI, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        await seed(profile, 12)
        counts = []
        for limit in (2, 12):
            await data_of(client, SONGS, {"q": "song", "limit": limit})  # counts kept after
            with counting(profile, monkeypatch) as counter:
                data = await data_of(client, SONGS, {"q": "song", "limit": limit})
            assert len(data["search"]["songs"]) == limit
            counts.append(counter.statements)
        assert counts[0] == counts[1], counts
        assert counts[0] <= 12, counts
