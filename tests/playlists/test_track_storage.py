"""Order storage: sparse keys, only moved rows rewritten, renumbering when a gap runs out."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from fastfm.playlists.models import PlaylistEntry
from fastfm.playlists.sort_keys import GAP
from tests.conftest import Profile
from tests.factories.playlists import add_tracks, create_playlist, track_song_ids
from tests.factories.users import AuthedUser


async def keys_by_entry(profile: Profile, playlist_id: int) -> dict[int, int]:
    async with profile.session() as session:
        rows = await session.execute(
            select(PlaylistEntry.id, PlaylistEntry.sort_key).where(
                PlaylistEntry.playlist_id == playlist_id
            )
        )
        return {row[0]: row[1] for row in rows}


@pytest.fixture
async def thirty(client: AsyncClient, owner: AuthedUser, songs: list[int]) -> dict[str, Any]:
    playlist = await create_playlist(client, owner)
    playlist["order"] = [songs[i % 10] for i in range(30)]
    await client.put(
        f"/api/v1/playlists/{playlist['id']}/tracks",
        json={"song_ids": playlist["order"]},
        headers=owner.headers,
    )
    return playlist


class TestOnlyTouchedRowsChange:
    async def test_inserting_at_the_top_leaves_every_other_row_alone(
        self,
        client: AsyncClient,
        owner: AuthedUser,
        songs: list[int],
        profile: Profile,
        thirty: Any,
    ) -> None:
        before = await keys_by_entry(profile, thirty["id"])
        await add_tracks(client, owner, thirty["id"], songs[:3], position=0)
        after = await keys_by_entry(profile, thirty["id"])
        assert {k: after[k] for k in before} == before
        assert len(after) == 33

    async def test_moving_a_block_rewrites_only_the_block(
        self, client: AsyncClient, owner: AuthedUser, profile: Profile, thirty: Any
    ) -> None:
        before = await keys_by_entry(profile, thirty["id"])
        ordered = sorted(before, key=before.__getitem__)
        response = await client.patch(
            f"/api/v1/playlists/{thirty['id']}/tracks",
            json={"range_start": 25, "range_length": 5, "insert_before": 0},
            headers=owner.headers,
        )
        assert response.status_code == 200
        after = await keys_by_entry(profile, thirty["id"])
        changed = {entry for entry in before if before[entry] != after[entry]}
        assert changed == set(ordered[25:])
        new_order = sorted(after, key=after.__getitem__)
        assert new_order == ordered[25:] + ordered[:25]


class TestRenumbering:
    async def test_inserting_again_and_again_at_one_spot_keeps_the_order(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], profile: Profile
    ) -> None:
        playlist = await create_playlist(client, owner)
        model = [songs[0], songs[1]]
        await add_tracks(client, owner, playlist["id"], model)
        # Each insert halves the gap after position 0: it runs out after ~20.
        for i in range(24):
            song = songs[2 + i % 8]
            await add_tracks(client, owner, playlist["id"], [song], position=1)
            model.insert(1, song)
        assert await track_song_ids(client, owner, playlist["id"]) == model
        keys = sorted((await keys_by_entry(profile, playlist["id"])).values())
        # Without a renumbering the last entry would still hold its first key, 2 * GAP.
        assert keys[-1] > 2 * GAP
        assert len(set(keys)) == len(model)

    async def test_a_block_moved_into_an_exhausted_gap_lands_in_order(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int]
    ) -> None:
        playlist = await create_playlist(client, owner)
        model = list(songs)
        await add_tracks(client, owner, playlist["id"], model)
        for _ in range(3):  # 100 keys at a time between positions 0 and 1: ~3 exhaust the gap
            await add_tracks(client, owner, playlist["id"], [songs[9]] * 100, position=1)
            model[1:1] = [songs[9]] * 100
        response = await client.patch(
            f"/api/v1/playlists/{playlist['id']}/tracks",
            json={"range_start": len(model) - 9, "range_length": 9, "insert_before": 1},
            headers=owner.headers,
        )
        assert response.status_code == 200
        block = model[-9:]
        model = model[:1] + block + model[1:-9]
        assert await track_song_ids(client, owner, playlist["id"]) == model


class TestDatabaseConstraints:
    async def test_two_entries_cannot_share_a_key(
        self, client: AsyncClient, owner: AuthedUser, songs: list[int], profile: Profile
    ) -> None:
        playlist = await create_playlist(client, owner)
        await add_tracks(client, owner, playlist["id"], songs[:1])
        key = next(iter((await keys_by_entry(profile, playlist["id"])).values()))
        async with profile.session() as session:
            session.add(PlaylistEntry(playlist_id=playlist["id"], song_id=songs[1], sort_key=key))
            with pytest.raises(IntegrityError):
                await session.flush()
            await session.rollback()
