"""GET /search: the answer's shape, its parameters, and what each kind finds."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from fastfm.db.reads import session_reader
from fastfm.search import service as search_service
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import AuthedUser, register_and_login
from tests.search.conftest import SEARCH, names, search

ENVELOPE_KEYS = {"items", "total", "limit", "offset", "next", "previous"}


async def small_catalog(catalog: CatalogFactory) -> dict[str, Any]:
    genre = await catalog.genre("Dream Pop")
    beyonce = await catalog.artist("Beyoncé")
    motley = await catalog.artist("Mötley Crüe")
    album = await catalog.album("Harbour Lights", [beyonce["id"]], genre_ids=[genre["id"]])
    songs = {
        "harbour": await catalog.song("Harbour Lights", [beyonce["id"]], album_id=album["id"]),
        "love": await catalog.song("Song of Love", [motley["id"]]),
        "kick": await catalog.song("Kickstart My Heart", [motley["id"]]),
    }
    return {"genre": genre, "beyonce": beyonce, "motley": motley, "album": album, **songs}


class TestShape:
    async def test_every_kind_by_default_each_an_envelope(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        made = await small_catalog(catalog)
        body = await search(client, "harbour")
        assert set(body) == {"songs", "artists", "albums", "playlists", "genres"}
        for envelope in body.values():
            assert set(envelope) == ENVELOPE_KEYS
            assert envelope["limit"] == 20
            assert envelope["offset"] == 0
        assert [s["id"] for s in body["songs"]["items"]] == [made["harbour"]["id"]]
        assert body["songs"]["items"][0]["artists"] == [
            {"id": made["beyonce"]["id"], "name": "Beyoncé"}
        ]
        assert body["songs"]["total"] == 1
        assert [a["id"] for a in body["albums"]["items"]] == [made["album"]["id"]]
        assert body["artists"]["total"] == 0

    async def test_only_the_asked_types_appear(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        await small_catalog(catalog)
        body = await search(client, "dream", type="genre,artist")
        assert set(body) == {"artists", "genres"}
        assert names(body["genres"]) == ["Dream Pop"]
        assert (await search(client, "dream", type=" genre , genre"))["genres"]["total"] == 1

    async def test_limit_applies_per_kind_with_totals_and_links(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        artist = await catalog.artist("Echo Band")
        for i in range(5):
            await catalog.song(f"Echo {i}", [artist["id"]])
        first = await search(client, "echo", limit=2, type="song,artist")
        assert first["songs"]["total"] == 5
        assert names(first["songs"]) == ["Echo 0", "Echo 1"]
        assert first["songs"]["next"] is not None
        assert "type=song" in first["songs"]["next"]
        assert first["songs"]["previous"] is None
        assert first["artists"]["total"] == 1
        assert first["artists"]["next"] is None
        second = await client.get(first["songs"]["next"])
        assert second.status_code == 200
        assert set(second.json()) == {"songs"}
        assert names(second.json()["songs"]) == ["Echo 2", "Echo 3"]
        assert second.json()["songs"]["offset"] == 2
        last = await search(client, "echo", limit=2, offset=4, type="song")
        assert names(last["songs"]) == ["Echo 4"]
        assert last["songs"]["next"] is None
        assert last["songs"]["previous"] is not None


class TestValidation:
    async def test_bad_parameters_are_422_with_fastapis_list(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        await small_catalog(catalog)
        bad: list[dict[str, Any]] = [
            {},
            {"q": ""},
            {"q": "   "},
            {"q": "love", "type": "song,podcast"},
            {"q": "love", "type": ""},
            {"q": "love", "type": "songs"},
            {"q": "love", "limit": 0},
            {"q": "love", "limit": 51},
            {"q": "love", "limit": "many"},
            {"q": "love", "offset": -1},
            {"q": "love", "offset": 1001},
            {"q": "x" * 10_000},
        ]
        for params in bad:
            response = await client.get(SEARCH, params=params)
            assert response.status_code == 422, (params, response.text)
            assert isinstance(response.json()["detail"], list)

    async def test_a_bad_token_is_401(self, client: AsyncClient) -> None:
        response = await client.get(
            SEARCH, params={"q": "love"}, headers={"Authorization": "Bearer nope"}
        )
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")

    async def test_hostile_input_is_answered_safely(
        self, client: AsyncClient, catalog: CatalogFactory, profile: Profile
    ) -> None:
        made = await small_catalog(catalog)
        hostile = [
            "'", '"', "%", "_", "\\", "%_%", "\\%", "a'b", 'a"b', "love'; DROP TABLE song; --",
            "' OR 1=1 --", "love) | (x", "love & !x", "love:*", "NEAR(love song)", "love*",
            "title : love", "^love", "🎸", "🎸 love", "love\x00song", "\x00", "\u202e",
            "a" * 200, " ".join(["love"] * 40), "ab " * 66, "éééééé", "\ue000", "l\ue000ve",
        ]  # fmt: skip
        for q in hostile:
            response = await client.get(SEARCH, params={"q": q})
            assert response.status_code in (200, 422), (q, response.text)
            if response.status_code == 200:
                assert set(response.json()) == {"songs", "artists", "albums", "playlists", "genres"}
        body = await search(client, "love\x00song")
        assert [s["id"] for s in body["songs"]["items"]] == [made["love"]["id"]]
        # Nothing was dropped or changed.
        assert (await search(client, "kickstart"))["songs"]["total"] == 1


class TestMatching:
    async def test_case_accents_order_prefix_and_related_names(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        made = await small_catalog(catalog)
        cases = {
            "BEYONCE": ("artists", made["beyonce"]["id"]),
            "beyoncé": ("artists", made["beyonce"]["id"]),
            "motley": ("artists", made["motley"]["id"]),
            "MÖTLEY crue": ("artists", made["motley"]["id"]),
            "love song": ("songs", made["love"]["id"]),
            "harbo": ("songs", made["harbour"]["id"]),
            "lights harb": ("songs", made["harbour"]["id"]),
            "kickstart motley": ("songs", made["kick"]["id"]),
            "beyonce harbour": ("songs", made["harbour"]["id"]),
        }
        for q, (kind, wanted) in cases.items():
            body = await search(client, q)
            assert [i["id"] for i in body[kind]["items"]][:1] == [wanted], (q, body[kind])

    async def test_one_typo_in_words_of_five_letters_or_more(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        made = await small_catalog(catalog)
        kick = made["kick"]["id"]
        for q in (
            "kickstrat",
            "kickstar my heart",
            "kickstartt",
            "kcikstart",
            "kickxtart",
            "kickstat",
        ):
            body = await search(client, q, type="song")
            assert [s["id"] for s in body["songs"]["items"]] == [kick], q
        for q in ("kickstrta", "kixkstrat", "lvoe"):  # two typos; a four-letter word
            assert (await search(client, q, type="song"))["songs"]["total"] == 0, q
        assert names((await search(client, "hxart", type="song"))["songs"]) == [
            "Kickstart My Heart"
        ]

    async def test_no_match_is_an_empty_envelope(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        await small_catalog(catalog)
        body = await search(client, "zzyzx")
        assert all(e["items"] == [] and e["total"] == 0 for e in body.values())


class TestKeptExact:
    async def test_created_renamed_deleted_songs_on_the_next_request(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        artist = await catalog.artist("Quiet Pilots")
        song = await catalog.song("Lantern Parade", [artist["id"]])
        assert names((await search(client, "lantern parade"))["songs"]) == ["Lantern Parade"]
        url = f"/api/v1/songs/{song['id']}"
        renamed = await client.patch(url, json={"title": "Ember Orchard"}, headers=admin.headers)
        assert renamed.status_code == 200
        assert (await search(client, "lantern parade"))["songs"]["total"] == 0
        assert names((await search(client, "ember orchard"))["songs"]) == ["Ember Orchard"]
        assert (await client.delete(url, headers=admin.headers)).status_code == 204
        assert (await search(client, "ember orchard"))["songs"]["total"] == 0

    async def test_artist_and_album_renames_reach_their_songs(
        self, client: AsyncClient, catalog: CatalogFactory, admin: AuthedUser
    ) -> None:
        artist = await catalog.artist("Velvet Sparrows")
        album = await catalog.album("Northern Tide", [artist["id"]])
        await catalog.song("Compass", [artist["id"]], album_id=album["id"])
        assert names((await search(client, "sparrows compass"))["songs"]) == ["Compass"]
        response = await client.patch(
            f"/api/v1/artists/{artist['id']}", json={"name": "Amber Wolves"}, headers=admin.headers
        )
        assert response.status_code == 200
        assert (await search(client, "sparrows compass"))["songs"]["total"] == 0
        assert names((await search(client, "wolves compass"))["songs"]) == ["Compass"]
        response = await client.patch(
            f"/api/v1/albums/{album['id']}", json={"title": "Southern Wave"}, headers=admin.headers
        )
        assert response.status_code == 200
        assert names((await search(client, "southern compass"))["songs"]) == ["Compass"]
        assert names((await search(client, "southern wave", type="album"))["albums"]) == [
            "Southern Wave"
        ]
        assert (await search(client, "northern tide"))["albums"]["total"] == 0


class TestPlaylists:
    async def test_private_playlists_only_for_owner_and_collaborators(
        self, client: AsyncClient
    ) -> None:
        owner = await register_and_login(client, "owner")
        friend = await register_and_login(client, "friend")
        stranger = await register_and_login(client, "stranger")
        created = {}
        for name, public in (("Road Trip Public", True), ("Road Trip Secret", False)):
            response = await client.post(
                "/api/v1/playlists", json={"name": name, "is_public": public}, headers=owner.headers
            )
            assert response.status_code == 201
            created[name] = response.json()["id"]
        secret = created["Road Trip Secret"]
        added = await client.put(
            f"/api/v1/playlists/{secret}/collaborators/{friend.id}", headers=owner.headers
        )
        assert added.status_code == 204

        async def seen(user: AuthedUser | None) -> tuple[list[str], int]:
            body = await search(
                client, "road trip", type="playlist", headers=user.headers if user else None
            )
            return sorted(names(body["playlists"])), body["playlists"]["total"]

        assert await seen(None) == (["Road Trip Public"], 1)
        assert await seen(stranger) == (["Road Trip Public"], 1)
        assert await seen(owner) == (["Road Trip Public", "Road Trip Secret"], 2)
        assert await seen(friend) == (["Road Trip Public", "Road Trip Secret"], 2)
        # Made public: everyone finds it on the next request.
        response = await client.patch(
            f"/api/v1/playlists/{secret}", json={"is_public": True}, headers=owner.headers
        )
        assert response.status_code == 200
        assert await seen(stranger) == (["Road Trip Public", "Road Trip Secret"], 2)
        body = await search(client, "secret", type="playlist")
        assert body["playlists"]["items"][0]["owner"]["username"] == "owner"
        assert [c["username"] for c in body["playlists"]["items"][0]["collaborators"]] == ["friend"]


class TestServiceOnASession:
    async def test_the_service_answers_on_a_session_as_on_a_read_connection(
        self, client: AsyncClient, catalog: CatalogFactory, profile: Profile
    ) -> None:
        made = await small_catalog(catalog)
        async with profile.session() as session:
            found = await search_service.search(
                session_reader(session), "harbuor", types=("song", "album"), limit=5
            )
        assert set(found) == {"song", "album"}
        assert [s["id"] for s in found["song"].items] == [made["harbour"]["id"]]
        assert found["album"].total == 1
        body = await search(client, "harbuor", type="song,album", limit=5)
        assert [s["title"] for s in body["songs"]["items"]] == [
            s["title"] for s in found["song"].items
        ]
