"""The session store, and the shuffle sources the routes open with a reader.

A source is opened inside the route: one statement checks the caller's token and reads
what the source's version needs (a playlist's visibility and ``snapshot_id``, or the
fingerprint of the caller's likes). Its later reads take their own short connections.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Protocol

from fastapi import Depends, Request
from starlette.datastructures import State

from fastfm.auth.dependencies import AccessClaimsDep
from fastfm.auth.exceptions import InvalidToken
from fastfm.auth.security import AccessClaims
from fastfm.db.reads import ReadOpener
from fastfm.kit.ids import IdPath
from fastfm.playlists.exceptions import PlaylistNotFound
from fastfm.shuffle import repository
from fastfm.shuffle.sources import LikedSource, PlaylistSource, ShuffleSource
from fastfm.shuffle.store import ShuffleStore
from fastfm.shuffle.store_memory import MemoryShuffleStore
from fastfm.shuffle.store_redis import RedisShuffleStore


def get_shuffle_store(request: Request) -> ShuffleStore:
    """The app's store: Redis when configured, else one in-process store per app."""
    return store_of(request.app.state)


def store_of(state: State) -> ShuffleStore:
    """The shuffle store of the app whose ``state`` this is (also outside a request)."""
    redis = state.shared.redis
    cached: tuple[object, ShuffleStore] | None = getattr(state, "shuffle_store", None)
    # Keyed by the client, so an app whose lifespan ran again never uses a closed one.
    if cached is None or cached[0] is not redis:
        store: ShuffleStore = (
            MemoryShuffleStore()
            if redis is None
            else RedisShuffleStore(
                redis, state.settings.redis_key_prefix, outage=state.shared.redis_outage
            )
        )
        cached = (redis, store)
        state.shuffle_store = cached
    return cached[1]


ShuffleStoreDep = Annotated[ShuffleStore, Depends(get_shuffle_store)]


class SourceRef(Protocol):
    """What a route shuffles, before it is opened on a connection."""

    async def open(self, read: ReadOpener) -> ShuffleSource:
        """The source; 401 if the caller's token was revoked, 404 if it is not theirs to see."""
        ...


@dataclass(frozen=True, slots=True)
class PlaylistRef:
    claims: AccessClaims
    playlist_id: int

    async def open(self, read: ReadOpener) -> PlaylistSource:
        async with read() as db:
            live, snapshot_id = await repository.playlist_for_caller(
                db, self.claims, self.playlist_id
            )
        if not live:
            raise InvalidToken()
        if snapshot_id is None:
            raise PlaylistNotFound()
        return PlaylistSource(read, self.claims.user_id, self.playlist_id, snapshot_id)


@dataclass(frozen=True, slots=True)
class LikedRef:
    claims: AccessClaims

    async def open(self, read: ReadOpener) -> LikedSource:
        async with read() as db:
            live, fingerprint = await repository.likes_for_caller(db, self.claims)
        if not live:
            raise InvalidToken()
        return LikedSource(read, self.claims.user_id, fingerprint)


async def playlist_ref(claims: AccessClaimsDep, playlist_id: IdPath) -> PlaylistRef:
    """The caller's shuffle over a playlist (a verified token; checked live when opened)."""
    return PlaylistRef(claims, playlist_id)


async def liked_ref(claims: AccessClaimsDep) -> LikedRef:
    """The caller's shuffle over their liked songs."""
    return LikedRef(claims)
