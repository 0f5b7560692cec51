"""Batched loads for one GraphQL request: a DataLoader per kind of thing.

Each loader collects the keys its resolvers ask for in one tick and loads them in one
statement, so a nested query costs one statement per level, however many items each
level holds. The request has one connection; loaders that fire in the same tick take
turns on it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection
from strawberry.dataloader import DataLoader

from fastfm.catalog.albums.reads import load_album_bodies
from fastfm.catalog.artists import pages as artist_pages
from fastfm.catalog.artists.reads import load_artist_bodies
from fastfm.catalog.songs.reads import load_song_bodies
from fastfm.db.reads import SQLAlchemyReader
from fastfm.kit.windows import PageKey
from fastfm.playlists import batches
from fastfm.playlists.batches import EntryRow, PlaylistRow
from fastfm.users import service as user_service

K = TypeVar("K")
V = TypeVar("V")
Body = dict[str, Any]


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
        return await user_service.user_refs(self.connection, ids)

    async def _playlists(self, ids: Sequence[int]) -> dict[int, PlaylistRow]:
        return await batches.visible_playlists(self.connection, ids, self.viewer_id)

    async def _collaborators(self, ids: Sequence[int]) -> dict[int, list[int]]:
        return await batches.collaborator_ids(self.connection, ids)

    async def _artist_song_ids(self, keys: Sequence[PageKey]) -> dict[PageKey, list[int]]:
        return await artist_pages.song_id_pages(self.connection, keys)

    async def _artist_album_ids(self, keys: Sequence[PageKey]) -> dict[PageKey, list[int]]:
        return await artist_pages.album_id_pages(self.connection, keys)

    async def _playlist_entries(self, keys: Sequence[PageKey]) -> dict[PageKey, list[EntryRow]]:
        return await batches.entry_pages(self.connection, keys)
