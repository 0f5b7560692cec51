"""Every query of the parties domain."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import delete, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.auth.models import RefreshToken
from fastfm.parties.models import Party
from fastfm.playlists.models import Playlist, PlaylistCollaborator, PlaylistEntry
from fastfm.users.models import User

UserRefRow = tuple[int, str, str | None]


def add(session: AsyncSession, party: Party) -> None:
    session.add(party)


async def get(session: AsyncSession, party_id: int) -> Party | None:
    party: Party | None = await session.get(Party, party_id)
    return party


async def get_by_code(session: AsyncSession, join_code: str) -> Party | None:
    party: Party | None = await session.scalar(select(Party).where(Party.join_code == join_code))
    return party


async def code_taken(session: AsyncSession, join_code: str) -> bool:
    found = await session.scalar(select(Party.id).where(Party.join_code == join_code))
    return found is not None


async def delete_party(session: AsyncSession, party_id: int) -> None:
    await session.execute(delete(Party).where(Party.id == party_id))


async def user_ref(session: AsyncSession, user_id: int) -> UserRefRow | None:
    row = (
        await session.execute(
            select(User.id, User.username, User.display_name).where(User.id == user_id)
        )
    ).first()
    return None if row is None else (row[0], row[1], row[2])


@dataclass(frozen=True, slots=True)
class PlaylistCursor:
    """What ``next`` needs of a playlist: its version and its length."""

    snapshot_id: str
    track_count: int


async def playlist_cursor(session: AsyncSession, playlist_id: int) -> PlaylistCursor | None:
    row = (
        await session.execute(
            select(Playlist.snapshot_id, Playlist.track_count).where(Playlist.id == playlist_id)
        )
    ).first()
    return None if row is None else PlaylistCursor(row[0], row[1])


async def song_at(session: AsyncSession, playlist_id: int, position: int) -> int | None:
    """The song at a 0-based position of the playlist's order."""
    query = (
        select(PlaylistEntry.song_id)
        .where(PlaylistEntry.playlist_id == playlist_id)
        .order_by(PlaylistEntry.sort_key)
        .offset(position)
        .limit(1)
    )
    song_id: int | None = await session.scalar(query)
    return song_id


@dataclass(frozen=True, slots=True)
class PartyAccess:
    """Who may still be in a party: who can see its playlist."""

    owner_id: int
    is_public: bool
    collaborator_ids: frozenset[int]

    def admits(self, user_id: int) -> bool:
        return self.is_public or user_id == self.owner_id or user_id in self.collaborator_ids


async def access_of(
    session: AsyncSession, party_ids: Collection[int], user_ids: Collection[int]
) -> dict[int, PartyAccess]:
    """For each party still there, its playlist's visibility to ``user_ids`` (two statements)."""
    if not party_ids:
        return {}
    rows = (
        await session.execute(
            select(Party.id, Party.playlist_id, Playlist.owner_id, Playlist.is_public)
            .join(Playlist, Playlist.id == Party.playlist_id)
            .where(Party.id.in_(set(party_ids)))
        )
    ).all()
    collaborators: dict[int, set[int]] = {}
    if rows and user_ids:
        query = select(PlaylistCollaborator.playlist_id, PlaylistCollaborator.user_id).where(
            PlaylistCollaborator.playlist_id.in_({row[1] for row in rows}),
            PlaylistCollaborator.user_id.in_(set(user_ids)),
        )
        for playlist_id, user_id in await session.execute(query):
            collaborators.setdefault(playlist_id, set()).add(user_id)
    return {
        row[0]: PartyAccess(row[2], row[3], frozenset(collaborators.get(row[1], ())))
        for row in rows
    }


async def live_logins(
    session: AsyncSession, logins: Collection[tuple[int, str]]
) -> dict[tuple[int, str], int]:
    """Of ``(user id, login family)`` pairs, those still live, with the account's token version."""
    if not logins:
        return {}
    query = (
        select(RefreshToken.user_id, RefreshToken.family_id, User.token_version)
        .join(User, User.id == RefreshToken.user_id)
        .where(
            tuple_(RefreshToken.user_id, RefreshToken.family_id).in_(list(set(logins))),
            RefreshToken.revoked_at.is_(None),
        )
        .distinct()
    )
    return {(row[0], row[1]): row[2] for row in await session.execute(query)}
