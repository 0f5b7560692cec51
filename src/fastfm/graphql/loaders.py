"""Batched loads for one GraphQL request: a DataLoader per kind of thing.

Each loader collects the keys its resolvers ask for in one tick and loads them in one
statement, so a nested query costs one statement per level, however many items each
level holds. The request has one connection; loaders that fire in the same tick take
turns on it.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection
from strawberry.dataloader import DataLoader

from fastfm.catalog import tables as t
from fastfm.catalog.albums.reads import load_album_bodies
from fastfm.catalog.artists.reads import load_artist_bodies
from fastfm.catalog.songs.reads import load_song_bodies
from fastfm.db.reads import SQLAlchemyReader
from fastfm.playlists.models import Playlist, PlaylistCollaborator, PlaylistEntry
from fastfm.playlists.repository import visible_to
from fastfm.users.models import User

K = TypeVar("K")
V = TypeVar("V")
Body = dict[str, Any]
# (owner id, limit, offset): one page of a nested list.
PageKey = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class PlaylistRow:
    id: int
    name: str
    description: str | None
    is_public: bool
    owner_id: int
    track_count: int
    total_duration_ms: int
    follower_count: int
    snapshot_id: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class EntryRow:
    position: int
    song_id: int
    added_by_id: int | None
    added_at: datetime


@dataclass
class Loaders:
    """Every loader of one request, over its connection, for its caller."""

    connection: AsyncConnection
    viewer_id: int | None
    _turn: asyncio.Lock = field(default_factory=asyncio.Lock)

    def __post_init__(self) -> None:
        # The catalog's reads run on this connection, inside the request's transaction.
        self.reader = SQLAlchemyReader(
            self.connection, self.connection.sync_engine, in_transaction=True
        )
        self.songs = self._loader(self._songs)
        self.artists = self._loader(self._artists)
        self.albums = self._loader(self._albums)
        self.users = self._loader(self._users)
        self.playlists = self._loader(self._playlists)
        self.collaborators = self._loader(self._collaborators)
        self.artist_song_ids = self._loader(self._artist_song_ids)
        self.artist_album_ids = self._loader(self._artist_album_ids)
        self.playlist_entries = self._loader(self._playlist_entries)

    def turn(self) -> asyncio.Lock:
        """The connection's lock, for a statement run outside a loader."""
        return self._turn

    def _loader(
        self, batch: Callable[[Sequence[K]], Awaitable[dict[K, V]]]
    ) -> DataLoader[K, V | None]:
        async def load(keys: list[K]) -> list[V | None]:
            async with self._turn:
                found = await batch(keys)
            return [found.get(key) for key in keys]

        return DataLoader(load_fn=load)

    async def _songs(self, ids: Sequence[int]) -> dict[int, Body]:
        return await load_song_bodies(self.reader, ids)

    async def _artists(self, ids: Sequence[int]) -> dict[int, Body]:
        return await load_artist_bodies(self.reader, ids)

    async def _albums(self, ids: Sequence[int]) -> dict[int, Body]:
        return await load_album_bodies(self.reader, ids)

    async def _users(self, ids: Sequence[int]) -> dict[int, Body]:
        query = select(User.id, User.username, User.display_name).where(User.id.in_(set(ids)))
        rows = await self.connection.execute(query)
        return {r[0]: {"id": r[0], "username": r[1], "display_name": r[2]} for r in rows}

    async def _playlists(self, ids: Sequence[int]) -> dict[int, PlaylistRow]:
        p = Playlist
        query = select(
            p.id,
            p.name,
            p.description,
            p.is_public,
            p.owner_id,
            p.track_count,
            p.total_duration_ms,
            p.follower_count,
            p.snapshot_id,
            p.created_at,
            p.updated_at,
        ).where(p.id.in_(set(ids)), visible_to(self.viewer_id))
        return {row[0]: PlaylistRow(*row) for row in await self.connection.execute(query)}

    async def _collaborators(self, ids: Sequence[int]) -> dict[int, list[int]]:
        c = PlaylistCollaborator
        query = (
            select(c.playlist_id, c.user_id)
            .where(c.playlist_id.in_(set(ids)))
            .order_by(c.added_at, c.user_id)
        )
        found: dict[int, list[int]] = {playlist_id: [] for playlist_id in ids}
        for playlist_id, user_id in await self.connection.execute(query):
            found[playlist_id].append(user_id)
        return found

    async def _pages(
        self,
        keys: Sequence[PageKey],
        owner: Any,
        item: Any,
        order: Sequence[Any],
        extra: Sequence[Any] = (),
    ) -> dict[PageKey, list[Any]]:
        """Pages of a list per owner: one windowed statement per distinct (limit, offset)."""
        by_window: dict[tuple[int, int], set[int]] = defaultdict(set)
        for owner_id, limit, offset in keys:
            by_window[(limit, offset)].add(owner_id)
        found: dict[PageKey, list[Any]] = {key: [] for key in keys}
        for (limit, offset), owners in by_window.items():
            rank = func.row_number().over(partition_by=owner, order_by=list(order)) - 1
            ranked = select(owner.label("owner"), item.label("item"), rank.label("rank"), *extra)
            inner = ranked.where(owner.in_(owners)).subquery()
            query = (
                select(inner)
                .where(inner.c.rank >= offset, inner.c.rank < offset + limit)
                .order_by(inner.c.owner, inner.c.rank)
            )
            for row in await self.connection.execute(query):
                found[(row[0], limit, offset)].append(row)
        return found

    async def _artist_song_ids(self, keys: Sequence[PageKey]) -> dict[PageKey, list[int]]:
        link = t.song_artist.c
        pages = await self._pages(keys, link.artist_id, link.song_id, [link.song_id])
        return {key: [row[1] for row in rows] for key, rows in pages.items()}

    async def _artist_album_ids(self, keys: Sequence[PageKey]) -> dict[PageKey, list[int]]:
        link = t.album_artist.c
        pages = await self._pages(keys, link.artist_id, link.album_id, [link.album_id])
        return {key: [row[1] for row in rows] for key, rows in pages.items()}

    async def _playlist_entries(self, keys: Sequence[PageKey]) -> dict[PageKey, list[EntryRow]]:
        e = PlaylistEntry
        pages = await self._pages(
            keys, e.playlist_id, e.song_id, [e.sort_key], extra=[e.added_by_id, e.added_at]
        )
        return {
            key: [EntryRow(row[2], row[1], row[3], row[4]) for row in rows]
            for key, rows in pages.items()
        }
