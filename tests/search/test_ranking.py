"""The ranking corpus: a fixed catalog, 60+ queries with their expected top 3.

precision@1: the share of queries whose first result is the expected best match.
recall@3: the share of expected results found in the first three.
"""

from __future__ import annotations

import pytest
from httpx import AsyncClient
from sqlalchemy import update

from fastfm.catalog import tables as t
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import AuthedUser
from tests.search import corpus
from tests.search.conftest import names, search


async def build(profile: Profile, catalog: CatalogFactory, admin: AuthedUser) -> None:
    for genre in corpus.GENRES:
        await catalog.genre(genre)
    artists = {name: (await catalog.artist(name))["id"] for name in corpus.ARTISTS}
    albums = {
        title: (await catalog.album(title, [artists[artist]]))["id"]
        for title, artist in corpus.ALBUMS.items()
    }
    likes = {}
    for title, artist, album, count in corpus.SONGS:
        fields = {} if album is None else {"album_id": albums[album]}
        likes[(await catalog.song(title, [artists[artist]], **fields))["id"]] = count
    for name in corpus.PLAYLISTS:
        response = await catalog.client.post(
            "/api/v1/playlists", json={"name": name, "is_public": True}, headers=admin.headers
        )
        assert response.status_code == 201
    # Popularity: the likes and follows services keep these counters; set them directly.
    async with profile.engine.begin() as connection:
        for song_id, count in likes.items():
            await connection.execute(
                update(t.song).where(t.song.c.id == song_id).values(like_count=count)
            )
        for name, followers in corpus.ARTISTS.items():
            await connection.execute(
                update(t.artist)
                .where(t.artist.c.id == artists[name])
                .values(follower_count=followers)
            )


async def test_ranking_corpus(
    client: AsyncClient,
    catalog: CatalogFactory,
    admin: AuthedUser,
    profile: Profile,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await build(profile, catalog, admin)
    first_hits = found = expected_total = 0
    misses = []
    for q, kind, expected in corpus.QUERIES:
        body = await search(client, q, limit=3)
        top = names(body[kind])
        first_hits += bool(top) and top[0] == expected[0]
        found += len(set(expected) & set(top))
        expected_total += len(expected)
        if top[:1] != expected[:1] or not set(expected) <= set(top):
            misses.append((q, kind, expected, top))
    precision = first_hits / len(corpus.QUERIES)
    recall = found / expected_total
    with capsys.disabled():
        print(
            f"\nranking corpus on {profile.name}: {len(corpus.QUERIES)} queries, "
            f"precision@1 = {precision:.3f}, recall@3 = {recall:.3f}"
        )
        for miss in misses:
            print("  miss:", miss)
    assert len(corpus.QUERIES) >= 40
    assert precision >= 0.9, misses
    assert recall == 1.0, misses
