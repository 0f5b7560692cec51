"""ETags and Cache-Control: 304 for a known body, a new ETag after every kind of write."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient, Response

from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.playlists import add_tracks, create_playlist, make_songs, quick_user
from tests.factories.users import register_admin

PUBLIC = "public, max-age=0, must-revalidate"
PRIVATE = "private, max-age=0, must-revalidate"


async def etag_of(
    client: AsyncClient, url: str, headers: dict[str, str] | None = None, **params: Any
) -> str:
    response = await client.get(url, headers=headers, params=params or None)
    assert response.status_code == 200, response.text
    etag = response.headers["ETag"]
    assert etag.startswith('"')
    assert etag.endswith('"')
    return etag


async def assert_not_modified(
    client: AsyncClient, url: str, etag: str, headers: dict[str, str] | None = None
) -> Response:
    response = await client.get(url, headers={**(headers or {}), "If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == etag
    return response


class TestConditionalReads:
    async def test_304_then_200_after_a_change(self, client: AsyncClient, profile: Profile) -> None:
        admin = await register_admin(client, profile)
        catalog = CatalogFactory(client, admin.headers)
        artist = await catalog.artist("Nina Simone")
        url = f"/api/v1/artists/{artist['id']}"
        first = await client.get(url)
        etag = first.headers["ETag"]
        assert first.headers["Cache-Control"] == PUBLIC
        not_modified = await assert_not_modified(client, url, etag)
        assert not_modified.headers["Cache-Control"] == PUBLIC
        # A list of tags, a weak form and * all match.
        for header in (f'"nope", {etag}', f"W/{etag}", "*"):
            response = await client.get(url, headers={"If-None-Match": header})
            assert response.status_code == 304
        other = await client.get(url, headers={"If-None-Match": '"something-else"'})
        assert other.status_code == 200
        assert other.json() == first.json()
        changed = await client.patch(url, json={"name": "Eunice Waymon"}, headers=admin.headers)
        assert changed.status_code == 200
        fresh = await client.get(url, headers={"If-None-Match": etag})
        assert fresh.status_code == 200
        assert fresh.json()["name"] == "Eunice Waymon"
        assert fresh.headers["ETag"] != etag

    async def test_errors_and_writes_carry_no_etag(self, client: AsyncClient) -> None:
        missing = await client.get("/api/v1/artists/2147483647")
        assert missing.status_code == 404
        assert "ETag" not in missing.headers
        health = await client.get("/healthz")
        assert "ETag" not in health.headers


class TestCatalogWrites:
    async def test_every_write_moves_the_etags(self, client: AsyncClient, profile: Profile) -> None:
        admin = await register_admin(client, profile)
        catalog = CatalogFactory(client, admin.headers)
        artist = await catalog.artist("Nina Simone")
        album = await catalog.album("Pastel Blues", [artist["id"]])
        song = await catalog.song("Sinnerman", [artist["id"]], album_id=album["id"])
        genre = await catalog.genre("Jazz")
        urls = {
            "artists": "/api/v1/artists",
            "albums": "/api/v1/albums",
            "songs": "/api/v1/songs",
            "genres": "/api/v1/genres",
            "song": f"/api/v1/songs/{song['id']}",
            "album": f"/api/v1/albums/{album['id']}",
            "search": "/api/v1/songs?q=sinner",
        }

        async def etags() -> dict[str, str]:
            return {name: await etag_of(client, url) for name, url in urls.items()}

        before = await etags()
        assert before == await etags()  # stable while nothing changes
        # Create.
        await catalog.song("Sinner Blues", [artist["id"]])
        after_create = await etags()
        assert after_create["songs"] != before["songs"]
        assert after_create["search"] != before["search"]
        assert after_create["song"] == before["song"]
        # Update.
        patched = await client.patch(
            urls["song"], json={"title": "Sinnerman (live)"}, headers=admin.headers
        )
        assert patched.status_code == 200
        after_update = await etags()
        for name in ("song", "songs", "album", "search"):
            assert after_update[name] != after_create[name], name
        assert after_update["genres"] == after_create["genres"]
        # A like changes the song's like count, and so its ETag.
        liked = await client.post(f"/api/v1/me/liked/{song['id']}", headers=admin.headers)
        assert liked.status_code == 201
        after_like = await etags()
        assert after_like["song"] != after_update["song"]
        # Delete.
        deleted = await client.delete(f"/api/v1/genres/{genre['id']}", headers=admin.headers)
        assert deleted.status_code == 204
        after_delete = await etags()
        assert after_delete["genres"] != after_like["genres"]
        listed = await client.get(urls["genres"])
        assert listed.json()["items"] == []


class TestPlaylists:
    async def test_track_writes_and_details_move_the_etag(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        owner = await quick_user(profile, "owner")
        songs = await make_songs(profile, 4)
        playlist = await create_playlist(client, owner, name="Mix", is_public=True)
        base = f"/api/v1/playlists/{playlist['id']}"
        tracks = f"{base}/tracks"

        async def both() -> tuple[str, str]:
            return (
                await etag_of(client, base, owner.headers),
                await etag_of(client, tracks, owner.headers),
            )

        response = await client.get(base, headers=owner.headers)
        assert response.headers["Cache-Control"] == PRIVATE
        assert response.headers["Vary"] == "Authorization"
        seen = [await both()]
        await add_tracks(client, owner, playlist["id"], songs)
        seen.append(await both())
        moved = await client.patch(
            tracks, json={"range_start": 0, "insert_before": 3}, headers=owner.headers
        )
        assert moved.status_code == 200
        seen.append(await both())
        removed = await client.request(
            "DELETE", tracks, json={"positions": [0]}, headers=owner.headers
        )
        assert removed.status_code == 200
        seen.append(await both())
        renamed = await client.patch(base, json={"name": "Renamed"}, headers=owner.headers)
        assert renamed.status_code == 200
        seen.append(await both())
        details = [pair[0] for pair in seen]
        assert len(set(details)) == len(details)  # every write gave the playlist a new ETag
        track_tags = [pair[1] for pair in seen]
        assert len(set(track_tags[:4])) == 4  # every track write gave the tracks a new one
        await assert_not_modified(client, tracks, track_tags[-1], owner.headers)

    async def test_visibility_changes(self, client: AsyncClient, profile: Profile) -> None:
        owner = await quick_user(profile, "owner")
        playlist = await create_playlist(client, owner, name="Mine", is_public=True)
        url = f"/api/v1/playlists/{playlist['id']}"
        public_tag = await etag_of(client, url)  # anonymous callers see a public playlist
        owner_tag = await etag_of(client, url, owner.headers)
        hidden = await client.patch(url, json={"is_public": False}, headers=owner.headers)
        assert hidden.status_code == 200
        # Anonymous: gone, and a revalidation is no 304.
        gone = await client.get(url, headers={"If-None-Match": public_tag})
        assert gone.status_code == 404
        assert "ETag" not in gone.headers
        private_tag = await etag_of(client, url, owner.headers)
        assert private_tag != owner_tag
        shown = await client.patch(url, json={"is_public": True}, headers=owner.headers)
        assert shown.status_code == 200
        again = await client.get(url, headers={"If-None-Match": private_tag})
        assert again.status_code == 200
        assert again.json()["is_public"] is True


class TestNotCached:
    async def test_shuffle_next_is_never_answered_304(
        self, client: AsyncClient, profile: Profile
    ) -> None:
        owner = await quick_user(profile, "dj")
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], await make_songs(profile, 1))
        url = f"/api/v1/playlists/{playlist['id']}/shuffle/next"
        first = await client.get(url, headers=owner.headers)
        assert first.status_code == 200
        assert "ETag" not in first.headers
        second = await client.get(url, headers={**owner.headers, "If-None-Match": "*"})
        assert second.status_code == 200


async def test_openapi_documents_304_on_etagged_reads(spec: dict[str, Any]) -> None:
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        conditional = (
            path.startswith("/api/v1/") and "/shuffle" not in path and "/auth/" not in path
        )
        assert ("304" in get["responses"]) is conditional, path
