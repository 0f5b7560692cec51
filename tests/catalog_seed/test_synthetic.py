"""The synthetic catalog: deterministic, the promised size, and consistent with every rule."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.engine import Connection

from fastfm.catalog.artists.models import Artist
from fastfm.catalog.seed.bulk import CatalogNotEmpty, load_synthetic
from fastfm.catalog.seed.rows import TABLE_ORDER
from fastfm.catalog.seed.synthetic import SyntheticCatalog
from fastfm.catalog.songs.models import Song
from tests.catalog_seed.helpers import dump, rows, scalar
from tests.conftest import Profile, reset

SONGS = 500


def _generated(songs: int, seed: int, batch_songs: int = 50_000) -> dict[str, list[object]]:
    tables: dict[str, list[object]] = {t: [] for t in TABLE_ORDER}
    for batch in SyntheticCatalog(songs, seed, batch_songs=batch_songs).batches():
        for table, table_rows in batch.rows.items():
            tables[table].extend(table_rows)
    return tables


class TestGenerator:
    def test_same_seed_gives_the_same_rows(self) -> None:
        assert _generated(SONGS, 3) == _generated(SONGS, 3)

    def test_another_seed_gives_other_rows(self) -> None:
        assert _generated(SONGS, 3)["song"] != _generated(SONGS, 4)["song"]

    def test_batch_size_does_not_change_the_rows(self) -> None:
        assert _generated(SONGS, 3, batch_songs=40) == _generated(SONGS, 3)

    def test_exact_song_count_and_proportions(self) -> None:
        tables = _generated(2_000, 1)
        assert len(tables["song"]) == 2_000
        assert len(tables["artist"]) == 40
        assert 120 <= len(tables["album"]) <= 320
        assert len(tables["song_artist"]) > len(tables["song"])
        assert 1.5 <= len(tables["credit"]) / 2_000 <= 3

    def test_no_songs_is_refused(self) -> None:
        with pytest.raises(ValueError, match="at least 1"):
            SyntheticCatalog(0)


class TestSyntheticLoad:
    async def test_database_holds_exactly_what_the_report_says(self, db: Profile) -> None:
        report = await load_synthetic(db.engine, SONGS, seed=5)
        assert report.rows["song"] == SONGS
        assert report.rows["artist"] == SONGS // 50
        assert report.seconds > 0
        for table in TABLE_ORDER:
            assert await scalar(db, f"SELECT count(*) FROM {table}") == report.rows[table]

    async def test_loading_twice_with_one_seed_gives_identical_tables(self, db: Profile) -> None:
        await load_synthetic(db.engine, SONGS, seed=7)
        first = await dump(db)
        await reset(db)
        await load_synthetic(db.engine, SONGS, seed=7)
        assert await dump(db) == first
        await reset(db)
        await load_synthetic(db.engine, SONGS, seed=8)
        assert (await dump(db))["song"] != first["song"]

    async def test_small_batches_load_the_same_catalog(self, db: Profile) -> None:
        await load_synthetic(db.engine, SONGS, seed=7, batch_songs=60)
        first = await dump(db)
        await reset(db)
        await load_synthetic(db.engine, SONGS, seed=7)
        assert await dump(db) == first

    async def test_refuses_a_catalog_that_is_not_empty(self, db: Profile) -> None:
        await load_synthetic(db.engine, 50, seed=1)
        with pytest.raises(CatalogNotEmpty):
            await load_synthetic(db.engine, 50, seed=2)
        assert await scalar(db, "SELECT count(*) FROM song") == 50


class TestSyntheticConsistency:
    @pytest.fixture(autouse=True)
    async def _seeded(self, db: Profile) -> None:
        await load_synthetic(db.engine, SONGS, seed=11)

    async def test_album_totals_are_the_sums_of_their_tracks(self, db: Profile) -> None:
        mismatched = await rows(
            db,
            "SELECT a.id FROM album a LEFT JOIN (SELECT album_id, count(*) AS n, "
            "sum(duration_ms) AS ms FROM song GROUP BY album_id) s ON s.album_id = a.id "
            "WHERE s.n IS NULL OR a.track_count <> s.n OR a.total_duration_ms <> s.ms",
        )
        assert mismatched == []
        assert await scalar(db, "SELECT sum(track_count) FROM album") == SONGS

    async def test_songs_carry_their_album_release_date(self, db: Profile) -> None:
        assert await scalar(db, "SELECT count(*) FROM song WHERE release_date IS NULL") == 0
        differing = await scalar(
            db,
            "SELECT count(*) FROM song s JOIN album a ON a.id = s.album_id "
            "WHERE s.release_date <> a.release_date",
        )
        assert differing == 0

    async def test_track_numbers_run_from_one_on_every_disc(self, db: Profile) -> None:
        gaps = await rows(
            db,
            "SELECT album_id, disc_number FROM song GROUP BY album_id, disc_number "
            "HAVING min(track_number) <> 1 OR max(track_number) <> count(*)",
        )
        assert gaps == []

    async def test_the_album_artist_performs_first_on_every_track(self, db: Profile) -> None:
        others = await scalar(
            db,
            "SELECT count(*) FROM song s JOIN song_artist sa ON sa.song_id = s.id "
            "AND sa.position = 0 JOIN album_artist aa ON aa.album_id = s.album_id "
            "AND aa.position = 0 WHERE sa.artist_id <> aa.artist_id",
        )
        assert others == 0
        multi = await scalar(
            db, "SELECT count(DISTINCT song_id) FROM song_artist WHERE position > 0"
        )
        assert isinstance(multi, int)
        assert 0 < multi < SONGS // 2

    async def test_featured_artists_are_credited_and_perform(self, db: Profile) -> None:
        featured = await rows(
            db,
            "SELECT c.song_id, c.artist_id FROM credit c WHERE c.role = 'featured_artist' "
            "AND NOT EXISTS (SELECT 1 FROM song_artist sa WHERE sa.song_id = c.song_id "
            "AND sa.artist_id = c.artist_id AND sa.position > 0)",
        )
        assert featured == []
        producers = await scalar(
            db, "SELECT count(DISTINCT song_id) FROM credit WHERE role = 'producer'"
        )
        assert producers == SONGS
        performers = await scalar(
            db, "SELECT count(*) FROM credit WHERE role = 'performer' AND detail IS NULL"
        )
        assert performers == 0

    async def test_every_song_has_a_genre_of_its_album(self, db: Profile) -> None:
        missing = await scalar(
            db,
            "SELECT count(*) FROM song s WHERE NOT EXISTS (SELECT 1 FROM song_genre sg "
            "JOIN album_genre ag ON ag.genre_id = sg.genre_id AND ag.album_id = s.album_id "
            "WHERE sg.song_id = s.id)",
        )
        assert missing == 0

    @pytest.mark.postgres_only  # block counts are kept by PostgreSQL statement triggers
    async def test_the_block_counts_match_the_rows_loaded(self, db: Profile) -> None:
        counted = dict(
            await rows(db, "SELECT table_name, sum(delta) FROM id_block_count GROUP BY table_name")
        )
        assert counted == {
            "artist": SONGS // 50,
            "album": await scalar(db, "SELECT count(*) FROM album"),
            "song": SONGS,
        }

    @pytest.mark.postgres_only  # the catalog revision is kept by PostgreSQL triggers
    async def test_the_revision_triggers_paused_for_the_load_are_back_on(self, db: Profile) -> None:
        states = await rows(
            db,
            "SELECT tgrelid::regclass::text, tgenabled::text FROM pg_trigger "
            "WHERE tgfoid = 'catalog_revision_bump'::regproc AND tgname LIKE '%_catalog_revision'",
        )
        assert sorted(table for table, _ in states) == sorted(TABLE_ORDER)
        assert {enabled for _, enabled in states} == {"O"}

    async def test_the_orm_reads_seeded_values_with_their_types(self, db: Profile) -> None:
        async with db.session() as session:
            song = (await session.scalars(select(Song).order_by(Song.id).limit(1))).one()
        assert song.id == 1
        assert isinstance(song.release_date, date)
        assert isinstance(song.created_at, datetime)
        assert song.created_at.utcoffset() is not None
        assert song.explicit in (True, False)
        assert song.isrc is not None
        assert len(song.isrc) == 12
        assert (song.like_count, song.play_count, song.disc_number) == (0, 0, 1)

    async def test_rows_added_afterwards_get_the_next_ids(self, db: Profile) -> None:
        async with db.session() as session:
            artist = Artist(name="Added Later")
            session.add(artist)
            await session.commit()
        assert artist.id == SONGS // 50 + 1


def _schema(connection: Connection) -> dict[str, tuple[list[object], ...]]:
    inspector = inspect(connection)
    return {
        table: (
            sorted(
                (i["name"] or "", tuple(i["column_names"])) for i in inspector.get_indexes(table)
            ),
            sorted(fk["name"] or "" for fk in inspector.get_foreign_keys(table)),
            sorted(u["name"] or "" for u in inspector.get_unique_constraints(table)),
        )
        for table in TABLE_ORDER
    }


class TestSchemaAfterLoad:
    async def test_indexes_and_foreign_keys_are_as_before(self, db: Profile) -> None:
        async with db.engine.connect() as connection:
            before = await connection.run_sync(_schema)
        await load_synthetic(db.engine, 100, seed=2)
        async with db.engine.connect() as connection:
            assert await connection.run_sync(_schema) == before
        assert before["song"][0]
        assert before["credit"][1]
