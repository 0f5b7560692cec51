"""Playlists for tests: users with tokens, songs to put in playlists, playlist helpers.

owner = await quick_user(profile, "olga")            # no password hashing: fast
song_ids = await make_songs(profile, 5)                # durations 1000, 2000, ...
playlist = await create_playlist(client, owner, name="Mix", is_public=True)
await add_tracks(client, owner, playlist["id"], song_ids)
assert await track_song_ids(client, owner, playlist["id"]) == song_ids
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from httpx import AsyncClient, Response
from sqlalchemy import insert, select

from fastfm.auth.models import RefreshToken
from fastfm.auth.security import (
    create_access_token,
    hash_refresh_token,
    new_family_id,
    new_refresh_token,
)
from fastfm.catalog.artists.models import Artist
from fastfm.catalog.songs.models import Song, SongArtist
from fastfm.db.base import utcnow
from fastfm.users.models import User
from tests.conftest import Profile
from tests.factories.users import AuthedUser, email_for

# Never used to log in: these users get their access token minted directly.
UNUSABLE_PASSWORD_HASH = "!"


async def quick_user(
    profile: Profile, username: str, *, display_name: str | None = None
) -> AuthedUser:
    """An account inserted directly, logged in once, without hashing a password."""
    now = utcnow()
    family_id = new_family_id()
    refresh_token = new_refresh_token()
    async with profile.session() as session, session.begin():
        user = User(
            email=email_for(username),
            username=username,
            display_name=display_name,
            password_hash=UNUSABLE_PASSWORD_HASH,
            is_admin=False,
            token_version=0,
            created_at=now,
            updated_at=now,
        )
        session.add(user)
        await session.flush()
        user_id = user.id
        expires = now + timedelta(days=1)
        session.add(
            RefreshToken(
                user_id=user_id,
                family_id=family_id,
                token_hash=hash_refresh_token(refresh_token),
                created_at=now,
                expires_at=expires,
                family_expires_at=expires,
            )
        )
    token = create_access_token(
        profile.settings, user_id=user_id, token_version=0, family_id=family_id
    )
    return AuthedUser(
        id=user_id,
        username=username,
        email=email_for(username),
        password="",
        access_token=token,
        refresh_token=refresh_token,
        me={"id": user_id, "username": username, "display_name": display_name},
    )


def user_ref(user: AuthedUser) -> dict[str, Any]:
    """The UserRef body the API shows for ``user``."""
    return {"id": user.id, "username": user.username, "display_name": user.me["display_name"]}


async def make_songs(
    profile: Profile, count: int, *, durations: Sequence[int] | None = None
) -> list[int]:
    """``count`` songs by one new artist; durations default to 1000, 2000, … ms."""
    durations = list(durations) if durations is not None else [1000 * (i + 1) for i in range(count)]
    now = utcnow()
    async with profile.session() as session, session.begin():
        artist = Artist(name="Test Artist", created_at=now, updated_at=now, follower_count=0)
        session.add(artist)
        await session.flush()
        first = await session.scalar(select(Song.id).order_by(Song.id.desc()).limit(1)) or 0
        rows = [
            {
                "title": f"Song {first + i + 1}",
                "duration_ms": durations[i],
                "explicit": False,
                "disc_number": 1,
                "like_count": 0,
                "play_count": 0,
                "created_at": now,
                "updated_at": now,
            }
            for i in range(count)
        ]
        ids = list(await session.scalars(insert(Song).returning(Song.id), rows))
        links = [{"song_id": song_id, "position": 0, "artist_id": artist.id} for song_id in ids]
        await session.execute(insert(SongArtist), links)
    return sorted(ids)


async def create_playlist(client: AsyncClient, user: AuthedUser, **fields: Any) -> dict[str, Any]:
    """``POST /playlists`` (name defaults to "Mix"); asserts a 201."""
    body = {"name": "Mix", **fields}
    response = await client.post("/api/v1/playlists", json=body, headers=user.headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def add_tracks(
    client: AsyncClient,
    user: AuthedUser,
    playlist_id: int,
    song_ids: Sequence[int],
    position: int | None = None,
) -> str:
    """``POST /playlists/{id}/tracks``; asserts a 201 and returns the snapshot_id."""
    body: dict[str, Any] = {"song_ids": list(song_ids)}
    if position is not None:
        body["position"] = position
    response = await client.post(
        f"/api/v1/playlists/{playlist_id}/tracks", json=body, headers=user.headers
    )
    assert response.status_code == 201, response.text
    snapshot: str = response.json()["snapshot_id"]
    return snapshot


async def tracks(
    client: AsyncClient, user: AuthedUser | None, playlist_id: int
) -> list[dict[str, Any]]:
    """Every PlaylistTrack of the playlist, page by page."""
    found: list[dict[str, Any]] = []
    headers = user.headers if user is not None else {}
    while True:
        response = await client.get(
            f"/api/v1/playlists/{playlist_id}/tracks",
            params={"limit": 100, "offset": len(found)},
            headers=headers,
        )
        assert response.status_code == 200, response.text
        page = response.json()
        found.extend(page["items"])
        if page["next"] is None:
            return found


async def track_song_ids(
    client: AsyncClient, user: AuthedUser | None, playlist_id: int
) -> list[int]:
    """The playlist's song ids in position order."""
    return [track["song"]["id"] for track in await tracks(client, user, playlist_id)]


async def delete_with_body(
    client: AsyncClient, url: str, body: dict[str, Any], user: AuthedUser | None
) -> Response:
    """``DELETE`` with a JSON body (httpx's ``delete()`` takes none)."""
    headers = user.headers if user is not None else {}
    return await client.request("DELETE", url, json=body, headers=headers)
