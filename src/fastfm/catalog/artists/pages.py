"""An artist's song and album ids, a page per artist, for many artists in one statement."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncConnection

from fastfm.catalog import tables as t
from fastfm.kit.windows import PageKey, owner_pages


async def song_id_pages(
    connection: AsyncConnection, keys: Sequence[PageKey]
) -> dict[PageKey, list[int]]:
    """For each (artist, limit, offset), the ids of songs the artist performs on, by id."""
    link = t.song_artist.c
    pages = await owner_pages(connection, keys, link.artist_id, link.song_id, [link.song_id])
    return {key: [row[1] for row in rows] for key, rows in pages.items()}


async def album_id_pages(
    connection: AsyncConnection, keys: Sequence[PageKey]
) -> dict[PageKey, list[int]]:
    """For each (artist, limit, offset), the ids of albums the artist is credited on, by id."""
    link = t.album_artist.c
    pages = await owner_pages(connection, keys, link.artist_id, link.album_id, [link.album_id])
    return {key: [row[1] for row in rows] for key, rows in pages.items()}
