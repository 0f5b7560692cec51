"""Artist rules: known genres only, and no deleting an artist something still names."""

from __future__ import annotations

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog import links
from fastfm.catalog import tables as t
from fastfm.catalog.artists import repository
from fastfm.catalog.artists.models import Artist
from fastfm.catalog.artists.schemas import ArtistCreate, ArtistUpdate
from fastfm.catalog.exceptions import ArtistInUse, ArtistNotFound
from fastfm.catalog.references import require_ids
from fastfm.db.base import utcnow


async def create_artist(session: AsyncSession, body: ArtistCreate) -> int:
    """Add an artist (422 on an unknown genre id); returns its id."""
    await require_ids(session, t.genre, body.genre_ids, "genre_ids")
    now = utcnow()
    artist = Artist(
        name=body.name, bio=body.bio, image_url=body.image_url, created_at=now, updated_at=now
    )
    session.add(artist)
    await session.flush()
    await links.set_artist_genres(session, artist.id, body.genre_ids, replace=False)
    return artist.id


async def update_artist(session: AsyncSession, artist_id: int, body: ArtistUpdate) -> None:
    """Change the given fields; ``genre_ids`` replaces the artist's genres."""
    artist = await repository.get_for_update(session, artist_id)
    if artist is None:
        raise ArtistNotFound()
    fields = body.model_fields_set
    if body.genre_ids is not None:
        await require_ids(session, t.genre, body.genre_ids, "genre_ids")
        await links.set_artist_genres(session, artist_id, body.genre_ids)
    for name in fields & {"name", "bio", "image_url"}:
        setattr(artist, name, getattr(body, name))
    if fields:
        artist.updated_at = utcnow()
    await session.flush()


async def delete_artist(session: AsyncSession, artist_id: int) -> None:
    """Delete an artist no song, album or credit names (409 ``artist_in_use`` otherwise)."""
    if await repository.get_for_update(session, artist_id) is None:
        raise ArtistNotFound()
    if await repository.is_referenced(session, artist_id):
        raise ArtistInUse()
    await repository.delete_artist(session, artist_id)


async def add_to_follower_count(session: AsyncSession, artist_id: int, delta: int) -> None:
    """Move the artist's ``follower_count`` by ``delta`` (atomically)."""
    await repository.add_to_follower_count(session, artist_id, delta)


async def take_back_follows(session: AsyncSession, artist_ids: Select[int]) -> None:
    """One follower less for each artist in ``artist_ids`` (one row each)."""
    await repository.subtract_one_follower(session, artist_ids)
