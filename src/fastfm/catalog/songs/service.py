"""Song rules: known references, album totals exact after every write, hooks on delete."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, Subquery
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import imports, links
from fastfm.catalog import tables as t
from fastfm.catalog.albums import repository as albums_repository
from fastfm.catalog.credits.schemas import CreditWrite
from fastfm.catalog.exceptions import SongNotFound
from fastfm.catalog.references import existing_ids, require_ids
from fastfm.catalog.songs import hooks, repository
from fastfm.catalog.songs.models import Song
from fastfm.catalog.songs.schemas import SongCreate, SongUpdate
from fastfm.db.base import utcnow
from fastfm.errors import UnprocessableEntity

_COLUMNS = ("title", "duration_ms", "explicit", "isrc", "disc_number", "track_number")


async def _require_artists(
    session: AsyncSession, artist_ids: Sequence[int], credits: Sequence[CreditWrite]
) -> None:
    """422 naming the field of the first unknown artist id (performers, then credits)."""
    known = await existing_ids(session, t.artist, [*artist_ids, *(c.artist_id for c in credits)])
    missing = [a for a in artist_ids if a not in known]
    if missing:
        raise UnprocessableEntity(
            "artist_ids",
            f"Unknown artist id(s): {', '.join(map(str, missing))}",
            input_value=missing,
        )
    for index, credit in enumerate(credits):
        if credit.artist_id not in known:
            raise UnprocessableEntity(
                f"credits.{index}.artist_id",
                f"Unknown artist id: {credit.artist_id}",
                input_value=credit.artist_id,
            )


async def _lock_albums(
    session: AsyncSession, album_ids: set[int], wanted: int | None
) -> dict[int, date | None]:
    """Lock the albums a write touches and return their release dates by id;
    422 on ``album_id`` when ``wanted`` does not exist."""
    found = await albums_repository.lock_albums(session, album_ids)
    if wanted is not None and wanted not in found:
        raise UnprocessableEntity("album_id", f"Unknown album id: {wanted}", input_value=wanted)
    return found


async def create_song(session: AsyncSession, body: SongCreate) -> int:
    """Add a song; its album's totals and release date follow. Returns its id."""
    await _require_artists(session, body.artist_ids, body.credits)
    await require_ids(session, t.genre, body.genre_ids, "genre_ids")
    touched = {body.album_id} if body.album_id is not None else set()
    release_dates = await _lock_albums(session, touched, body.album_id)
    now = utcnow()
    song = Song(
        **{name: getattr(body, name) for name in _COLUMNS},
        album_id=body.album_id,
        release_date=release_dates.get(body.album_id) if body.album_id is not None else None,
        created_at=now,
        updated_at=now,
    )
    session.add(song)
    await session.flush()
    await links.set_song_artists(session, song.id, body.artist_ids, replace=False)
    await links.set_song_genres(session, song.id, body.genre_ids, replace=False)
    await links.set_song_credits(session, song.id, body.credits, replace=False)
    await albums_repository.recompute_totals(session, touched)
    return song.id


async def _lock_song(
    session: AsyncSession, song_id: int, album_id: int | None, albums: set[int] | None
) -> tuple[Song, dict[int, date | None]]:
    """The song under its row lock, locked after its album and ``albums`` (``None``:
    lock no album); 404 if it is gone, 422 on ``album_id`` for an unknown album.

    Albums are locked before songs everywhere (album writes then change their songs),
    so the song's album, read without a lock, is locked first; if a concurrent move
    changed it meanwhile, the new one is locked too.
    """
    locked: dict[int, date | None] = {}
    while True:
        if albums is not None:
            wanted = {a for a in (album_id, *albums) if a is not None} - locked.keys()
            locked.update(await albums_repository.lock_albums(session, wanted))
            unknown = sorted(albums - locked.keys())
            if unknown:
                raise UnprocessableEntity(
                    "album_id", f"Unknown album id: {unknown[0]}", input_value=unknown[0]
                )
        song = await repository.get_for_update(session, song_id)
        if song is None:
            raise SongNotFound()
        if albums is None or song.album_id is None or song.album_id in locked:
            return song, locked
        album_id = song.album_id


async def update_song(session: AsyncSession, song_id: int, body: SongUpdate) -> None:
    """Change the given fields; ``artist_ids``, ``genre_ids``, ``credits`` replace the old.

    Moving the song or changing its duration recounts every album involved; playlists
    holding it move their totals by the change from the duration read under the lock.
    """
    exists, album_id = await repository.album_of(session, song_id)
    if not exists:
        raise SongNotFound()
    fields = body.model_fields_set
    await _require_artists(session, body.artist_ids or [], body.credits or [])
    await require_ids(session, t.genre, body.genre_ids or [], "genre_ids")
    albums: set[int] | None = None
    if "album_id" in fields or body.duration_ms is not None:
        albums = {body.album_id} if "album_id" in fields and body.album_id is not None else set()
    song, release_dates = await _lock_song(session, song_id, album_id, albums)
    moving = "album_id" in fields and body.album_id != song.album_id
    resized = body.duration_ms is not None and body.duration_ms != song.duration_ms
    old_duration_ms = song.duration_ms
    touched: set[int] = set()
    if moving or resized:
        touched = {a for a in (song.album_id, body.album_id if moving else None) if a is not None}
    if moving:
        song.album_id = body.album_id
        song.release_date = release_dates.get(body.album_id) if body.album_id is not None else None
    for name in fields & set(_COLUMNS):
        setattr(song, name, getattr(body, name))
    if body.artist_ids is not None:
        await links.set_song_artists(session, song_id, body.artist_ids)
    if body.genre_ids is not None:
        await links.set_song_genres(session, song_id, body.genre_ids)
    if body.credits is not None:
        await links.set_song_credits(session, song_id, body.credits)
    if fields:
        song.updated_at = utcnow()
    await session.flush()
    await albums_repository.recompute_totals(session, touched)
    if resized:
        for hook in hooks.after_song_resize:
            await hook(session, song_id, song.duration_ms - old_duration_ms)


def register_hooks(
    *,
    before_delete: hooks.SongDeleteHook | None = None,
    after_resize: hooks.SongResizeHook | None = None,
) -> None:
    """Let another domain follow song deletions and duration changes (see ``hooks``)."""
    hooks.register(before_delete=before_delete, after_resize=after_resize)


async def delete_song(session: AsyncSession, song_id: int) -> None:
    """Delete a song: the registered hooks run first (playlists, likes), then its album recounts."""
    exists, album_id = await repository.album_of(session, song_id)
    if not exists:
        raise SongNotFound()
    touched = {album_id} if album_id is not None else set()
    await albums_repository.lock_albums(session, touched)
    for hook in hooks.before_song_delete:
        await hook(session, song_id)
    await repository.delete_song(session, song_id)
    await albums_repository.recompute_totals(session, touched)


async def add_to_like_count(session: AsyncSession, song_id: int, delta: int) -> None:
    """Move the song's ``like_count`` by ``delta`` (atomically: concurrent likes add up)."""
    await repository.add_to_counter(session, song_id, "like_count", delta)


async def add_to_play_count(session: AsyncSession, song_id: int, delta: int) -> None:
    """Move the song's ``play_count`` by ``delta`` (atomically: concurrent listens add up)."""
    await repository.add_to_counter(session, song_id, "play_count", delta)


async def take_back_likes(session: AsyncSession, song_ids: Select[int]) -> None:
    """One like less for each song in ``song_ids`` (a select of song ids, one row each)."""
    await repository.subtract_one_from_counter(session, song_ids, "like_count")


async def take_back_plays(session: AsyncSession, plays: Subquery) -> None:
    """``plays.c.n`` listens less for each song ``plays.c.song_id`` (one row per song)."""
    await repository.subtract_from_counter(session, plays, "play_count")


async def add_one_like_each(session: AsyncSession, song_ids: Sequence[int]) -> None:
    """One more like on each song (a bulk import of likes), in one statement."""
    if song_ids:
        await repository.add_one_to_counter_of_each(session, song_ids, "like_count")


async def import_tracks(
    session: AsyncSession, tracks: Sequence[imports.ExternalTrack]
) -> imports.Matches:
    """Songs for tracks from another service: matched, or created with artists and albums."""
    return await imports.upsert_tracks(session, tracks)
