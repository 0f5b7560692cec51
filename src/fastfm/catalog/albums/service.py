"""Album rules: known artists and genres, songs follow the release date, used albums stay."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import links
from fastfm.catalog import tables as t
from fastfm.catalog.albums import repository
from fastfm.catalog.albums.models import Album
from fastfm.catalog.albums.schemas import AlbumCreate, AlbumUpdate
from fastfm.catalog.exceptions import AlbumInUse, AlbumNotFound
from fastfm.catalog.references import require_ids
from fastfm.db.base import utcnow


async def create_album(session: AsyncSession, body: AlbumCreate) -> int:
    """Add an album (422 on an unknown artist or genre id); returns its id."""
    await require_ids(session, t.artist, body.artist_ids, "artist_ids")
    await require_ids(session, t.genre, body.genre_ids, "genre_ids")
    now = utcnow()
    album = Album(
        title=body.title,
        album_type=body.album_type,
        release_date=body.release_date,
        created_at=now,
        updated_at=now,
    )
    session.add(album)
    await session.flush()
    await links.set_album_artists(session, album.id, body.artist_ids, replace=False)
    await links.set_album_genres(session, album.id, body.genre_ids, replace=False)
    return album.id


async def update_album(session: AsyncSession, album_id: int, body: AlbumUpdate) -> None:
    """Change the given fields; a new release date is copied to the album's songs."""
    fields = body.model_fields_set
    # Locked first, so a song joining the album meanwhile gets the new date or is updated.
    if not await repository.lock_albums(session, [album_id]):
        raise AlbumNotFound()
    if body.artist_ids is not None:
        await require_ids(session, t.artist, body.artist_ids, "artist_ids")
    if body.genre_ids is not None:
        await require_ids(session, t.genre, body.genre_ids, "genre_ids")
    album = await session.get(Album, album_id)
    if album is None:
        raise AlbumNotFound()
    if "release_date" in fields and body.release_date != album.release_date:
        await repository.copy_release_date(session, album_id, body.release_date)
    for name in fields & {"title", "album_type", "release_date"}:
        setattr(album, name, getattr(body, name))
    if body.artist_ids is not None:
        await links.set_album_artists(session, album_id, body.artist_ids)
    if body.genre_ids is not None:
        await links.set_album_genres(session, album_id, body.genre_ids)
    if fields:
        album.updated_at = utcnow()
    await session.flush()


async def delete_album(session: AsyncSession, album_id: int) -> None:
    """Delete an album with no songs (409 ``album_in_use`` otherwise)."""
    if not await repository.lock_albums(session, [album_id]):
        raise AlbumNotFound()
    if await repository.has_songs(session, album_id):
        raise AlbumInUse()
    await session.execute(delete(t.album).where(t.album.c.id == album_id))
