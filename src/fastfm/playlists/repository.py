"""Queries on playlist rows, their collaborators and followers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    ScalarSelect,
    Select,
    Table,
    delete,
    exists,
    false,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.db.base import utcnow
from fastfm.kit.sorting import SortKey, order_by
from fastfm.playlists.models import (
    Playlist,
    PlaylistCollaborator,
    PlaylistEntry,
    PlaylistFollower,
)
from fastfm.users.models import User

playlist_table: Table = Playlist.__table__  # type: ignore[assignment]
P = playlist_table.c
SORT_COLUMNS: dict[str, ColumnElement[object]] = {
    "name": P.name,
    "created_at": P.created_at,
    "updated_at": P.updated_at,
}
UserRefRow = tuple[int, str, str | None]


def _is_sqlite(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def is_collaborator_clause(user_id: int | None) -> ColumnElement[bool]:
    if user_id is None:
        return false()
    return exists().where(
        PlaylistCollaborator.playlist_id == Playlist.id, PlaylistCollaborator.user_id == user_id
    )


def visible_to(user_id: int | None) -> ColumnElement[bool]:
    """Public, owned by the user, or shared with them as a collaborator."""
    if user_id is None:
        return P.is_public
    return or_(P.is_public, Playlist.owner_id == user_id, is_collaborator_clause(user_id))


def snapshot_visible_to(
    playlist_id: ColumnElement[int], caller_id: ColumnElement[int]
) -> ScalarSelect[Any]:
    """The playlist's ``snapshot_id`` if ``caller_id`` may see it, else NULL (a subquery)."""
    return (
        select(P.snapshot_id)
        .where(P.id == playlist_id, visible_to(cast(int, caller_id)))
        .scalar_subquery()
    )


async def get_with_membership(
    session: AsyncSession, playlist_id: int, user_id: int | None
) -> tuple[Playlist, bool] | None:
    """The playlist and whether ``user_id`` collaborates on it, in one statement."""
    query = select(Playlist, is_collaborator_clause(user_id)).where(Playlist.id == playlist_id)
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], bool(row[1]))


async def lock(session: AsyncSession, playlist_id: int) -> Playlist | None:
    """The playlist, locked against other writers until commit; ``None`` if it is gone.

    PostgreSQL takes the row lock (``FOR UPDATE``). SQLite has no row locks: a write
    statement first makes this transaction the database's only writer, and reads issued
    before it ran outside the transaction, so everything read after it is current.
    """
    if _is_sqlite(session):
        await session.execute(
            update(Playlist)
            .where(Playlist.id == playlist_id)
            .values(id=Playlist.id, updated_at=Playlist.updated_at)
            .execution_options(synchronize_session=False)
        )
    query = (
        select(Playlist)
        .where(Playlist.id == playlist_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return await session.scalar(query)


def _holding(song_id: int) -> Select[int]:
    return select(PlaylistEntry.playlist_id).where(PlaylistEntry.song_id == song_id)


async def lock_playlists_holding(session: AsyncSession, song_id: int) -> None:
    """Lock, in id order, every playlist that holds the song."""
    query = select(P.id).where(P.id.in_(_holding(song_id))).order_by(P.id).with_for_update()
    await session.execute(query)


async def subtract_song(
    session: AsyncSession, song_id: int, duration_ms: int, snapshot_id: str
) -> None:
    """Take every entry of the song off its playlists' totals and renew their snapshot.

    One statement, so on SQLite too the playlists it finds are the ones it updates.
    """
    occurrences = (
        select(func.count())
        .where(PlaylistEntry.playlist_id == P.id, PlaylistEntry.song_id == song_id)
        .scalar_subquery()
    )
    await session.execute(
        update(playlist_table)
        .where(P.id.in_(_holding(song_id)))
        .values(
            track_count=P.track_count - occurrences,
            total_duration_ms=P.total_duration_ms - occurrences * duration_ms,
            snapshot_id=snapshot_id,
            updated_at=utcnow(),
        )
    )


async def add_to_song_duration(session: AsyncSession, song_id: int, delta_ms: int) -> None:
    """Move the total duration of every playlist holding the song by its entries x delta."""
    occurrences = (
        select(func.count())
        .where(PlaylistEntry.playlist_id == P.id, PlaylistEntry.song_id == song_id)
        .scalar_subquery()
    )
    await session.execute(
        update(playlist_table)
        .where(P.id.in_(_holding(song_id)))
        .values(total_duration_ms=P.total_duration_ms + occurrences * delta_ms)
    )


async def is_collaborator(session: AsyncSession, playlist_id: int, user_id: int) -> bool:
    query = select(PlaylistCollaborator.user_id).where(
        PlaylistCollaborator.playlist_id == playlist_id, PlaylistCollaborator.user_id == user_id
    )
    return await session.scalar(query) is not None


def add(session: AsyncSession, playlist: Playlist) -> None:
    session.add(playlist)


async def delete_playlist(session: AsyncSession, playlist: Playlist) -> None:
    """Delete the row; the database cascades to entries, collaborators and followers."""
    await session.delete(playlist)


async def _page(
    session: AsyncSession, query: Select[Any], ordering: Sequence[Any], limit: int, offset: int
) -> tuple[list[Playlist], int]:
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(query.order_by(*ordering).limit(limit).offset(offset))
    return list(rows), int(total or 0)


async def list_owned_or_collaborating(
    session: AsyncSession, user_id: int, keys: Sequence[SortKey], limit: int, offset: int
) -> tuple[list[Playlist], int]:
    """The user's own playlists and those shared with them, one page and the total."""
    query = select(Playlist).where(
        or_(Playlist.owner_id == user_id, is_collaborator_clause(user_id))
    )
    ordering = order_by(keys, SORT_COLUMNS, P.id)
    return await _page(session, query, ordering, limit, offset)


async def list_public_of(
    session: AsyncSession, owner_id: int, keys: Sequence[SortKey], limit: int, offset: int
) -> tuple[list[Playlist], int]:
    query = select(Playlist).where(Playlist.owner_id == owner_id, Playlist.is_public)
    ordering = order_by(keys, SORT_COLUMNS, P.id)
    return await _page(session, query, ordering, limit, offset)


async def list_followed_visible(
    session: AsyncSession, user_id: int, limit: int, offset: int
) -> tuple[list[Playlist], int]:
    """Playlists the user follows and can still see, most recently followed first."""
    query = (
        select(Playlist)
        .join(PlaylistFollower, PlaylistFollower.playlist_id == Playlist.id)
        .where(PlaylistFollower.user_id == user_id, visible_to(user_id))
    )
    ordering = [PlaylistFollower.followed_at.desc(), Playlist.id.asc()]
    return await _page(session, query, ordering, limit, offset)


async def user_refs(session: AsyncSession, user_ids: Sequence[int]) -> dict[int, UserRefRow]:
    if not user_ids:
        return {}
    query = select(User.id, User.username, User.display_name).where(User.id.in_(set(user_ids)))
    return {row[0]: (row[0], row[1], row[2]) for row in await session.execute(query)}


async def collaborators_of(
    session: AsyncSession, playlist_ids: Sequence[int]
) -> dict[int, list[UserRefRow]]:
    """Each playlist's collaborators in the order they were added."""
    if not playlist_ids:
        return {}
    query = (
        select(PlaylistCollaborator.playlist_id, User.id, User.username, User.display_name)
        .join(User, User.id == PlaylistCollaborator.user_id)
        .where(PlaylistCollaborator.playlist_id.in_(set(playlist_ids)))
        .order_by(PlaylistCollaborator.added_at, User.id)
    )
    found: dict[int, list[UserRefRow]] = {pid: [] for pid in playlist_ids}
    for row in await session.execute(query):
        found[row[0]].append((row[1], row[2], row[3]))
    return found


def _insert_ignoring_duplicates(session: AsyncSession, model: type[Any], **values: Any) -> Any:
    dialect = sqlite if _is_sqlite(session) else postgresql
    return dialect.insert(model).values(**values).on_conflict_do_nothing()


async def add_collaborator(session: AsyncSession, playlist_id: int, user_id: int) -> None:
    """Make the user a collaborator; nothing happens if they already are one."""
    statement = _insert_ignoring_duplicates(
        session, PlaylistCollaborator, playlist_id=playlist_id, user_id=user_id, added_at=utcnow()
    )
    await session.execute(statement)


async def remove_collaborator(session: AsyncSession, playlist_id: int, user_id: int) -> None:
    await session.execute(
        delete(PlaylistCollaborator).where(
            PlaylistCollaborator.playlist_id == playlist_id,
            PlaylistCollaborator.user_id == user_id,
        )
    )


async def add_follower(session: AsyncSession, playlist_id: int, user_id: int) -> bool:
    """Record the follow; ``True`` if it is new (so the counter goes up exactly once)."""
    statement = _insert_ignoring_duplicates(
        session, PlaylistFollower, playlist_id=playlist_id, user_id=user_id, followed_at=utcnow()
    )
    result = cast(CursorResult[Any], await session.execute(statement))
    return result.rowcount == 1


async def remove_follower(session: AsyncSession, playlist_id: int, user_id: int) -> bool:
    """Forget the follow; ``True`` if there was one."""
    statement = delete(PlaylistFollower).where(
        PlaylistFollower.playlist_id == playlist_id, PlaylistFollower.user_id == user_id
    )
    result = cast(CursorResult[Any], await session.execute(statement))
    return result.rowcount == 1


async def change_follower_count(session: AsyncSession, playlist_id: int, delta: int) -> None:
    """Add ``delta`` in the database (atomic under concurrent follows)."""
    await session.execute(
        update(Playlist)
        .where(Playlist.id == playlist_id)
        .values(follower_count=Playlist.follower_count + delta, updated_at=Playlist.updated_at)
        .execution_options(synchronize_session=False)
    )


async def forget_follows_of(session: AsyncSession, user_id: int) -> None:
    """Take the user's follows off other people's playlist counters (account deletion)."""
    followed = select(PlaylistFollower.playlist_id).where(PlaylistFollower.user_id == user_id)
    await session.execute(
        update(Playlist)
        .where(Playlist.id.in_(followed), Playlist.owner_id != user_id)
        .values(follower_count=Playlist.follower_count - 1, updated_at=Playlist.updated_at)
        .execution_options(synchronize_session=False)
    )
