"""Run Alembic from code: the CLI and the tests use the real migrations, never create_all."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection

ROOT = Path(__file__).resolve().parents[3]


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    if url is not None:
        config.attributes["url"] = url
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


async def upgrade_connection(connection: AsyncConnection, revision: str = "head") -> None:
    """Upgrade over an open async connection (inside a running event loop)."""
    await connection.run_sync(lambda c: command.upgrade(alembic_config(connection=c), revision))


async def downgrade_connection(connection: AsyncConnection, revision: str) -> None:
    await connection.run_sync(lambda c: command.downgrade(alembic_config(connection=c), revision))


async def current_revision(connection: AsyncConnection) -> str | None:
    return await connection.run_sync(lambda c: MigrationContext.configure(c).get_current_revision())


def show_current(url: str) -> None:
    command.current(alembic_config(url))
