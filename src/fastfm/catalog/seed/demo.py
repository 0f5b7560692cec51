"""Loads the hand-made demo catalog through the ORM; running it again adds nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fastfm.catalog.albums.models import Album, AlbumArtist
from fastfm.catalog.artists.models import Artist
from fastfm.catalog.credits.models import Credit
from fastfm.catalog.genres.models import Genre
from fastfm.catalog.seed.demo_data import DEMO_ALBUMS, DEMO_ARTISTS, DemoAlbum, DemoCredit
from fastfm.catalog.seed.text import name_key, slugify
from fastfm.catalog.songs.models import Song, SongArtist


@dataclass
class DemoReport:
    created: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("genres", "artists", "albums", "songs", "credits"), 0
        )
    )
    existing_albums: int = 0

    def describe(self) -> str:
        if not any(self.created.values()):
            return f"Demo catalog already present ({self.existing_albums} albums); nothing added."
        added = ", ".join(f"{n} {kind}" for kind, n in self.created.items())
        kept = f"; {self.existing_albums} albums were already there" if self.existing_albums else ""
        return f"Demo catalog: added {added}{kept}."


async def load_demo(session: AsyncSession) -> DemoReport:
    """Add whatever part of the demo catalog is missing; flushes, the caller commits."""
    report = DemoReport()
    genres = await _genres(session, report)
    artists = await _artists(session, genres, report)
    for album in DEMO_ALBUMS:
        if await _album_exists(session, album, artists[album.artists[0]]):
            report.existing_albums += 1
            continue
        await _add_album(session, album, artists, genres, report)
    return report


async def _genres(session: AsyncSession, report: DemoReport) -> dict[str, Genre]:
    names = sorted(
        {g for a in DEMO_ARTISTS for g in a.genres} | {g for a in DEMO_ALBUMS for g in a.genres}
    )
    found = {
        genre.name_key: genre
        for genre in await session.scalars(
            select(Genre).where(Genre.name_key.in_([name_key(n) for n in names]))
        )
    }
    genres: dict[str, Genre] = {}
    for name in names:
        genre = found.get(name_key(name))
        if genre is None:
            genre = Genre(name=name, name_key=name_key(name), slug=slugify(name))
            session.add(genre)
            report.created["genres"] += 1
        genres[name] = genre
    await session.flush()
    return genres


async def _artists(
    session: AsyncSession, genres: dict[str, Genre], report: DemoReport
) -> dict[str, int]:
    """Each demo artist's id, reusing an artist of the same name."""
    names = [a.name for a in DEMO_ARTISTS]
    rows = await session.execute(
        select(Artist.name, Artist.id).where(Artist.name.in_(names)).order_by(Artist.id.desc())
    )
    ids = {row.name: row.id for row in rows}  # ordered by id desc: the lowest id wins
    created: list[tuple[str, Artist]] = []
    for demo in DEMO_ARTISTS:
        if demo.name not in ids:
            artist = Artist(name=demo.name, bio=demo.bio, genres=[genres[g] for g in demo.genres])
            session.add(artist)
            created.append((demo.name, artist))
    await session.flush()
    ids.update((name, artist.id) for name, artist in created)
    report.created["artists"] += len(created)
    return ids


async def _album_exists(session: AsyncSession, album: DemoAlbum, primary_id: int) -> bool:
    found = await session.scalar(
        select(Album.id)
        .join(AlbumArtist, AlbumArtist.album_id == Album.id)
        .where(
            Album.title == album.title,
            AlbumArtist.position == 0,
            AlbumArtist.artist_id == primary_id,
        )
        .limit(1)
    )
    return found is not None


def _credits(credits: tuple[DemoCredit, ...], artists: dict[str, int]) -> list[Credit]:
    return [
        Credit(artist_id=artists[c.artist], role=c.role, detail=c.detail, position=position)
        for position, c in enumerate(credits)
    ]


async def _add_album(
    session: AsyncSession,
    album: DemoAlbum,
    artists: dict[str, int],
    genres: dict[str, Genre],
    report: DemoReport,
) -> None:
    row = Album(
        title=album.title,
        album_type=album.album_type,
        release_date=album.release_date,
        track_count=len(album.tracks),
        total_duration_ms=sum(t.duration_ms for t in album.tracks),
        artist_links=[
            AlbumArtist(position=i, artist_id=artists[name]) for i, name in enumerate(album.artists)
        ],
        genres=[genres[g] for g in album.genres],
    )
    session.add(row)
    await session.flush()
    for number, track in enumerate(album.tracks, start=1):
        performers = [*album.artists, *track.featuring]
        credits = (
            *(DemoCredit(name, "featured_artist") for name in track.featuring),
            *track.credits,
            *album.credits,
        )
        session.add(
            Song(
                title=track.title,
                duration_ms=track.duration_ms,
                explicit=track.explicit,
                isrc=album.isrc(number),
                album_id=row.id,
                disc_number=1,
                track_number=number,
                release_date=album.release_date,
                artist_links=[
                    SongArtist(position=i, artist_id=artists[name])
                    for i, name in enumerate(performers)
                ],
                genres=[genres[g] for g in album.genres],
                credits=_credits(credits, artists),
            )
        )
        report.created["songs"] += 1
        report.created["credits"] += len(credits)
    report.created["albums"] += 1
    await session.flush()
