"""POST /spotify/import: playlists in order, saved tracks as likes, matching, idempotence."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select

from fastfm.catalog.albums.models import Album
from fastfm.catalog.artists.models import Artist
from fastfm.catalog.songs.models import Song
from fastfm.library.likes.models import SongLike
from fastfm.playlists.models import Playlist
from tests.conftest import Profile
from tests.factories.users import AuthedUser, register_and_login
from tests.integrations.spotify.fake import FakeSpotify, item, track
from tests.integrations.spotify.helpers import API, link
from tests.jobs.helpers import wait_for_job


async def count(profile: Profile, model: Any) -> int:
    async with profile.session() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def start_import(
    client: AsyncClient, user: AuthedUser, body: dict[str, Any] | None = None
) -> int:
    response = await client.post(f"{API}/spotify/import", json=body or {}, headers=user.headers)
    assert response.status_code == 202, response.text
    job_id: int = response.json()["job_id"]
    assert response.headers["location"] == f"/api/v1/jobs/{job_id}"
    return job_id


async def finished(client: AsyncClient, profile: Profile, user: AuthedUser, job_id: int) -> Any:
    await wait_for_job(profile, job_id)
    response = await client.get(f"{API}/jobs/{job_id}", headers=user.headers)
    assert response.status_code == 200
    return response.json()


def library(fake: FakeSpotify) -> None:
    """Two playlists (one with a local and a removed track) and three saved tracks."""
    fake.add_playlist(
        "pl1",
        "Road trip",
        [item(track(1)), item(track(2)), item(None), item(track(3), is_local=True), item(track(1))],
        description="Songs for the car &amp; the road",
    )
    fake.add_playlist("pl2", "Quiet", [item(track(4, artist=1)), item(track(2))])
    fake.saved = [
        item(track(5), "2024-03-03T00:00:00Z"),
        item(track(1), "2024-02-02T00:00:00Z"),
        item(track(6), "2024-01-01T00:00:00Z"),
    ]


async def playlist_tracks(client: AsyncClient, user: AuthedUser, playlist_id: int) -> list[str]:
    response = await client.get(f"{API}/playlists/{playlist_id}/tracks", headers=user.headers)
    assert response.status_code == 200
    return [entry["song"]["title"] for entry in response.json()["items"]]


class TestImport:
    async def test_imports_playlists_in_order_and_likes(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        await link(client, alice)
        library(fake)

        job = await finished(client, profile, alice, await start_import(client, alice))

        assert job["status"] == "succeeded", job
        assert job["kind"] == "spotify_import"
        assert job["progress"] == {"done": 3, "total": 3}
        result = job["result"]
        assert result["playlists"]["imported"] == 2
        assert result["playlists"]["created"] == 2
        # Distinct tracks, each counted once: 1, 2, 4 in playlists, 5 and 6 saved.
        assert result["tracks"]["distinct"] == 5
        assert result["tracks"]["created"] == 5
        assert result["tracks"]["matched"] == {"spotify_id": 0, "isrc": 0, "metadata": 0}
        assert result["tracks"]["skipped"] == {"local": 1, "unavailable": 1}
        assert result["likes"] == {"saved_tracks": 3, "added": 3}
        ids = result["playlists"]["ids"]
        road = await client.get(f"{API}/playlists/{ids['pl1']}", headers=alice.headers)
        assert road.status_code == 200
        assert road.json()["name"] == "Road trip"
        assert road.json()["description"] == "Songs for the car & the road"
        assert road.json()["is_public"] is False
        assert road.json()["track_count"] == 3
        assert await playlist_tracks(client, alice, ids["pl1"]) == ["Track 1", "Track 2", "Track 1"]
        assert await playlist_tracks(client, alice, ids["pl2"]) == ["Track 4", "Track 2"]
        liked = await client.get(f"{API}/me/liked", headers=alice.headers)
        assert [e["song"]["title"] for e in liked.json()["items"]] == [
            "Track 5",
            "Track 1",
            "Track 6",
        ]
        assert liked.json()["items"][0]["liked_at"].startswith("2024-03-03")
        assert await count(profile, Song) == 5  # the local track 3 is not imported
        assert await count(profile, Artist) == 4  # track 4 shares artist 1
        assert await count(profile, Album) == 5
        song = (await client.get(f"{API}/songs", params={"q": "Track 1"})).json()["items"][0]
        assert song["isrc"] == "USRC10000001"
        assert song["artists"][0]["name"] == "Artist 1"
        assert song["like_count"] == 1

    async def test_a_second_import_duplicates_nothing_and_keeps_ids(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        await link(client, alice)
        library(fake)
        first = await finished(client, profile, alice, await start_import(client, alice))
        fake.playlists["pl1"].name = "Road trip 2"
        fake.playlists["pl1"].items.append(item(track(7)))

        second = await finished(client, profile, alice, await start_import(client, alice))

        assert second["status"] == "succeeded"
        assert second["result"]["playlists"]["ids"] == first["result"]["playlists"]["ids"]
        assert second["result"]["playlists"]["created"] == 0
        assert second["result"]["tracks"]["created"] == 1
        assert second["result"]["tracks"]["matched"]["spotify_id"] == 5
        assert second["result"]["likes"]["added"] == 0
        assert await count(profile, Playlist) == 2
        assert await count(profile, Song) == 6
        assert await count(profile, SongLike) == 3
        pl1 = first["result"]["playlists"]["ids"]["pl1"]
        assert (await playlist_tracks(client, alice, pl1))[-1] == "Track 7"
        detail = await client.get(f"{API}/playlists/{pl1}", headers=alice.headers)
        assert detail.json()["name"] == "Road trip 2"

    async def test_only_the_asked_playlists_and_no_likes(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        await link(client, alice)
        library(fake)

        job_id = await start_import(
            client, alice, {"playlist_ids": ["pl2", "missing1"], "include_liked": False}
        )
        job = await finished(client, profile, alice, job_id)

        assert job["status"] == "succeeded"
        assert list(job["result"]["playlists"]["ids"]) == ["pl2"]
        assert job["result"]["playlists"]["not_found"] == ["missing1"]
        assert job["progress"] == {"done": 1, "total": 1}
        assert await count(profile, SongLike) == 0
        assert await count(profile, Playlist) == 1

    async def test_falls_back_to_the_tracks_endpoint(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        await link(client, alice)
        library(fake)
        fake.items_endpoint = False

        job = await finished(client, profile, alice, await start_import(client, alice))

        assert job["status"] == "succeeded"
        pl1 = job["result"]["playlists"]["ids"]["pl1"]
        assert await playlist_tracks(client, alice, pl1) == ["Track 1", "Track 2", "Track 1"]
        assert any("/tracks" in path for _, path in fake.api_requests())

    async def test_matches_existing_songs_by_isrc_then_metadata(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        admin_song = {"title": "Track 1", "duration_ms": 180_001, "isrc": "USRC10000001"}
        alice = await register_and_login(client, "alice")
        await link(client, alice)
        async with profile.session() as session, session.begin():
            artist = Artist(name="Artist 2", spotify_id="ar00000000000000000002")
            session.add(artist)
            await session.flush()
            by_isrc = Song(title="Track One (catalog)", duration_ms=1000, isrc=admin_song["isrc"])
            by_meta = Song(title="TRACK  2!", duration_ms=180_002 + 1500)
            session.add_all([by_isrc, by_meta])
            await session.flush()
            from fastfm.catalog.songs.models import SongArtist

            session.add(SongArtist(song_id=by_meta.id, position=0, artist_id=artist.id))
            session.add(SongArtist(song_id=by_isrc.id, position=0, artist_id=artist.id))
        fake.add_playlist("pl", "Mix", [item(track(1)), item(track(2)), item(track(3))])

        job_id = await start_import(client, alice, {"include_liked": False})
        job = await finished(client, profile, alice, job_id)

        assert job["status"] == "succeeded", job
        assert job["result"]["tracks"]["matched"] == {"spotify_id": 0, "isrc": 1, "metadata": 1}
        assert job["result"]["tracks"]["created"] == 1
        assert await count(profile, Song) == 3
        async with profile.session() as session:
            adopted = await session.get(Song, by_isrc.id)
        assert adopted is not None
        assert adopted.spotify_id == "tr00000000000000000001"

    async def test_one_import_at_a_time_answers_the_same_job(
        self, client: AsyncClient, profile: Profile, fake: FakeSpotify
    ) -> None:
        alice = await register_and_login(client, "alice")
        await link(client, alice)
        library(fake)
        fake.fail("/me/playlists", None, delay=0.5)

        first = await start_import(client, alice)
        second = await start_import(client, alice)

        assert second == first
        await finished(client, profile, alice, first)
        third = await start_import(client, alice)
        assert third != first


class TestRefusals:
    async def test_not_linked_is_409(self, client: AsyncClient, profile: Profile) -> None:
        alice = await register_and_login(client, "alice")
        response = await client.post(f"{API}/spotify/import", json={}, headers=alice.headers)
        assert response.status_code == 409
        assert response.json()["code"] == "spotify_not_linked"
        assert await count(profile, Playlist) == 0

    async def test_needs_a_token(self, client: AsyncClient) -> None:
        response = await client.post(f"{API}/spotify/import", json={})
        assert response.status_code == 401

    async def test_bad_bodies_are_422(self, client: AsyncClient, fake: FakeSpotify) -> None:
        alice = await register_and_login(client, "alice")
        await link(client, alice)
        for body in (
            {"playlist_ids": ["bad id!"]},
            {"playlist_ids": "pl1"},
            {"include_liked": "maybe"},
            {"owner_id": 1},
        ):
            response = await client.post(f"{API}/spotify/import", json=body, headers=alice.headers)
            assert response.status_code == 422, body
