"""Catalog rows to like, follow and play (made by the catalog's services), and the library
calls tests make through the API.

artist = await add_artist(profile, "Nina Simone")
song = await add_song(profile, "Sinnerman", [artist])
await like(client, alice, song)                     # asserts 201
await play(client, alice, song, days_ago=3)         # asserts 201
assert (await song_counters(profile, song)) == (1, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select

from fastfm.catalog.artists import service as artist_service
from fastfm.catalog.artists.models import Artist
from fastfm.catalog.artists.schemas import ArtistCreate
from fastfm.catalog.songs import service as song_service
from fastfm.catalog.songs.models import Song
from fastfm.catalog.songs.schemas import SongCreate
from fastfm.db.base import Base
from fastfm.users.models import User
from tests.conftest import Profile
from tests.factories.users import AuthedUser

API = "/api/v1"


async def add_artist(profile: Profile, name: str = "Nina Simone") -> int:
    """An artist made by the catalog service, committed; returns its id."""
    async with profile.session() as session, session.begin():
        return await artist_service.create_artist(session, ArtistCreate(name=name))


async def add_song(
    profile: Profile, title: str = "Sinnerman", artist_ids: Sequence[int] = ()
) -> int:
    """A song performed by ``artist_ids`` in billing order (a new artist if none), committed."""
    if not artist_ids:
        artist_ids = [await add_artist(profile, f"Artist of {title}")]
    async with profile.session() as session, session.begin():
        body = SongCreate(title=title, duration_ms=180_000, artist_ids=list(artist_ids))
        return await song_service.create_song(session, body)


async def add_songs(profile: Profile, count: int, artist_id: int | None = None) -> list[int]:
    """``count`` songs titled ``Song 00``, ``Song 01``… (one shared artist)."""
    artist = artist_id or await add_artist(profile, "Shared Artist")
    return [await add_song(profile, f"Song {n:02d}", [artist]) for n in range(count)]


async def song_counters(profile: Profile, song_id: int) -> tuple[int, int]:
    """``(like_count, play_count)`` as the database holds them."""
    async with profile.session() as session:
        row = (
            await session.execute(
                select(Song.like_count, Song.play_count).where(Song.id == song_id)
            )
        ).one()
        return row.like_count, row.play_count


async def artist_follower_count(profile: Profile, artist_id: int) -> int:
    async with profile.session() as session:
        count = await session.scalar(select(Artist.follower_count).where(Artist.id == artist_id))
        assert count is not None
        return count


async def user_follower_count(profile: Profile, user_id: int) -> int:
    async with profile.session() as session:
        count = await session.scalar(select(User.follower_count).where(User.id == user_id))
        assert count is not None
        return count


async def count_rows(profile: Profile, model: type[Base], *where: Any) -> int:
    """How many rows of ``model`` match ``where``."""
    async with profile.session() as session:
        total = await session.scalar(select(func.count()).select_from(model).where(*where))
        return int(total or 0)


def ago(*, days: float = 0, hours: float = 0) -> str:
    """An ISO 8601 UTC timestamp that far in the past."""
    return (datetime.now(UTC) - timedelta(days=days, hours=hours)).isoformat()


async def like(client: AsyncClient, user: AuthedUser, song_id: int) -> dict[str, Any]:
    response = await client.post(f"{API}/me/liked/{song_id}", headers=user.headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def play(
    client: AsyncClient,
    user: AuthedUser,
    song_id: int,
    *,
    days_ago: float | None = None,
    hours_ago: float = 0,
    times: int = 1,
) -> None:
    """Record ``times`` listens; at ``days_ago``/``hours_ago`` in the past, or now."""
    body: dict[str, Any] = {"song_id": song_id}
    if days_ago is not None or hours_ago:
        body["played_at"] = ago(days=days_ago or 0, hours=hours_ago)
    for _ in range(times):
        response = await client.post(f"{API}/me/plays", json=body, headers=user.headers)
        assert response.status_code == 201, response.text


async def follow_artist(client: AsyncClient, user: AuthedUser, artist_id: int) -> None:
    response = await client.put(f"{API}/me/following/artists/{artist_id}", headers=user.headers)
    assert response.status_code == 204, response.text


async def follow_user(client: AsyncClient, user: AuthedUser, user_id: int) -> None:
    response = await client.put(f"{API}/me/following/users/{user_id}", headers=user.headers)
    assert response.status_code == 204, response.text
