"""``fastfm tokens purge``: remove refresh-token rows nothing can use any more."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import typer

from fastfm.auth.purge import purge_refresh_tokens
from fastfm.config import get_settings
from fastfm.db.base import utcnow
from fastfm.db.session import Database

tokens_app = typer.Typer(help="Refresh tokens.", no_args_is_help=True)


@tokens_app.command("purge")
def purge() -> None:
    """Delete the rows of logged-out and expired logins (run daily)."""
    typer.echo(f"Deleted {asyncio.run(_purge())} refresh-token rows")


async def _purge() -> int:
    settings = get_settings()
    database = Database(settings.resolved_database_url, pool_size=1)
    try:
        async with database.sessionmaker() as session, session.begin():
            lifetime = timedelta(minutes=settings.access_token_minutes)
            return await purge_refresh_tokens(session, utcnow(), lifetime)
    finally:
        await database.dispose()
