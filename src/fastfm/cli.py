"""The ``fastfm`` command line: serve, migrate, manage users, seed data."""

from __future__ import annotations

import typer

from fastfm.config import get_settings
from fastfm.db import migrate
from fastfm.playlists import service as playlist_service

app = typer.Typer(help="FastFM: a multi-user music library service.", no_args_is_help=True)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@app.callback()
def main() -> None:
    """FastFM: a multi-user music library service."""
    # Commands change songs through the services: playlists follow, as in the API.
    playlist_service.register_song_hooks()


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to bind."),
    port: int = typer.Option(8000, help="Port to bind."),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
    reload: bool = typer.Option(False, help="Restart on code changes (development)."),
    upgrade: bool = typer.Option(
        True, help="Apply pending migrations before serving (the embedded default needs it)."
    ),
) -> None:
    """Serve the HTTP API (docs at /docs)."""
    import uvicorn

    if upgrade:
        migrate.upgrade(get_settings().resolved_database_url)
    uvicorn.run(
        "fastfm.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        loop="uvloop",
        http="httptools",
        proxy_headers=True,
        log_level=get_settings().log_level.lower(),
        # uvicorn's default of 5 s kills workers still importing on a busy machine,
        # and restarts them forever.
        timeout_worker_healthcheck=60,
        # WebSocket frames: none larger than a party message may be (the connection
        # closes with 1009), and no per-message compression: a party's state is written
        # once and sent as it is to every member, not compressed again for each.
        ws_max_size=get_settings().party_max_message_bytes,
        ws_per_message_deflate=False,
    )


@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head")) -> None:
    """Upgrade the database to REVISION (default: the newest)."""
    migrate.upgrade(get_settings().resolved_database_url, revision)


@db_app.command("downgrade")
def db_downgrade(revision: str = typer.Argument(..., help="Target, e.g. -1 or base.")) -> None:
    """Downgrade the database to REVISION."""
    migrate.downgrade(get_settings().resolved_database_url, revision)


@db_app.command("current")
def db_current() -> None:
    """Print the database's current revision."""
    migrate.show_current(get_settings().resolved_database_url)


def _register_subcommands() -> None:
    from fastfm.auth.cli import tokens_app
    from fastfm.catalog.cli import seed
    from fastfm.jobs.cli import worker
    from fastfm.users.cli import users_app

    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")
    app.command("seed")(seed)
    app.command("worker")(worker)


_register_subcommands()
