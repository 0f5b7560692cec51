"""Song hooks are registered where the app and the command line are built, not on import.

Each check runs in a fresh interpreter, so no other test's app has registered anything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import TEST_SECRET

COUNT = (
    "from fastfm.catalog.songs import hooks;"
    "print(len(hooks.before_song_delete), len(hooks.after_song_resize))"
)


def run_python(code: str, tmp_path: Path) -> str:
    env = {
        "FASTFM_DATA_DIR": str(tmp_path),
        "FASTFM_DATABASE_URL": f"sqlite+aiosqlite:///{(tmp_path / 'fastfm.db').as_posix()}",
        "FASTFM_SECRET_KEY": TEST_SECRET,
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


class TestSongHookWiring:
    def test_importing_every_domain_registers_nothing(self, tmp_path: Path) -> None:
        imports = (
            "import fastfm.api, fastfm.playlists, fastfm.playlists.service,"
            " fastfm.playlists.cleanup, fastfm.users.service, fastfm.library.service;"
        )
        assert run_python(imports + COUNT, tmp_path) == "0 0"

    def test_create_app_registers_the_playlist_hooks_once(self, tmp_path: Path) -> None:
        code = "from fastfm.main import create_app; create_app(); create_app();" + COUNT
        assert run_python(code, tmp_path) == "1 1"

    def test_the_command_line_registers_them_when_it_runs(self, tmp_path: Path) -> None:
        code = (
            "from typer.testing import CliRunner; from fastfm.cli import app;"
            "from fastfm.catalog.songs import hooks;"
            "assert not hooks.before_song_delete;"
            "result = CliRunner().invoke(app, ['db', 'current']);"
            "assert result.exit_code == 0, result.output;" + COUNT
        )
        assert run_python(code, tmp_path) == "1 1"
