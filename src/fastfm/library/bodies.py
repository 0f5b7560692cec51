"""Full catalog bodies (Song, Artist) for library lists, one statement per page."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.artists import reads as artist_reads
from fastfm.catalog.artists.schemas import ArtistRead
from fastfm.catalog.songs import reads as song_reads
from fastfm.catalog.songs.schemas import SongRead
from fastfm.db.reads import session_reader

SongBody = SongRead
ArtistBody = ArtistRead


async def songs_by_id(session: AsyncSession, ids: Sequence[int]) -> dict[int, SongRead]:
    """Song bodies keyed by id; songs that no longer exist are absent."""
    return await song_reads.load_songs(session_reader(session), ids)


async def artists_by_id(session: AsyncSession, ids: Sequence[int]) -> dict[int, ArtistRead]:
    """Artist bodies keyed by id; artists that no longer exist are absent."""
    bodies = await artist_reads.load_artist_bodies(session_reader(session), ids)
    return {artist_id: ArtistRead.model_validate(body) for artist_id, body in bodies.items()}
