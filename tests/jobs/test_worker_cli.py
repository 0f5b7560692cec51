"""``fastfm worker`` needs PostgreSQL: with SQLite, serve runs the jobs itself."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from fastfm.cli import app as cli
from fastfm.config import get_settings


def test_worker_refuses_sqlite(tmp_path: Path) -> None:
    get_settings.cache_clear()
    try:
        env = {"FASTFM_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'x.db'}"}
        result = CliRunner().invoke(cli, ["worker"], env=env)
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert "needs PostgreSQL" in result.output
