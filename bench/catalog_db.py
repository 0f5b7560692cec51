"""The benchmark database: created, migrated and seeded once, then reused by later runs."""

from __future__ import annotations

import asyncio
import hashlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

ROOT = Path(__file__).resolve().parents[1]
FASTFM = Path(sys.executable).parent / "fastfm"

# Set on the benchmark database only (ALTER DATABASE ... SET), so both apps see them:
# the data lives in RAM/SSD, so random reads cost about as much as sequential ones
# (PERFORMANCE.md lesson 7); JIT compilation would add tens of milliseconds to every
# count over a million rows without making a short query faster; and with 64 clients on
# 2 cores, parallel workers only add processes competing for the same cores.
DATABASE_SETTINGS = {
    "random_page_cost": "1.1",
    "jit": "off",
    "max_parallel_workers_per_gather": "0",
}
COMMON_WORD = "love"


@dataclass(frozen=True)
class Targets:
    """The ids and words the benchmark's URLs use, chosen from the loaded catalog."""

    songs: int
    artist_id: int
    artist_songs: int
    word: str
    word_songs: int
    song_id: int
    album_id: int
    album_tracks: int


def server_url(admin_url: str, database: str) -> str:
    return admin_url.rsplit("/", 1)[0] + "/" + database


def fastfm_env(url: str) -> dict[str, str]:
    """The environment ``fastfm`` commands run with, pointed at the benchmark database."""
    return {
        **os.environ,
        "FASTFM_DATABASE_URL": url.replace("postgresql://", "postgresql+asyncpg://", 1),
    }


def fingerprint(songs: int, seed: int) -> str:
    """Names what the database was built from: the migrations, the seed code and its size.

    Stored as the database's comment once seeded; any change rebuilds it on the next run.
    """
    digest = hashlib.sha256(f"{songs}:{seed}".encode())
    sources = [*sorted((ROOT / "migrations" / "versions").glob("*.py"))]
    sources += sorted((ROOT / "src" / "fastfm" / "catalog" / "seed").glob("*.py"))
    for path in sources:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"fastfm-bench {digest.hexdigest()[:16]}"


def prepare(admin_url: str, database: str, songs: int, seed: int, recreate: bool) -> Targets:
    """Create, migrate and (once) seed ``database``; return what the URLs should ask for."""
    built_from = fingerprint(songs, seed)
    asyncio.run(_create(admin_url, database, recreate, built_from))
    url = server_url(admin_url, database)
    env = fastfm_env(url)
    subprocess.run([str(FASTFM), "db", "upgrade"], env=env, check=True, cwd=ROOT)  # noqa: S603
    present = asyncio.run(_fetchval(url, "SELECT count(*) FROM song"))
    if present == 0:
        print(f"Seeding {songs:,} songs into {database} (once; later runs reuse them)")
        command = [str(FASTFM), "seed", "--synthetic", "--songs", str(songs), "--seed", str(seed)]
        subprocess.run(command, env=env, check=True, cwd=ROOT)  # noqa: S603
        asyncio.run(_fetchval(url, f"COMMENT ON DATABASE \"{database}\" IS '{built_from}'"))
    else:
        print(f"Reusing the {present:,} songs already in {database}")
    return asyncio.run(_targets(url, songs))


async def _create(admin_url: str, database: str, recreate: bool, built_from: str) -> None:
    admin = await asyncpg.connect(admin_url)
    try:
        exists = await admin.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database)
        comment = await admin.fetchval(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1",
            database,
        )
        reason = "--recreate" if recreate else "built from other migrations, seed code or size"
        if exists and (recreate or comment != built_from):
            print(f"Dropping {database} ({reason})")
            await admin.execute(f'DROP DATABASE "{database}" WITH (FORCE)')
            exists = None
        if not exists:
            print(f"Creating database {database}")
            await admin.execute(f'CREATE DATABASE "{database}"')
        for name, value in DATABASE_SETTINGS.items():
            await admin.execute(f'ALTER DATABASE "{database}" SET {name} = {value}')
    finally:
        await admin.close()


async def _fetchval(url: str, sql: str) -> Any:
    connection = await asyncpg.connect(url)
    try:
        return await connection.fetchval(sql)
    finally:
        await connection.close()


def wait_until_idle(url: str, timeout: float = 300.0) -> float:
    """Wait until no query runs on the database for a second; returns the seconds waited.

    A server keeps answering the requests wrk left queued when it stopped; measuring the
    next run before they drain would charge one app's backlog to the other.
    """
    return asyncio.run(_wait_until_idle(url, timeout))


async def _wait_until_idle(url: str, limit: float) -> float:
    started = time.monotonic()
    connection = await _connect_when_possible(url, limit)
    quiet_since: float | None = None
    try:
        while time.monotonic() - started < limit:
            active = await connection.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state = 'active' AND pid <> pg_backend_pid()"
            )
            now = time.monotonic()
            if active:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = now
            elif now - quiet_since >= 1.0:
                break
            await asyncio.sleep(0.2)
    finally:
        await connection.close()
    return time.monotonic() - started


async def _connect_when_possible(url: str, limit: float) -> asyncpg.Connection:
    """A connection, retried while the server is out of connection slots (a shared
    machine's other work, or an app's pool overflow, can hold them all for a while)."""
    deadline = time.monotonic() + limit
    while True:
        try:
            return await asyncpg.connect(url)
        except asyncpg.TooManyConnectionsError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(1.0)


async def _targets(url: str, songs: int) -> Targets:
    connection = await asyncpg.connect(url)
    try:
        return await _targets_on(connection, songs)
    finally:
        await connection.close()


async def _targets_on(connection: asyncpg.Connection, songs: int) -> Targets:
    artist = await connection.fetchrow(
        "SELECT artist_id, count(*) AS n FROM song_artist GROUP BY artist_id "
        "ORDER BY n DESC, artist_id LIMIT 1"
    )
    word_songs = await connection.fetchval(
        "SELECT count(*) FROM song WHERE title ILIKE $1", f"%{COMMON_WORD}%"
    )
    song_id = max(1, songs // 2)
    album = await connection.fetchrow(
        "SELECT id, track_count FROM album WHERE id >= (SELECT max(id) / 2 FROM album) "
        "AND track_count >= 12 ORDER BY id LIMIT 1"
    )
    if album is None:
        album = await connection.fetchrow("SELECT id, track_count FROM album ORDER BY id LIMIT 1")
    return Targets(
        songs=songs,
        artist_id=artist["artist_id"],
        artist_songs=artist["n"],
        word=COMMON_WORD,
        word_songs=word_songs,
        song_id=song_id,
        album_id=album["id"],
        album_tracks=album["track_count"],
    )
