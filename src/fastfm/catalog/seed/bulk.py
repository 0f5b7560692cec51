"""Bulk-loads the synthetic catalog: COPY on PostgreSQL, batched executemany on SQLite."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from fastfm.catalog.seed.rows import ID_TABLES, NATIVE, SQLITE, TABLE_COLUMNS, TABLE_ORDER
from fastfm.catalog.seed.synthetic import Batch, SyntheticCatalog
from fastfm.db.engine import is_sqlite


class CatalogNotEmpty(Exception):
    """The synthetic catalog is only loaded into an empty catalog (its ids start at 1)."""


class SchemaMissing(Exception):
    """The catalog tables do not exist: the database has not been migrated."""


@dataclass(frozen=True)
class LoadReport:
    backend: str
    rows: dict[str, int]
    seconds: float

    def describe(self) -> str:
        counts = ", ".join(f"{n:,} {table}" for table, n in self.rows.items())
        return f"Loaded {counts} into {self.backend} in {self.seconds:.1f} s"


_DETACH_FOREIGN_KEYS = """
SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
              pg_get_constraintdef(c.oid))
FROM pg_constraint AS c
WHERE c.contype = 'f' AND c.conrelid = ANY($1::text[]::regclass[])
ORDER BY c.conname
"""

# Plain secondary indexes only: primary keys and unique constraints stay in place.
_DETACH_INDEXES = """
SELECT format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)
FROM pg_index AS i
WHERE i.indrelid = ANY($1::text[]::regclass[])
  AND NOT EXISTS (
    SELECT 1 FROM pg_constraint AS c
    WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')
  )
ORDER BY i.indexrelid::regclass::text
"""

# The catalog revision's row triggers (migration 0005) would queue an event per loaded row,
# and the search index's (migration 0007) would index row by row; they are paused for the
# load, then the revision is bumped and the search index rebuilt once.
_PAUSE_REVISION_TRIGGERS = """
SELECT format('ALTER TABLE %s DISABLE TRIGGER %I', t.tgrelid::regclass, t.tgname),
       format('ALTER TABLE %s ENABLE TRIGGER %I', t.tgrelid::regclass, t.tgname)
FROM pg_trigger AS t
WHERE (t.tgfoid = to_regproc('catalog_revision_bump') OR t.tgname LIKE 'search\\_%')
  AND NOT t.tgisinternal AND t.tgrelid = ANY($1::text[]::regclass[])
ORDER BY t.tgname
"""
_REBUILD_SEARCH = """
DO $$ BEGIN
    IF to_regproc('search_rebuild') IS NOT NULL THEN PERFORM search_rebuild(); END IF;
END $$
"""
_BUMP_REVISION = (
    "UPDATE catalog_revision SET revision = floor(random() * 9.2e18)::bigint WHERE id = 1"
)


async def require_catalog_schema(connection: AsyncConnection) -> None:
    """Raise ``SchemaMissing`` unless the catalog tables exist."""
    has_tables = await connection.run_sync(
        lambda sync: all(sync.dialect.has_table(sync, table) for table in TABLE_ORDER)
    )
    if not has_tables:
        raise SchemaMissing("the catalog tables are missing; run `fastfm db upgrade` first")


async def catalog_is_empty(connection: AsyncConnection) -> bool:
    """Whether no artist, album, song, genre or credit exists yet."""
    await require_catalog_schema(connection)
    for table in ID_TABLES:
        found = await connection.scalar(text(f"SELECT 1 FROM {table} LIMIT 1"))  # noqa: S608
        if found is not None:
            return False
    return True


async def load_synthetic(
    engine: AsyncEngine, songs: int, seed: int = 0, *, batch_songs: int = 50_000
) -> LoadReport:
    """Load a synthetic catalog of ``songs`` songs into an empty catalog, in one transaction."""
    started = time.perf_counter()
    async with engine.connect() as connection:
        if not await catalog_is_empty(connection):
            raise CatalogNotEmpty(
                "the catalog already holds data; the synthetic catalog needs an empty one"
            )
        await connection.rollback()
    sqlite = is_sqlite(str(engine.url))
    catalog = SyntheticCatalog(songs, seed, SQLITE if sqlite else NATIVE, batch_songs)
    if sqlite:
        rows = await _load_sqlite(engine, catalog)
    else:
        rows = await _load_postgresql(engine, catalog)
    backend = "SQLite (executemany)" if sqlite else "PostgreSQL (COPY)"
    return LoadReport(backend, rows, time.perf_counter() - started)


def _count(rows: dict[str, int], batch: Batch) -> None:
    for table, table_rows in batch.rows.items():
        rows[table] += len(table_rows)


async def _load_sqlite(engine: AsyncEngine, catalog: SyntheticCatalog) -> dict[str, int]:
    statements = {
        table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"  # noqa: S608
        for table, cols in TABLE_COLUMNS.items()
    }
    rows = dict.fromkeys(TABLE_ORDER, 0)
    async with engine.begin() as connection:
        for batch in catalog.batches():
            for table in TABLE_ORDER:
                if batch.rows[table]:
                    await connection.exec_driver_sql(statements[table], batch.rows[table])
            _count(rows, batch)
    async with engine.begin() as connection:
        await connection.exec_driver_sql("ANALYZE")
    return rows


async def _load_postgresql(engine: AsyncEngine, catalog: SyntheticCatalog) -> dict[str, int]:
    rows = dict.fromkeys(TABLE_ORDER, 0)
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        driver: Any = raw.driver_connection  # asyncpg.Connection: COPY needs the raw driver
        async with driver.transaction():
            # Building indexes and checking foreign keys once, after the load, is several
            # times faster than maintaining them row by row; the same DDL comes back.
            await driver.execute("SET LOCAL maintenance_work_mem = '256MB'")
            tables = list(TABLE_ORDER)
            foreign_keys = await driver.fetch(_DETACH_FOREIGN_KEYS, tables)
            indexes = await driver.fetch(_DETACH_INDEXES, tables)
            triggers = await driver.fetch(_PAUSE_REVISION_TRIGGERS, tables)
            for drop, _ in (*foreign_keys, *indexes, *triggers):
                await driver.execute(drop)
            for batch in catalog.batches():
                for table in TABLE_ORDER:
                    if batch.rows[table]:
                        await driver.copy_records_to_table(
                            table, records=batch.rows[table], columns=TABLE_COLUMNS[table]
                        )
                _count(rows, batch)
            for _, create in (*indexes, *foreign_keys, *triggers):
                await driver.execute(create)
            await driver.execute(_BUMP_REVISION)
            await driver.execute(_REBUILD_SEARCH)
            for table in ID_TABLES:
                await driver.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT max(id) FROM {table}))"
                )
        # Fresh statistics for the planner, and a visibility map so index-only scans
        # (counts, id pages) skip the heap. VACUUM cannot run inside a transaction.
        await driver.execute(f"VACUUM (ANALYZE) {', '.join(TABLE_ORDER)}")
        # Tables the load filled indirectly (trigger-kept counters) need statistics too.
        await driver.execute("ANALYZE")
    return rows
