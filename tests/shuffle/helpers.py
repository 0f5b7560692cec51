"""Helpers for the shuffle API tests: songs by artist, playlists, calls to ``next``."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from httpx import AsyncClient, Response

from tests.conftest import Profile
from tests.factories.playlists import add_tracks, create_playlist, make_songs
from tests.factories.users import AuthedUser

Body = dict[str, Any]


async def songs_by_artist(profile: Profile, counts: Sequence[int]) -> list[list[int]]:
    """For each count, that many songs by one new artist."""
    return [await make_songs(profile, count) for count in counts]


def interleaved(groups: Sequence[Sequence[int]]) -> list[int]:
    """Every song of ``groups``, one artist's songs together (the worst order to play)."""
    return [song for group in groups for song in group]


async def playlist_with(
    client: AsyncClient, owner: AuthedUser, song_ids: Sequence[int], **fields: Any
) -> int:
    """A new playlist of ``owner`` holding ``song_ids``, in that order; its id."""
    playlist = await create_playlist(client, owner, **fields)
    for start in range(0, len(song_ids), 100):
        await add_tracks(client, owner, playlist["id"], song_ids[start : start + 100])
    playlist_id: int = playlist["id"]
    return playlist_id


def url(playlist_id: int, suffix: str = "") -> str:
    return f"/api/v1/playlists/{playlist_id}/shuffle{suffix}"


async def next_response(client: AsyncClient, user: AuthedUser, playlist_id: int) -> Response:
    return await client.get(url(playlist_id, "/next"), headers=user.headers)


async def take(client: AsyncClient, user: AuthedUser, playlist_id: int, count: int) -> list[Body]:
    """``count`` calls to ``next``, each asserted to be a 200; their bodies."""
    bodies: list[Body] = []
    for _ in range(count):
        response = await next_response(client, user, playlist_id)
        assert response.status_code == 200, response.text
        bodies.append(response.json())
    return bodies


def song_ids(bodies: Sequence[Body]) -> list[int]:
    return [body["song"]["id"] for body in bodies]


def primary_artists(bodies: Sequence[Body]) -> list[int]:
    return [body["song"]["artists"][0]["id"] for body in bodies]


def adjacent_same_artist(bodies: Sequence[Body]) -> int:
    artists = primary_artists(bodies)
    return sum(1 for a, b in pairwise(artists) if a == b)
