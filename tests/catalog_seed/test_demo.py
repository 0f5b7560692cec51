"""The demo catalog: complete, internally consistent, and added only once."""

from __future__ import annotations

from sqlalchemy import text

from fastfm.catalog.artists.models import Artist
from fastfm.catalog.seed.demo import load_demo
from fastfm.catalog.seed.demo_data import DEMO_ALBUMS, DEMO_ARTISTS
from tests.catalog_seed.helpers import rows, scalar
from tests.conftest import Profile

DEMO_SONGS = sum(len(album.tracks) for album in DEMO_ALBUMS)
COUNTED = ("artist", "album", "song", "genre", "credit", "song_artist", "album_artist")


async def _counts(profile: Profile) -> dict[str, object]:
    return {t: await scalar(profile, f"SELECT count(*) FROM {t}") for t in COUNTED}


async def _load(profile: Profile) -> str:
    async with profile.session() as session:
        report = await load_demo(session)
        await session.commit()
    return report.describe()


class TestDemoCatalog:
    async def test_loads_every_artist_album_and_song(self, db: Profile) -> None:
        message = await _load(db)
        counts = await _counts(db)
        assert counts["artist"] == len(DEMO_ARTISTS) == 12
        assert counts["album"] == len(DEMO_ALBUMS) == 10
        assert counts["song"] == DEMO_SONGS
        assert f"{DEMO_SONGS} songs" in message

    async def test_album_totals_and_release_dates_are_exact(self, db: Profile) -> None:
        await _load(db)
        totals = await rows(
            db,
            "SELECT a.title, a.track_count, a.total_duration_ms, count(s.id), "
            "sum(s.duration_ms) FROM album a JOIN song s ON s.album_id = a.id "
            "GROUP BY a.id, a.title, a.track_count, a.total_duration_ms ORDER BY a.title",
        )
        assert len(totals) == 10
        for title, track_count, total_ms, counted, summed in totals:
            assert (track_count, total_ms) == (counted, summed), title
        paper = next(t for t in totals if t[0] == "Paper Lanterns")
        # 3:48 + 4:12 + 5:01 + 3:27 + 2:55 + 4:36 + 6:02
        assert paper[1:3] == (7, 1_801_000)
        differing = await scalar(
            db,
            "SELECT count(*) FROM song s JOIN album a ON a.id = s.album_id "
            "WHERE s.release_date IS NULL OR s.release_date <> a.release_date",
        )
        assert differing == 0

    async def test_featured_artists_perform_and_are_credited(self, db: Profile) -> None:
        await _load(db)
        slow_burn = await rows(
            db,
            "SELECT ar.name, sa.position FROM song s JOIN song_artist sa ON sa.song_id = s.id "
            "JOIN artist ar ON ar.id = sa.artist_id WHERE s.title = 'Slow Burn' "
            "ORDER BY sa.position",
        )
        assert slow_burn == [("Aiyana Brooks", 0), ("Kato Reyes", 1)]
        credited = await rows(
            db,
            "SELECT ar.name FROM credit c JOIN song s ON s.id = c.song_id "
            "JOIN artist ar ON ar.id = c.artist_id "
            "WHERE s.title = 'Slow Burn' AND c.role = 'featured_artist'",
        )
        assert credited == [("Kato Reyes",)]

    async def test_performers_name_their_instrument(self, db: Profile) -> None:
        await _load(db)
        assert (
            await scalar(
                db, "SELECT count(*) FROM credit WHERE role = 'performer' AND detail IS NULL"
            )
            == 0
        )
        pedal_steel = await rows(
            db,
            "SELECT ar.name, s.title FROM credit c JOIN song s ON s.id = c.song_id "
            "JOIN artist ar ON ar.id = c.artist_id WHERE c.detail = 'pedal steel guitar'",
        )
        assert pedal_steel == [("Sister Juniper", "Tumbleweed Waltz")]

    async def test_isrcs_are_unique_twelve_character_codes(self, db: Profile) -> None:
        await _load(db)
        codes = [row[0] for row in await rows(db, "SELECT isrc FROM song")]
        assert len(set(codes)) == DEMO_SONGS
        assert all(isinstance(c, str) and len(c) == 12 and c[:2] == "QZ" for c in codes)

    async def test_explicit_tracks_are_marked(self, db: Profile) -> None:
        await _load(db)
        explicit = {row[0] for row in await rows(db, "SELECT title FROM song WHERE explicit")}
        assert {"Night Bus", "Slow Burn", "Overexposed"} <= explicit
        assert "Harbour Lights" not in explicit


class TestDemoIdempotence:
    async def test_a_second_run_adds_nothing(self, db: Profile) -> None:
        await _load(db)
        before = await _counts(db)
        message = await _load(db)
        assert await _counts(db) == before
        assert "nothing added" in message

    async def test_an_existing_artist_of_the_same_name_is_reused(self, db: Profile) -> None:
        async with db.session() as session:
            session.add(Artist(name="Marlow Vance"))
            await session.commit()
        message = await _load(db)
        assert "11 artists" in message
        assert await scalar(db, "SELECT count(*) FROM artist WHERE name = 'Marlow Vance'") == 1
        assert await scalar(db, "SELECT count(*) FROM album") == 10

    async def test_a_missing_album_is_added_back_alone(self, db: Profile) -> None:
        await _load(db)
        before = await _counts(db)
        async with db.engine.begin() as connection:
            album_id = await connection.scalar(
                text("SELECT id FROM album WHERE title = 'Low Orbit'")
            )
            assert album_id is not None
            params = {"album": album_id}
            await connection.execute(text("DELETE FROM song WHERE album_id = :album"), params)
            await connection.execute(text("DELETE FROM album WHERE id = :album"), params)
        message = await _load(db)
        assert "1 albums, 4 songs" in message
        assert "9 albums were already there" in message
        assert await _counts(db) == before
