"""Running ``fastfm`` commands in tests, against a profile's database."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import anyio
from typer.testing import CliRunner, Result

from fastfm.cli import app as cli
from tests.conftest import Profile


async def run_cli(
    profile: Profile, tmp_path: Path, args: list[str], stdin: str | None = None
) -> Result:
    """Run ``fastfm ARGS`` on the profile's database, in a thread (it runs its own loop)."""
    env = {
        "FASTFM_DATABASE_URL": profile.settings.resolved_database_url,
        "FASTFM_DATA_DIR": str(tmp_path),
    }
    invoke = partial(CliRunner().invoke, cli, args, input=stdin, env=env)
    return await anyio.to_thread.run_sync(invoke)
