"""Shuffling a playlist that changes mid-cycle, and a session shared by two API instances."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from httpx import ASGITransport, AsyncClient
from sqlalchemy import delete

from fastfm.main import create_app
from fastfm.playlists.models import PlaylistEntry
from tests.conftest import Profile
from tests.factories.playlists import add_tracks, delete_with_body
from tests.factories.users import AuthedUser
from tests.shuffle.helpers import (
    adjacent_same_artist,
    interleaved,
    playlist_with,
    song_ids,
    songs_by_artist,
    take,
    url,
)


async def remove_songs(
    client: AsyncClient, user: AuthedUser, playlist_id: int, songs: list[int]
) -> None:
    response = await delete_with_body(
        client, f"/api/v1/playlists/{playlist_id}/tracks", {"song_ids": songs}, user
    )
    assert response.status_code == 200, response.text


class TestLivingPlaylist:
    async def test_songs_added_mid_cycle_are_played_later_in_that_cycle(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        first, second, late = await songs_by_artist(profile, [3, 3, 4])
        playlist_id = await playlist_with(client, listener, interleaved([first, second]))
        before = await take(client, listener, playlist_id, 2)

        await add_tracks(client, listener, playlist_id, late)
        rest = await take(client, listener, playlist_id, 8)

        assert [b["cycle"] for b in rest] == [1] * 8
        assert [b["remaining_in_cycle"] for b in rest] == list(range(8))[::-1]
        assert sorted(song_ids(before + rest)) == sorted(first + second + late)
        assert adjacent_same_artist(before + rest) == 0
        for body in rest:
            assert body["position"] == (first + second + late).index(body["song"]["id"])
        following = await take(client, listener, playlist_id, 1)
        assert following[0]["cycle"] == 2

    async def test_removed_songs_are_never_played_after_their_removal(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        groups = await songs_by_artist(profile, [3, 3, 3])
        songs = interleaved(groups)
        playlist_id = await playlist_with(client, listener, songs)
        before = await take(client, listener, playlist_id, 3)
        unplayed = [s for s in songs if s not in song_ids(before)]
        removed = [before[0]["song"]["id"], *unplayed[:3]]

        await remove_songs(client, listener, playlist_id, removed)
        rest = await take(client, listener, playlist_id, 3)

        kept = [s for s in songs if s not in removed]
        assert not set(song_ids(rest)) & set(removed)
        assert sorted(song_ids(before[1:] + rest)) == sorted(kept)
        assert [b["remaining_in_cycle"] for b in rest] == [2, 1, 0]
        view = (await client.get(url(playlist_id), headers=listener.headers)).json()
        assert (view["played"], view["remaining_in_cycle"]) == (len(kept), 0)
        assert {b["cycle"] for b in rest} == {1}
        for body in rest:
            assert body["position"] == kept.index(body["song"]["id"])
        following = await take(client, listener, playlist_id, len(kept))
        assert {b["cycle"] for b in following} == {2}
        assert sorted(song_ids(following)) == sorted(kept)

    async def test_the_session_view_follows_the_playlist(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        old, new = await songs_by_artist(profile, [12, 1])
        playlist_id = await playlist_with(client, listener, old)
        await take(client, listener, playlist_id, 1)
        view = (await client.get(url(playlist_id), headers=listener.headers)).json()
        doomed = [song["id"] for song in view["upcoming"][:3]]

        await remove_songs(client, listener, playlist_id, doomed)
        await add_tracks(client, listener, playlist_id, new)
        view = (await client.get(url(playlist_id), headers=listener.headers)).json()

        assert (view["played"], view["remaining_in_cycle"]) == (1, 9)
        assert not {song["id"] for song in view["upcoming"]} & set(doomed)
        rest = await take(client, listener, playlist_id, 9)
        assert [song["id"] for song in view["upcoming"]][:9] == song_ids(rest)
        assert new[0] in song_ids(rest)

    async def test_positions_follow_a_reorder(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        songs = interleaved(await songs_by_artist(profile, [3, 3]))
        playlist_id = await playlist_with(client, listener, songs)
        before = await take(client, listener, playlist_id, 1)
        moved = await client.patch(
            f"/api/v1/playlists/{playlist_id}/tracks",
            json={"range_start": 5, "insert_before": 0},
            headers=listener.headers,
        )
        assert moved.status_code == 200
        reordered = [songs[5], *songs[:5]]

        rest = await take(client, listener, playlist_id, 5)

        assert sorted(song_ids(before + rest)) == sorted(songs)
        for body in rest:
            assert body["position"] == reordered.index(body["song"]["id"])

    async def test_an_entry_gone_before_the_version_moved_is_skipped(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        """A removal committed while a request is between reading the snapshot and
        answering: the entry is checked again when it comes up."""
        (songs,) = await songs_by_artist(profile, [5])
        playlist_id = await playlist_with(client, listener, songs)
        view = (await client.post(url(playlist_id), json={}, headers=listener.headers)).json()
        order = [song["id"] for song in view["upcoming"]]
        async with profile.session() as session, session.begin():
            await session.execute(
                delete(PlaylistEntry).where(PlaylistEntry.song_id.in_(order[1:3]))
            )

        played = await take(client, listener, playlist_id, 2)

        assert song_ids(played) == [order[0], order[3]]
        assert not set(song_ids(await take(client, listener, playlist_id, 6))) & set(order[1:3])

    async def test_emptying_the_playlist_ends_the_shuffle(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        (songs,) = await songs_by_artist(profile, [4])
        playlist_id = await playlist_with(client, listener, songs)
        await take(client, listener, playlist_id, 1)
        await remove_songs(client, listener, playlist_id, songs)
        response = await client.get(url(playlist_id, "/next"), headers=listener.headers)
        assert response.status_code == 204
        await add_tracks(client, listener, playlist_id, songs[:2])
        resumed = await take(client, listener, playlist_id, 2)
        assert sorted(song_ids(resumed)) == songs[:2]
        assert {b["cycle"] for b in resumed} == {1}


@asynccontextmanager
async def second_instance(profile: Profile) -> AsyncIterator[AsyncClient]:
    """Another API process on the same database and Redis (a fresh app, own lifespan)."""
    app = create_app(profile.settings)
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app, client=("203.0.113.8", 50000))
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


@pytest.mark.postgres_only  # the production profile, whose sessions live in Redis
class TestSharedAcrossInstances:
    async def test_a_session_started_on_one_instance_continues_on_another(
        self, client: AsyncClient, profile: Profile, listener: AuthedUser
    ) -> None:
        songs = interleaved(await songs_by_artist(profile, [4, 4, 4]))
        playlist_id = await playlist_with(client, listener, songs)
        started = await client.post(url(playlist_id), json={"seed": 5}, headers=listener.headers)
        upcoming = [song["id"] for song in started.json()["upcoming"]]
        here = await take(client, listener, playlist_id, 4)

        async with second_instance(profile) as other:
            view = (await other.get(url(playlist_id), headers=listener.headers)).json()
            there = await take(other, listener, playlist_id, 8)

        assert (view["seed"], view["played"], view["remaining_in_cycle"]) == (5, 4, 8)
        assert song_ids(here + there)[:10] == upcoming
        assert sorted(b["position"] for b in here + there) == list(range(12))
        assert {b["cycle"] for b in here + there} == {1}
        assert (await take(client, listener, playlist_id, 1))[0]["cycle"] == 2
