"""Alembic environment: async engines, batch mode on SQLite, FastFM's metadata."""

from __future__ import annotations

import asyncio

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection

from fastfm.config import get_settings
from fastfm.db.base import UTCDateTime
from fastfm.db.engine import create_engine
from fastfm.db.registry import Base
from fastfm.search.derived import include_name

target_metadata = Base.metadata


def _render_item(type_: str, obj: object, autogen_context: AutogenContext) -> str | bool:
    # Migrations must not import application code: UTCDateTime is a plain timestamptz.
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure_and_run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        compare_server_default=False,
        render_item=_render_item,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_new_engine(url: str) -> None:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_configure_and_run)
    finally:
        await engine.dispose()


def run_migrations_online() -> None:
    # A caller (the CLI, the tests) may hand over an open connection.
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection)
        return
    url = context.config.attributes.get("url") or get_settings().resolved_database_url
    asyncio.run(_run_with_new_engine(url))


if context.is_offline_mode():
    raise SystemExit("FastFM runs migrations online only: use `fastfm db upgrade`.")
run_migrations_online()
