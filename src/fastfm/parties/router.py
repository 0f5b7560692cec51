"""Listening parties: start one over a playlist, find it by id or join code, end it.

The party itself is heard over ``WS /api/v1/parties/{id}/ws?token=ACCESS_TOKEN``
(see ``fastfm.parties.socket``).
"""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Response, status

from fastfm.auth.dependencies import CurrentUser
from fastfm.db.session import SessionDep
from fastfm.errors import error_responses
from fastfm.kit.ids import IdPath
from fastfm.kit.routing import DocstringSummaryRoute
from fastfm.parties import service
from fastfm.parties.dependencies import RuntimeDep
from fastfm.parties.schemas import PartyCreate, PartyJoin, PartyRead

router = APIRouter(prefix="/parties", tags=["parties"], route_class=DocstringSummaryRoute)

OPENAPI_TAG = {
    "name": "parties",
    "description": (
        "Listening parties. Members connect to `WS /api/v1/parties/{id}/ws?token=ACCESS_TOKEN` "
        'and receive `{"type": "state", "song", "position_ms", "is_playing", "server_time"}` '
        "on joining and on every change; the host sends "
        '`{"type": "play"|"pause"|"next"}` or `{"type": "seek", "position_ms"}`. '
        '`position_ms` is the position at `server_time`. Others\' controls get `{"type": '
        '"error", "code"}`. Handshake refusals close with 4401 (token) or 4403 (origin, or '
        'a party not visible); an ended party sends `{"type": "ended"}` and closes with 1000.'
    ),
}


@router.post(
    "",
    response_model=PartyRead,
    status_code=status.HTTP_201_CREATED,
    responses={
        **error_responses(401, 404, 409, 413),
        201: {"headers": {"Location": {"description": "The new party's URL"}}},
    },
)
async def create_party(
    session: SessionDep, user: CurrentUser, body: PartyCreate, response: Response
) -> PartyRead:
    """Start a party over a playlist you can see; you are its host."""
    party = await service.create_party(session, user, body.playlist_id)
    response.headers["Location"] = f"/api/v1/parties/{party.id}"
    return party


@router.post("/join", response_model=PartyRead, responses=error_responses(401, 404, 413))
async def join_party(session: SessionDep, user: CurrentUser, body: PartyJoin) -> PartyRead:
    """The party a join code names (404 if none, or its playlist is not visible to you)."""
    return await service.join_party(session, body.join_code, user)


@router.get("/{party_id:signed_int}", response_model=PartyRead, responses=error_responses(401, 404))
async def get_party(session: SessionDep, user: CurrentUser, party_id: IdPath) -> PartyRead:
    """A party whose playlist you can see."""
    return await service.get_party(session, party_id, user)


@router.delete(
    "/{party_id:signed_int}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
)
async def end_party(
    session: SessionDep,
    user: CurrentUser,
    party_id: IdPath,
    runtime: RuntimeDep,
    background: BackgroundTasks,
) -> None:
    """End the party (host only): members get `{"type": "ended"}` and are disconnected."""
    await service.end_party(session, party_id, user)
    # Run after the response, hence after the deletion committed.
    background.add_task(runtime.end, party_id)
