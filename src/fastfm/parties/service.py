"""Parties: start, find, end; and who may listen. Routes call one function here."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.auth import service as auth_service
from fastfm.auth.security import AccessClaims
from fastfm.parties import repository
from fastfm.parties.codes import new_join_code, normalize
from fastfm.parties.exceptions import NotPartyHost, PartyNotFound
from fastfm.parties.models import Party
from fastfm.parties.schemas import PartyRead
from fastfm.playlists import access
from fastfm.playlists import service as playlist_service
from fastfm.playlists.exceptions import PlaylistNotFound
from fastfm.playlists.lookups import Audience
from fastfm.playlists.schemas import UserRef
from fastfm.users import service as user_service
from fastfm.users.models import User

# Collisions are rare (2.8e11 codes); a few redraws make them vanish.
CODE_ATTEMPTS = 8


async def _body(session: AsyncSession, party: Party) -> PartyRead:
    host = await user_service.user_ref(session, party.host_id)
    if host is None:
        raise PartyNotFound()
    return PartyRead(
        id=party.id,
        join_code=party.join_code,
        host=UserRef(id=host[0], username=host[1], display_name=host[2]),
        playlist_id=party.playlist_id,
        created_at=party.created_at,
    )


async def _visible(session: AsyncSession, party: Party | None, user: User) -> Party:
    """The party if its playlist is visible to ``user``; 404 ``party_not_found`` otherwise."""
    if party is None:
        raise PartyNotFound()
    try:
        await access.visible(session, party.playlist_id, user)
    except PlaylistNotFound as exc:
        raise PartyNotFound() from exc
    return party


async def create_party(session: AsyncSession, host: User, playlist_id: int) -> PartyRead:
    """A new party over a playlist the host can see (404 ``playlist_not_found`` otherwise)."""
    await access.visible(session, playlist_id, host)
    for _ in range(CODE_ATTEMPTS):
        code = new_join_code()
        if not await repository.code_taken(session, code):
            break
    party = Party(join_code=code, playlist_id=playlist_id, host_id=host.id)
    repository.add(session, party)
    await session.flush()
    return await _body(session, party)


async def get_party(session: AsyncSession, party_id: int, user: User) -> PartyRead:
    """The party, if the caller can see its playlist."""
    party = await _visible(session, await repository.get(session, party_id), user)
    return await _body(session, party)


async def join_party(session: AsyncSession, raw_code: str, user: User) -> PartyRead:
    """The party a join code names, if the caller can see its playlist."""
    code = normalize(raw_code)
    party = None if code is None else await repository.get_by_code(session, code)
    return await _body(session, await _visible(session, party, user))


async def end_party(session: AsyncSession, party_id: int, user: User) -> None:
    """Delete the party (its host only; others who can see it get 403)."""
    party = await _visible(session, await repository.get(session, party_id), user)
    if party.host_id != user.id:
        raise NotPartyHost()
    await repository.delete_party(session, party.id)
    await session.flush()


async def admit(session: AsyncSession, claims: AccessClaims, party_id: int) -> tuple[User, Party]:
    """Who connects and to which party: 401 for a revoked token, 404 for a party the
    caller cannot see."""
    user = await auth_service.user_for_access(session, claims)
    party = await _visible(session, await repository.get(session, party_id), user)
    return user, party


async def access_of(
    session: AsyncSession, party_ids: Collection[int], user_ids: Collection[int]
) -> dict[int, Audience]:
    """For each party still there, who of ``user_ids`` may see its playlist (two statements)."""
    playlists = await repository.playlist_ids(session, party_ids)
    audiences = await playlist_service.audiences(session, set(playlists.values()), user_ids)
    return {
        party_id: audiences[playlist_id]
        for party_id, playlist_id in playlists.items()
        if playlist_id in audiences
    }
