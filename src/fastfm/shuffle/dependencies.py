"""The session store and the shuffle sources the routes work on."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from fastfm.auth.dependencies import CurrentUser
from fastfm.db.session import SessionDep
from fastfm.playlists.exceptions import PlaylistNotFound
from fastfm.shuffle import repository
from fastfm.shuffle.sources import LikedSource, PlaylistSource
from fastfm.shuffle.store import ShuffleStore
from fastfm.shuffle.store_memory import MemoryShuffleStore
from fastfm.shuffle.store_redis import RedisShuffleStore


def get_shuffle_store(request: Request) -> ShuffleStore:
    """The app's store: Redis when configured, else one in-process store per app."""
    state = request.app.state
    redis = state.shared.redis
    cached: tuple[object, ShuffleStore] | None = getattr(state, "shuffle_store", None)
    # Keyed by the client, so an app whose lifespan ran again never uses a closed one.
    if cached is None or cached[0] is not redis:
        store: ShuffleStore = (
            MemoryShuffleStore()
            if redis is None
            else RedisShuffleStore(redis, state.settings.redis_key_prefix)
        )
        cached = (redis, store)
        state.shuffle_store = cached
    return cached[1]


async def playlist_source(
    session: SessionDep, user: CurrentUser, playlist_id: int
) -> PlaylistSource:
    """The playlist, if the caller can see it (404 ``playlist_not_found`` otherwise)."""
    # One Core statement on the hot path: the playlist's own visibility clause, no entity.
    snapshot_id = await repository.visible_snapshot_id(session, playlist_id, user.id)
    if snapshot_id is None:
        raise PlaylistNotFound()
    return PlaylistSource(session, user.id, playlist_id, snapshot_id)


async def liked_source(session: SessionDep, user: CurrentUser) -> LikedSource:
    """The caller's liked songs."""
    fingerprint = await repository.likes_fingerprint(session, user.id)
    return LikedSource(session, user.id, fingerprint)


ShuffleStoreDep = Annotated[ShuffleStore, Depends(get_shuffle_store)]
