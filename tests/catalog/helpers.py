"""Assertions on what the catalog tables hold, straight from the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Table, func, select

from fastfm.catalog import tables as t
from tests.conftest import Profile

API = "/api/v1"


async def row_count(profile: Profile, table: Table, *where: ColumnElement[bool]) -> int:
    async with profile.engine.connect() as connection:
        query = select(func.count()).select_from(table).where(*where)
        return int((await connection.execute(query)).scalar_one())


async def album_totals(profile: Profile, album_id: int) -> tuple[int, int]:
    """``(track_count, total_duration_ms)`` as stored on the album row."""
    async with profile.engine.connect() as connection:
        query = select(t.album.c.track_count, t.album.c.total_duration_ms).where(
            t.album.c.id == album_id
        )
        row = (await connection.execute(query)).one()
        return int(row[0]), int(row[1])


async def catalog_counts(profile: Profile) -> dict[str, int]:
    """Rows in every catalog table: compared before and after a refused write."""
    tables = (
        t.artist,
        t.album,
        t.song,
        t.genre,
        t.credit,
        t.song_artist,
        t.song_genre,
        t.album_artist,
        t.album_genre,
        t.artist_genre,
    )
    return {table.name: await row_count(profile, table) for table in tables}


def ids(body: dict[str, Any]) -> list[int]:
    """The ids of a list envelope's items, in order."""
    return [item["id"] for item in body["items"]]
