"""The benchmark's reference: the same catalog reads as FastFM, written as plainly as possible.

Plain Starlette, one asyncpg pool per worker, one prepared statement per request (the page
of ids, its rows, their artists, genres and credits, and the total, together), rows turned
into dicts by hand and written with ``orjson``. It serves only what the benchmark asks for,
with FastFM's JSON shapes, so the two can be compared URL by URL:

    GET /api/v1/songs?limit=&offset=&artist_id=&q=&sort=(-release_date)
    GET /api/v1/songs/{id}
    GET /api/v1/albums/{id}

Run: BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1/fastfm_bench \
     uvicorn bench.reference_app:app --workers 2 --loop uvloop --http httptools
"""

# The statements are assembled from fixed fragments only; values travel as parameters.
# ruff: noqa: S608

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import orjson
from starlette.applications import Starlette
from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1/fastfm_bench")
POOL_SIZE = int(os.environ.get("BENCH_POOL_SIZE", "10"))

ARTISTS = """ARRAY(SELECT ROW(a.id, a.name) FROM song_artist sa JOIN artist a ON a.id = sa.artist_id
      WHERE sa.song_id = s.id ORDER BY sa.position)"""
SONG_COLUMNS = f"""s.id, s.title, s.duration_ms, s.explicit, s.isrc, s.album_id, al.title,
    s.disc_number, s.track_number, s.release_date, s.like_count, s.play_count,
    s.created_at, s.updated_at,
    {ARTISTS},
    ARRAY(SELECT ROW(g.id, g.name, g.slug) FROM song_genre sg JOIN genre g ON g.id = sg.genre_id
          WHERE sg.song_id = s.id ORDER BY g.name COLLATE "C", g.id),
    ARRAY(SELECT ROW(c.artist_id, ca.name, c.role, c.detail) FROM credit c
          JOIN artist ca ON ca.id = c.artist_id WHERE c.song_id = s.id ORDER BY c.position, c.id)"""
SONG_BY_ID = f"""SELECT {SONG_COLUMNS}
FROM song s LEFT JOIN album al ON al.id = s.album_id WHERE s.id = $1"""
ALBUM_BY_ID = f"""SELECT al.id, al.title, al.album_type, al.release_date, al.track_count,
    al.total_duration_ms, al.created_at, al.updated_at,
    ARRAY(SELECT ROW(a.id, a.name) FROM album_artist aa JOIN artist a ON a.id = aa.artist_id
          WHERE aa.album_id = al.id ORDER BY aa.position),
    ARRAY(SELECT ROW(g.id, g.name, g.slug) FROM album_genre ag JOIN genre g ON g.id = ag.genre_id
          WHERE ag.album_id = al.id ORDER BY g.name COLLATE "C", g.id),
    ARRAY(SELECT ROW(s.disc_number, s.track_number, s.id, s.title, s.duration_ms, {ARTISTS})
          FROM song s WHERE s.album_id = al.id ORDER BY s.disc_number, s.track_number, s.id)
FROM album al WHERE al.id = $1"""

ORDERS = {"": "s.id", "-release_date": "s.release_date DESC NULLS LAST, s.id"}
# The same helpers FastFM's schema offers: per-block row counts of 4096 ids kept by triggers.
BLOCK_BITS = 12
SONG_TOTAL = "SELECT coalesce(sum(delta), 0)::bigint FROM id_block_count WHERE table_name = 'song'"
DEEP_IDS = f"""SELECT s.id FROM song s WHERE s.id >= (SELECT block << {BLOCK_BITS} FROM start_block)
ORDER BY s.id LIMIT $1 OFFSET (SELECT ($2 - before)::bigint FROM start_block)"""
START_BLOCK = """start_block AS (
  SELECT block, through - n AS before FROM (
    SELECT block, n, sum(n) OVER (ORDER BY block) AS through FROM (
      SELECT block, sum(delta) AS n FROM id_block_count WHERE table_name = 'song' GROUP BY block
    ) AS per_block
  ) AS running WHERE through > $2 ORDER BY block LIMIT 1
)"""


def list_statements(q: bool, artist: bool, sort: str, deep: bool) -> tuple[str, str]:
    """The page statement (rows + total as the last column) and the bare total statement."""
    ctes = []
    if not q and not artist:
        total = SONG_TOTAL
        if deep and sort == "":
            # Start at the block holding the row at the offset: skip < 4096 index entries.
            ctes.append(START_BLOCK)
            ids = DEEP_IDS
        else:
            ids = f"SELECT s.id FROM song s ORDER BY {ORDERS[sort]} LIMIT $1 OFFSET $2"
    elif artist and not q and sort == "":
        # Only the artist: both the page and the count walk the (artist_id, song_id) index.
        total = "SELECT count(*) FROM song_artist WHERE artist_id = $3"
        ids = (
            "SELECT song_id AS id FROM song_artist WHERE artist_id = $3 "
            "ORDER BY song_id LIMIT $1 OFFSET $2"
        )
    else:
        conditions = []
        if q:
            conditions.append("s.title ILIKE $3")
        if artist:
            conditions.append(
                f"s.id IN (SELECT song_id FROM song_artist WHERE artist_id = ${4 if q else 3})"
            )
        where = f" WHERE {' AND '.join(conditions)}"
        total = f"SELECT count(*) FROM song s{where}"
        ids = f"SELECT s.id FROM song s{where} ORDER BY {ORDERS[sort]} LIMIT $1 OFFSET $2"
    ctes.append(f"page AS ({ids})")
    page = f"""WITH {", ".join(ctes)}
SELECT {SONG_COLUMNS}, ({total}) AS total
FROM page JOIN song s ON s.id = page.id LEFT JOIN album al ON al.id = s.album_id
ORDER BY {ORDERS[sort]}"""
    return page, total.replace("$3", "$1").replace("$4", "$2")


STATEMENTS = {
    (q, artist, sort, deep): list_statements(q, artist, sort, deep)
    for q in (False, True)
    for artist in (False, True)
    for sort in ORDERS
    for deep in (False, True)
}
DEEP_OFFSET = 1 << BLOCK_BITS


def song_body(r: Sequence[Any]) -> dict[str, Any]:
    return {
        "id": r[0],
        "title": r[1],
        "duration_ms": r[2],
        "explicit": r[3],
        "isrc": r[4],
        "album": None if r[5] is None else {"id": r[5], "title": r[6]},
        "disc_number": r[7],
        "track_number": r[8],
        "release_date": r[9],
        "artists": [{"id": a, "name": n} for a, n in r[14]],
        "genres": [{"id": i, "name": n, "slug": slug} for i, n, slug in r[15]],
        "credits": [
            {"artist": {"id": a, "name": n}, "role": role, "detail": detail}
            for a, n, role, detail in r[16]
        ],
        "like_count": r[10],
        "play_count": r[11],
        "created_at": r[12],
        "updated_at": r[13],
    }


def json(body: Any, status: int = 200) -> Response:
    return Response(
        orjson.dumps(body, option=orjson.OPT_UTC_Z), status, media_type="application/json"
    )


def error(status: int, detail: str, code: str) -> Response:
    return json({"detail": detail, "code": code}, status)


def _int(request: Request, name: str, default: int | None, low: int, high: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    value = int(raw)  # a ValueError becomes a 422 in list_songs
    if not low <= value <= high:
        raise ValueError(name)
    return value


def _link(url: URL, offset: int, limit: int) -> str:
    return str(url.include_query_params(offset=offset, limit=limit))


async def list_songs(request: Request) -> Response:
    try:
        limit = _int(request, "limit", 20, 1, 100) or 20
        offset = _int(request, "offset", 0, 0, 2**62) or 0
        artist_id = _int(request, "artist_id", None, -(2**31), 2**31 - 1)
    except ValueError:
        return json({"detail": [{"msg": "invalid query parameter"}]}, 422)
    q = request.query_params.get("q")
    sort = request.query_params.get("sort", "").strip()
    if sort not in ORDERS:
        return json({"detail": [{"msg": "sort accepts -release_date here"}]}, 422)
    args: list[Any] = [limit, offset]
    if q is not None:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        args.append(f"%{escaped}%")
    if artist_id is not None:
        args.append(artist_id)
    key = (q is not None, artist_id is not None, sort, offset >= DEEP_OFFSET)
    page_sql, total_sql = STATEMENTS[key]
    async with request.app.state.pool.acquire() as connection:
        rows = await connection.fetch(page_sql, *args)
        if rows:
            total = rows[0][-1]
        else:
            total = await connection.fetchval(total_sql, *args[2:]) if offset else 0
    url = request.url
    return json(
        {
            "items": [song_body(row) for row in rows],
            "total": total,
            "limit": limit,
            "offset": offset,
            "next": _link(url, offset + limit, limit) if offset + limit < total else None,
            "previous": _link(url, max(0, offset - limit), limit) if offset > 0 else None,
        }
    )


async def get_song(request: Request) -> Response:
    async with request.app.state.pool.acquire() as connection:
        row = await connection.fetchrow(SONG_BY_ID, int(request.path_params["song_id"]))
    if row is None:
        return error(404, "Song not found", "song_not_found")
    return json(song_body(row))


async def get_album(request: Request) -> Response:
    async with request.app.state.pool.acquire() as connection:
        r = await connection.fetchrow(ALBUM_BY_ID, int(request.path_params["album_id"]))
    if r is None:
        return error(404, "Album not found", "album_not_found")
    return json(
        {
            "id": r[0],
            "title": r[1],
            "album_type": r[2],
            "release_date": r[3],
            "artists": [{"id": a, "name": n} for a, n in r[8]],
            "genres": [{"id": i, "name": n, "slug": slug} for i, n, slug in r[9]],
            "track_count": r[4],
            "total_duration_ms": r[5],
            "created_at": r[6],
            "updated_at": r[7],
            "tracks": [
                {
                    "disc_number": disc,
                    "track_number": track,
                    "song": {
                        "id": song_id,
                        "title": title,
                        "duration_ms": duration,
                        "artists": [{"id": a, "name": n} for a, n in artists],
                    },
                }
                for disc, track, song_id, title, duration, artists in r[10]
            ],
        }
    )


async def healthz(_: Request) -> Response:
    return json({"status": "ok"})


async def keep_session(_: asyncpg.Connection) -> None:
    """Release without asyncpg's default reset query (a round trip per request): these
    handlers never change session state (no SET, LISTEN, advisory locks or cursors)."""


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    app.state.pool = await asyncpg.create_pool(
        DATABASE_URL, min_size=POOL_SIZE, max_size=POOL_SIZE, reset=keep_session
    )
    try:
        yield
    finally:
        await app.state.pool.close()


app = Starlette(
    routes=[
        Route("/healthz", healthz),
        Route("/api/v1/songs", list_songs),
        Route("/api/v1/songs/{song_id:int}", get_song),
        Route("/api/v1/albums/{album_id:int}", get_album),
    ],
    lifespan=lifespan,
)
