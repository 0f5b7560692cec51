"""``fastfm seed`` on a migrated SQLite file, as a person runs it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fastfm.cli import app
from fastfm.config import get_settings
from fastfm.db import migrate


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(count)


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A migrated SQLite file the CLI's settings point at."""
    path = tmp_path / "seed.db"
    url = f"sqlite+aiosqlite:///{path}"
    migrate.upgrade(url)
    monkeypatch.setenv("FASTFM_DATABASE_URL", url)
    monkeypatch.setenv("FASTFM_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield path
    get_settings.cache_clear()


runner = CliRunner()


class TestSeedDemo:
    def test_adds_the_demo_catalog_once(self, database: Path) -> None:
        first = runner.invoke(app, ["seed", "--demo"])
        assert first.exit_code == 0, first.output
        assert "added 17 genres, 12 artists, 10 albums, 54 songs" in first.output
        second = runner.invoke(app, ["seed", "--demo"])
        assert second.exit_code == 0, second.output
        assert "already present" in second.output
        assert _count(database, "song") == 54
        assert _count(database, "artist") == 12

    def test_if_empty_loads_into_an_empty_catalog(self, database: Path) -> None:
        result = runner.invoke(app, ["seed", "--demo", "--if-empty"])
        assert result.exit_code == 0, result.output
        assert "added 17 genres" in result.output
        assert _count(database, "song") == 54

    def test_if_empty_leaves_a_catalog_with_songs_alone(self, database: Path) -> None:
        assert runner.invoke(app, ["seed", "--synthetic", "--songs", "5"]).exit_code == 0
        result = runner.invoke(app, ["seed", "--demo", "--if-empty"])
        assert result.exit_code == 0, result.output
        assert "already has songs" in result.output
        assert _count(database, "song") == 5
        assert _count(database, "album") < 10

    def test_an_unmigrated_database_is_an_error(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: Path
    ) -> None:
        monkeypatch.setenv("FASTFM_DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'new.db'}")
        get_settings.cache_clear()
        result = runner.invoke(app, ["seed", "--demo"])
        assert result.exit_code == 1
        assert "fastfm db upgrade" in result.output


class TestSeedSynthetic:
    def test_loads_the_requested_songs_and_reports_the_time(self, database: Path) -> None:
        result = runner.invoke(app, ["seed", "--synthetic", "--songs", "300", "--seed", "4"])
        assert result.exit_code == 0, result.output
        assert "300 song" in result.output
        assert " s" in result.output.split(" in ")[-1]
        assert _count(database, "song") == 300
        assert _count(database, "artist") == 6

    def test_refuses_to_load_into_a_filled_catalog(self, database: Path) -> None:
        assert runner.invoke(app, ["seed", "--demo"]).exit_code == 0
        result = runner.invoke(app, ["seed", "--synthetic", "--songs", "50"])
        assert result.exit_code == 1
        assert "empty" in result.output
        assert _count(database, "song") == 54

    def test_the_same_seed_gives_the_same_catalog(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: Path
    ) -> None:
        args = ["seed", "--synthetic", "--songs", "120", "--seed", "9"]
        assert runner.invoke(app, args).exit_code == 0
        again = tmp_path / "again.db"
        migrate.upgrade(f"sqlite+aiosqlite:///{again}")
        monkeypatch.setenv("FASTFM_DATABASE_URL", f"sqlite+aiosqlite:///{again}")
        get_settings.cache_clear()
        assert runner.invoke(app, args).exit_code == 0
        query = "SELECT * FROM song ORDER BY id"
        with sqlite3.connect(database) as first, sqlite3.connect(again) as second:
            assert first.execute(query).fetchall() == second.execute(query).fetchall()


class TestSeedOptions:
    @pytest.mark.parametrize("args", [[], ["--demo", "--synthetic"]])
    def test_exactly_one_kind_must_be_chosen(self, database: Path, args: list[str]) -> None:
        result = runner.invoke(app, ["seed", *args])
        assert result.exit_code == 2
        assert "exactly one" in result.output
        assert _count(database, "song") == 0

    def test_songs_must_be_positive(self, database: Path) -> None:
        result = runner.invoke(app, ["seed", "--synthetic", "--songs", "0"])
        assert result.exit_code == 2
        assert _count(database, "song") == 0
