"""What can be shuffled: a playlist, or the caller's liked songs.

A source names its session, tells its current ``version`` (cheap to read on every
request; it changes whenever entries come, go or move), lists its tracks (only when an
order must be computed), and loads songs. Each read takes a pooled connection for that
statement only: none is held while an order of thousands of tracks is computed or while
the session store answers.

Sessions store each entry as an item ``"<entry id>:<song id>:<position>"``: what ``next``
answers with, valid for as long as the version stays the same, so that taking the next
track needs neither a position count nor an entry lookup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from fastfm.catalog.songs.reads import SongBody, load_song_bodies
from fastfm.db.reads import ReadOpener
from fastfm.shuffle import repository
from fastfm.shuffle.algorithm import Entry
from fastfm.shuffle.store import SessionKey


@dataclass(frozen=True, slots=True)
class Slot:
    """An entry, its song and its position, as a session item holds them."""

    entry_id: int
    song_id: int
    position: int

    @property
    def item(self) -> str:
        return f"{self.entry_id}:{self.song_id}:{self.position}"

    @classmethod
    def parse(cls, item: str) -> Slot:
        entry_id, song_id, position = item.split(":")
        return cls(int(entry_id), int(song_id), int(position))


def entry_id_of(item: str) -> int:
    return int(item.split(":", 1)[0])


@dataclass(frozen=True, slots=True)
class Track:
    """An entry with its song's primary artist, at its current position."""

    entry: Entry
    slot: Slot


class ShuffleSource(Protocol):
    """Entries to shuffle for one user."""

    @property
    def key(self) -> SessionKey: ...

    @property
    def version(self) -> str: ...

    async def tracks(self) -> list[Track]:
        """Every entry, in position order (O(n): only to compute an order)."""
        ...

    async def song_if_present(self, slot: Slot) -> SongBody | None:
        """The slot's song, or ``None`` if its entry (or song) is gone."""
        ...

    async def song_bodies(self, song_ids: Sequence[int]) -> dict[int, SongBody]:
        """Song bodies by id (one batched load); songs that are gone are absent."""
        ...


@dataclass(frozen=True)
class PlaylistSource:
    """A playlist's entries; its ``snapshot_id`` is the version."""

    read: ReadOpener
    user_id: int
    playlist_id: int
    snapshot_id: str

    @property
    def key(self) -> SessionKey:
        return SessionKey.playlist(self.user_id, self.playlist_id)

    @property
    def version(self) -> str:
        return self.snapshot_id

    async def tracks(self) -> list[Track]:
        async with self.read() as db:
            rows = await repository.playlist_entries(db, self.playlist_id)
        return [
            Track(Entry(entry_id, artist_id), Slot(entry_id, song_id, position))
            for position, (entry_id, song_id, artist_id) in enumerate(rows)
        ]

    async def song_if_present(self, slot: Slot) -> SongBody | None:
        async with self.read() as db:
            return await repository.song_of_entry(db, self.playlist_id, slot.entry_id, slot.song_id)

    async def song_bodies(self, song_ids: Sequence[int]) -> dict[int, SongBody]:
        async with self.read() as db:
            return await load_song_bodies(db, song_ids)


@dataclass(frozen=True)
class LikedSource:
    """The user's liked songs (an entry is a song), in the order ``/me/liked`` lists them."""

    read: ReadOpener
    user_id: int
    fingerprint: str

    @property
    def key(self) -> SessionKey:
        return SessionKey.liked(self.user_id)

    @property
    def version(self) -> str:
        return self.fingerprint

    async def tracks(self) -> list[Track]:
        async with self.read() as db:
            rows = await repository.liked_songs(db, self.user_id)
        return [
            Track(Entry(song_id, artist_id), Slot(song_id, song_id, position))
            for position, (song_id, artist_id) in enumerate(rows)
        ]

    async def song_if_present(self, slot: Slot) -> SongBody | None:
        async with self.read() as db:
            return await repository.liked_song(db, self.user_id, slot.song_id)

    async def song_bodies(self, song_ids: Sequence[int]) -> dict[int, SongBody]:
        async with self.read() as db:
            return await load_song_bodies(db, song_ids)
