"""The host's controls (play, pause, seek, next) and the state messages members get.

A control reads the state, computes the next version and installs it by compare-and-set
(retrying when another host connection got there first); the caller then publishes the
message this module built. ``next`` takes the next entry of the host's shuffle session
over the playlist when the host has one, else the entry after the current one in the
playlist's order (back to the top after the last).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import orjson

from fastfm.catalog.songs.reads import SongBody, load_song_bodies
from fastfm.db.reads import Reader, open_reader
from fastfm.db.session import Database
from fastfm.errors import FastFMError
from fastfm.parties.bus import Event
from fastfm.parties.exceptions import PartyNotFound
from fastfm.parties.schemas import Control, PauseMessage, PlayMessage, SeekMessage
from fastfm.parties.state import Playback, StateStore, now_ms
from fastfm.playlists import service as playlist_service
from fastfm.shuffle import service as shuffle_service
from fastfm.shuffle.sources import PlaylistSource
from fastfm.shuffle.store import ShuffleStore

# Lost compare-and-set races before the control is refused; each loss is another change.
MAX_CONFLICTS = 10
SONG_KEPT_SECONDS = 5.0
MAX_KEPT_SONGS = 1024


class ControlRefused(FastFMError):
    """A control that cannot apply now; the sender gets ``{"type": "error", "code"}``."""

    status_code = 409


@dataclass(frozen=True, slots=True)
class PartyRef:
    id: int
    playlist_id: int
    host_id: int


def state_text(state: Playback, song: SongBody | None, at_ms: int) -> str:
    """The ``state`` message: the song, where it is at ``server_time``, and whether it plays."""
    duration = None if song is None else song["duration_ms"]
    message: dict[str, Any] = {
        "type": "state",
        "song": song,
        "position_ms": state.position_ms(at_ms, duration) if song is not None else 0,
        "is_playing": state.is_playing and song is not None,
        "server_time": datetime.fromtimestamp(at_ms / 1000, UTC),
    }
    return orjson.dumps(message, option=orjson.OPT_UTC_Z).decode()


ENDED_TEXT = '{"type":"ended"}'


def error_text(code: str, detail: str) -> str:
    return orjson.dumps({"type": "error", "code": code, "detail": detail}).decode()


@dataclass
class Playbacks:
    """Controls and snapshots over one process's database, state store and shuffle store."""

    database: Database
    store: StateStore
    shuffle_store: Callable[[], ShuffleStore]
    _songs: dict[int, tuple[float, SongBody]] = field(default_factory=dict)

    def _read(self) -> AbstractAsyncContextManager[Reader]:
        return open_reader(self.database.engine)

    async def _song(self, song_id: int | None) -> SongBody | None:
        """The song's body, kept for a few seconds: every control and snapshot of a party
        shows the same song, and a like count a moment old is no harm."""
        if song_id is None:
            return None
        kept = self._songs.get(song_id)
        if kept is not None and time.monotonic() - kept[0] < SONG_KEPT_SECONDS:
            return kept[1]
        async with self._read() as db:
            body = (await load_song_bodies(db, [song_id])).get(song_id)
        if len(self._songs) >= MAX_KEPT_SONGS:
            self._songs.clear()
        if body is not None:
            self._songs[song_id] = (time.monotonic(), body)
        return body

    async def snapshot(self, party_id: int) -> Event | None:
        """The party's state as a message now; ``None`` if the party is gone."""
        state = await self.store.get(party_id)
        if state is None:
            return None
        song = await self._song(state.song_id)
        return Event("state", party_id, state.version, state_text(state, song, now_ms()))

    async def control(self, party: PartyRef, message: Control) -> Event:
        """Apply a host's control; the new state's message (to publish)."""
        upcoming: tuple[int, int] | None = None
        looked_up = False  # taken once: a shuffle session moves on each time it is asked
        for _ in range(MAX_CONFLICTS):
            state = await self.store.get(party.id)
            if state is None:
                raise PartyNotFound()
            song = await self._song(state.song_id)
            at = now_ms()
            duration = None if song is None else song["duration_ms"]
            position = state.position_ms(at, duration)
            if isinstance(message, PauseMessage):
                new = state.successor(at, offset_ms=position, is_playing=False)
            elif isinstance(message, SeekMessage):
                if song is None:
                    raise ControlRefused("Nothing is playing", code="nothing_playing")
                if message.position_ms > song["duration_ms"]:
                    raise ControlRefused(
                        "position_ms is past the end of the song", code="position_out_of_range"
                    )
                new = state.successor(at, offset_ms=message.position_ms)
            elif isinstance(message, PlayMessage) and song is not None:
                new = state.successor(at, offset_ms=position, is_playing=True)
            else:
                if not looked_up:
                    upcoming, looked_up = await self._next(party, state), True
                playing = True if isinstance(message, PlayMessage) else state.is_playing
                if upcoming is None:
                    if isinstance(message, PlayMessage):
                        raise ControlRefused("The playlist is empty", code="playlist_empty")
                    new = state.successor(
                        at, song_id=None, entry_position=None, offset_ms=0, is_playing=False
                    )
                else:
                    song_id, entry_position = upcoming
                    new = state.successor(
                        at,
                        song_id=song_id,
                        entry_position=entry_position,
                        offset_ms=0,
                        is_playing=playing,
                    )
                song = await self._song(new.song_id)
            if await self.store.compare_and_set(party.id, state.version, new):
                return Event("state", party.id, new.version, state_text(new, song, at))
        raise ControlRefused("The party changed too often; try again", code="party_busy")

    async def _next(self, party: PartyRef, state: Playback) -> tuple[int, int] | None:
        """The song and position after the current one, or ``None`` for an empty playlist."""
        async with self.database.sessionmaker() as session:
            cursor = await playlist_service.cursor(session, party.playlist_id)
            if cursor is None:
                raise PartyNotFound()
            source = PlaylistSource(
                self._read, party.host_id, party.playlist_id, cursor.snapshot_id
            )
            store = self.shuffle_store()
            if await shuffle_service.has_session(store, source):
                found = await shuffle_service.next_entry(store, source)
                return None if found is None else (int(found.song["id"]), found.position)
            if cursor.track_count == 0:
                return None
            current = state.entry_position
            position = 0 if current is None else (current + 1) % cursor.track_count
            song_id = await playlist_service.song_at(session, party.playlist_id, position)
            return None if song_id is None else (song_id, position)
