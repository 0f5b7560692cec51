"""Genre rules: names unique case-insensitively, slugs derived, linked genres kept."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.exceptions import GenreExists, GenreInUse, GenreNotFound
from fastfm.catalog.genres import repository
from fastfm.catalog.genres.models import Genre
from fastfm.catalog.genres.schemas import GenreCreate, GenreUpdate

_WORD = re.compile(r"[a-z0-9]+")


def name_key(name: str) -> str:
    """The form two names share when they differ only in case (or Unicode compatibility)."""
    return unicodedata.normalize("NFKC", name).casefold()


def slugify(name: str) -> str:
    """Lowercase ASCII words joined by ``-``: accents stripped, other characters dropped.

    A name with no ASCII letters or digits (e.g. ``演歌``) gets a stable hashed slug.
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    slug = "-".join(_WORD.findall(ascii_text))
    if slug:
        return slug
    return "genre-" + hashlib.sha256(name_key(name).encode()).hexdigest()[:10]


async def create_genre(session: AsyncSession, body: GenreCreate) -> Genre:
    """Add a genre (409 ``genre_exists`` when the name or its slug is taken)."""
    key, slug = name_key(body.name), slugify(body.name)
    if await repository.name_or_slug_taken(session, key, slug):
        raise GenreExists()
    genre = Genre(name=body.name, name_key=key, slug=slug)
    session.add(genre)
    await session.flush()
    return genre


async def update_genre(session: AsyncSession, genre_id: int, body: GenreUpdate) -> Genre:
    """Rename a genre; its slug follows the name."""
    genre = await repository.get_for_update(session, genre_id)
    if genre is None:
        raise GenreNotFound()
    if body.name is not None and body.name != genre.name:
        key, slug = name_key(body.name), slugify(body.name)
        if await repository.name_or_slug_taken(session, key, slug, other_than=genre_id):
            raise GenreExists()
        genre.name, genre.name_key, genre.slug = body.name, key, slug
        await session.flush()
    return genre


async def delete_genre(session: AsyncSession, genre_id: int) -> None:
    """Delete a genre nothing links to (409 ``genre_in_use`` otherwise)."""
    genre = await repository.get_for_update(session, genre_id)
    if genre is None:
        raise GenreNotFound()
    if await repository.is_linked(session, genre_id):
        raise GenreInUse()
    await session.delete(genre)
    await session.flush()
