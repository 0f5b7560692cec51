"""Smart shuffle over a playlist (``/playlists/{id}/shuffle``) or your liked songs
(``/me/liked/shuffle``): one session per user and source.

Every route opens its source with a reader of short read connections (``reading``):
shuffling writes only to the session store. ``next`` answers with JSON bytes written
once from the song body the read shaped (``response_model`` documents it).

No ``from __future__ import annotations`` here: the routes are defined in a function and
their parameters name its local ``ref_dependency``, which FastAPI must see evaluated.
"""

from collections.abc import Callable, Coroutine
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Response, status

from fastfm.db.reads import reading
from fastfm.errors import error_responses
from fastfm.kit.responses import json_response
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.shuffle import service
from fastfm.shuffle.dependencies import ShuffleStoreDep, SourceRef, liked_ref, playlist_ref
from fastfm.shuffle.schemas import ShuffleNext, ShuffleSession, ShuffleStart
from fastfm.shuffle.service import SessionView

RefDependency = Callable[..., Coroutine[Any, Any, SourceRef]]
EMPTY: dict[int | str, dict[str, Any]] = {204: {"description": "Nothing to play: no tracks"}}


def _session_body(view: SessionView) -> ShuffleSession:
    return ShuffleSession.model_validate(view, from_attributes=True)


def shuffle_routes(prefix: str, ref_dependency: RefDependency, noun: str) -> APIRouter:
    """The four shuffle routes over the source that ``ref_dependency`` names."""
    router = APIRouter(prefix=prefix, tags=["shuffle"], route_class=DocstringSummaryRoute)
    # 404 for an invisible playlist; the liked songs are always the caller's own.
    not_found = (401, 404) if "{" in prefix else (401,)

    @router.get(
        "/next",
        response_model=ShuffleNext,
        responses={**EMPTY, **error_responses(*not_found, 503)},
        summary=f"The next track of the shuffle over {noun}.",
    )
    async def next_track(
        request: Request, store: ShuffleStoreDep, ref: Annotated[SourceRef, Depends(ref_dependency)]
    ) -> Response:
        """The next track; starts a balanced session with a random seed if there is none."""
        found = await service.next_entry(store, await ref.open(partial(reading, request)))
        if found is None:
            return Response(status_code=status.HTTP_204_NO_CONTENT)
        return json_response(
            {
                "song": found.song,
                "position": found.position,
                "cycle": found.cycle,
                "remaining_in_cycle": found.remaining_in_cycle,
            }
        )

    @router.post(
        "",
        response_model=ShuffleSession,
        status_code=status.HTTP_201_CREATED,
        responses=error_responses(*not_found, 413, 503),
        summary=f"Start a fresh shuffle over {noun}.",
    )
    async def start_shuffle(
        request: Request,
        response: Response,
        store: ShuffleStoreDep,
        ref: Annotated[SourceRef, Depends(ref_dependency)],
        body: Annotated[ShuffleStart | None, Body()] = None,
    ) -> ShuffleSession:
        """A new session at cycle 1 (replacing any): `mode` (default balanced) and `seed`."""
        options = body or ShuffleStart()
        source = await ref.open(partial(reading, request))
        view = await service.start(store, source, options.mode, options.seed)
        response.headers["Location"] = request.url.path
        return _session_body(view)

    @router.get(
        "",
        response_model=ShuffleSession,
        responses=error_responses(401, 404, 503),
        summary=f"The shuffle session over {noun}.",
    )
    async def get_shuffle(
        request: Request, store: ShuffleStoreDep, ref: Annotated[SourceRef, Depends(ref_dependency)]
    ) -> ShuffleSession:
        """Mode, cycle, counts and the next 10 songs; 404 `shuffle_session_not_found`."""
        source = await ref.open(partial(reading, request))
        return _session_body(await service.view(store, source))

    @router.delete(
        "",
        status_code=status.HTTP_204_NO_CONTENT,
        responses=error_responses(*not_found, 503),
        summary=f"Stop shuffling {noun}.",
    )
    async def stop_shuffle(
        request: Request, store: ShuffleStoreDep, ref: Annotated[SourceRef, Depends(ref_dependency)]
    ) -> None:
        """Forget the session (204 whether or not there was one)."""
        await service.stop(store, await ref.open(partial(reading, request)))

    return router


ROUTERS = (
    shuffle_routes("/playlists/{playlist_id}/shuffle", playlist_ref, "a playlist"),
    shuffle_routes("/me/liked/shuffle", liked_ref, "your liked songs"),
)
