"""The ``fastfm`` command line: serve, migrate, manage users, seed data."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from fastfm.config import get_settings
from fastfm.db import migrate
from fastfm.observability.metrics_dir import (
    MULTIPROC_ENV,
    prepare_run_directory,
    remove_run_directory,
)
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

    from fastfm.observability.logging import configure_logging

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format.value)
    # Before anything imports prometheus-client: every worker writes its samples here.
    run_dir, remove_at_exit = _metrics_run_directory(settings.metrics_dir)
    try:
        if upgrade:
            migrate.upgrade(settings.resolved_database_url)
        if settings.metrics_address:
            _serve_metrics_separately(*settings.metrics_listen(), workers=workers)
        uvicorn.run(
            "fastfm.main:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            reload=reload,
            loop="uvloop",
            http="httptools",
            # Client addresses behind proxies are resolved by the app, from
            # FASTFM_TRUSTED_PROXIES only.
            proxy_headers=False,
            log_level=settings.log_level.lower(),
            # FastFM's logging (JSON lines or console) covers uvicorn's records too, and
            # its request line replaces uvicorn's access log.
            log_config=None,
            access_log=False,
            # uvicorn's default of 5 s kills workers still importing on a busy machine,
            # and restarts them forever.
            timeout_worker_healthcheck=60,
            # On SIGTERM requests in flight get this long to finish.
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
            # WebSocket frames: none larger than a party message may be (the connection
            # closes with 1009), and no per-message compression: a party's state is
            # written once and sent as it is to every member, not compressed for each.
            ws_max_size=settings.party_max_message_bytes,
            ws_per_message_deflate=False,
        )
    finally:
        if remove_at_exit:
            remove_run_directory(run_dir)


GRACEFUL_SHUTDOWN_SECONDS = 25


def _metrics_run_directory(configured: Path | None) -> tuple[Path, bool]:
    run_dir, remove_at_exit = prepare_run_directory(configured)
    os.environ[MULTIPROC_ENV] = str(run_dir)
    return run_dir, remove_at_exit


def _serve_metrics_separately(host: str, port: int, *, workers: int) -> None:
    """Expose /metrics of every worker from this process (the supervisor, or the only
    worker)."""
    from prometheus_client import start_http_server

    from fastfm.observability import metrics

    registry = metrics.merged_registry() if workers > 1 else metrics.registry()
    start_http_server(port, addr=host, registry=registry)


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
