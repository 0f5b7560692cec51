"""``fastfm seed --demo`` and ``fastfm seed --synthetic --songs N [--seed S]``."""

from __future__ import annotations

import asyncio

import typer
from sqlalchemy import select

from fastfm.catalog.seed.bulk import (
    CatalogNotEmpty,
    SchemaMissing,
    load_synthetic,
    require_catalog_schema,
)
from fastfm.catalog.seed.demo import load_demo
from fastfm.catalog.songs.models import Song
from fastfm.config import get_settings
from fastfm.db.engine import create_engine, create_sessionmaker


def seed(
    demo: bool = typer.Option(
        False, "--demo", help="Add the small hand-made demo catalog (safe to run again)."
    ),
    synthetic: bool = typer.Option(
        False, "--synthetic", help="Bulk-load a large generated catalog into an empty one."
    ),
    songs: int = typer.Option(10_000, "--songs", min=1, help="Songs in the synthetic catalog."),
    seed_value: int = typer.Option(
        0, "--seed", help="Random seed: the same seed and size give the same catalog."
    ),
    if_empty: bool = typer.Option(
        False, "--if-empty", help="Only when the catalog has no songs yet (for `make run`)."
    ),
) -> None:
    """Fill the catalog with demo or synthetic data (the database must be migrated)."""
    if demo == synthetic:
        raise typer.BadParameter("choose exactly one of --demo and --synthetic")
    url = get_settings().resolved_database_url
    try:
        message = asyncio.run(
            _seed_demo(url, if_empty) if demo else _seed_synthetic(url, songs, seed_value)
        )
    except (CatalogNotEmpty, SchemaMissing) as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(message)


async def _seed_demo(url: str, if_empty: bool) -> str:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            await require_catalog_schema(connection)
            if if_empty and await connection.scalar(select(Song.id).limit(1)) is not None:
                return "The catalog already has songs; demo catalog not loaded."
        async with create_sessionmaker(engine)() as session:
            report = await load_demo(session)
            await session.commit()
        return report.describe()
    finally:
        await engine.dispose()


async def _seed_synthetic(url: str, songs: int, seed_value: int) -> str:
    engine = create_engine(url, pool_size=1)
    try:
        report = await load_synthetic(engine, songs, seed_value)
        return report.describe()
    finally:
        await engine.dispose()
