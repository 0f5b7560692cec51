"""Filtered list totals kept per catalog revision stay exact through every kind of change.

PostgreSQL only: the revision is kept by triggers there (SQLite lists count every time,
which the rest of the catalog tests cover on both databases).
"""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import text

from tests.catalog.helpers import API
from tests.catalog.test_statement_counts import counting
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import AuthedUser

pytestmark = pytest.mark.postgres_only


async def _revision(profile: Profile) -> int:
    async with profile.engine.connect() as connection:
        result = await connection.execute(text("SELECT revision FROM catalog_revision"))
        return int(result.scalar_one())


async def _total(client: AsyncClient, path: str = "songs", **params: Any) -> int:
    response = await client.get(f"{API}/{path}", params={"limit": 1, **params})
    assert response.status_code == 200, response.text
    total: int = response.json()["total"]
    return total


async def _execute(profile: Profile, sql: str, **params: Any) -> None:
    async with profile.engine.begin() as connection:
        await connection.execute(text(sql), params)


async def test_every_committed_catalog_write_moves_the_revision(
    client: AsyncClient, profile: Profile, catalog: CatalogFactory
) -> None:
    seen = [await _revision(profile)]
    artist = await catalog.artist("Nina Simone")
    seen.append(await _revision(profile))
    genre = await catalog.genre("Jazz")
    seen.append(await _revision(profile))
    # A song with artists, a genre and credits writes five tables in one transaction.
    song = await catalog.song(
        "Sinnerman",
        [artist["id"]],
        genre_ids=[genre["id"]],
        credits=[{"artist_id": artist["id"], "role": "producer"}],
    )
    seen.append(await _revision(profile))
    renamed = await client.patch(
        f"{API}/songs/{song['id']}", json={"title": "Sinner Man"}, headers=catalog.headers
    )
    assert renamed.status_code == 200
    seen.append(await _revision(profile))
    # Random values: every state gets its own, none is ever repeated.
    assert len(set(seen)) == len(seen)


async def test_a_restored_state_gets_its_revision_back_and_totals_stay_exact(
    client: AsyncClient, profile: Profile, catalog: CatalogFactory
) -> None:
    await catalog.song("Love Me")
    assert await _total(client, q="love") == 1
    saved = await _revision(profile)
    second = await catalog.song("Lovesick")
    assert await _total(client, q="love") == 2
    # Roll the catalog back to the saved state, as a restore would (revision included).
    await _execute(profile, "DELETE FROM song WHERE id = :id", id=second["id"])
    await _execute(profile, "UPDATE catalog_revision SET revision = :r", r=saved)
    assert await _total(client, q="love") == 1
    # The next change must not reuse a revision the lost state had (a counter would, and
    # the total kept for "Lovesick" would come back).
    await catalog.song("Feeling Good")
    assert await _revision(profile) != saved
    assert await _total(client, q="love") == 1


async def test_counters_and_refused_writes_leave_the_revision(
    client: AsyncClient, profile: Profile, catalog: CatalogFactory, user: AuthedUser
) -> None:
    song = await catalog.song("Sinnerman")
    before = await _revision(profile)
    liked = await client.post(f"{API}/me/liked/{song['id']}", headers=user.headers)
    assert liked.status_code == 201, liked.text
    played = await client.post(
        f"{API}/me/plays", json={"song_id": song["id"]}, headers=user.headers
    )
    assert played.status_code == 201, played.text
    refused = await client.post(
        f"{API}/songs",
        json={"title": "Ghost", "artist_ids": [999_999], "duration_ms": 1000},
        headers=catalog.headers,
    )
    assert refused.status_code == 422
    assert await _revision(profile) == before


async def test_search_total_follows_creates_edits_and_deletes(
    client: AsyncClient, catalog: CatalogFactory
) -> None:
    artist = await catalog.artist("Nina Simone")
    for title in ("Love Me", "My Love", "Feeling Good"):
        await catalog.song(title, [artist["id"]])
    assert await _total(client, q="love") == 2
    assert await _total(client, q="love") == 2  # the kept total
    third = await catalog.song("Lovelorn", [artist["id"]])
    assert await _total(client, q="love") == 3
    renamed = await client.patch(
        f"{API}/songs/{third['id']}", json={"title": "Sorrow"}, headers=catalog.headers
    )
    assert renamed.status_code == 200
    assert await _total(client, q="love") == 2
    deleted = await client.delete(f"{API}/songs/{third['id']}", headers=catalog.headers)
    assert deleted.status_code == 204
    assert await _total(client, q="love") == 2
    assert await _total(client, q="good") == 1


async def test_link_changes_move_filtered_totals(
    client: AsyncClient, catalog: CatalogFactory
) -> None:
    jazz = await catalog.genre("Jazz")
    nina = await catalog.artist("Nina Simone")
    other = await catalog.artist("Billie Holiday")
    song = await catalog.song("Sinnerman", [nina["id"]], genre_ids=[jazz["id"]])
    await catalog.song("Strange Fruit", [other["id"]], genre_ids=[jazz["id"]])
    assert await _total(client, genre=jazz["id"]) == 2
    assert await _total(client, q="sinner", artist_id=nina["id"]) == 1
    changed = await client.patch(
        f"{API}/songs/{song['id']}",
        json={"genre_ids": [], "artist_ids": [other["id"]]},
        headers=catalog.headers,
    )
    assert changed.status_code == 200
    assert await _total(client, genre=jazz["id"]) == 1
    assert await _total(client, q="sinner", artist_id=nina["id"]) == 0
    assert await _total(client, q="sinner", artist_id=other["id"]) == 1
    assert await _total(client, "albums", q="blues") == 0
    await catalog.album("Pastel Blues", [nina["id"]])
    assert await _total(client, "albums", q="blues") == 1
    assert await _total(client, "artists", q="nina") == 1
    renamed = await client.patch(
        f"{API}/artists/{nina['id']}", json={"name": "Eunice Waymon"}, headers=catalog.headers
    )
    assert renamed.status_code == 200
    assert await _total(client, "artists", q="nina") == 0


async def test_writes_outside_the_api_move_totals_too(
    client: AsyncClient, profile: Profile, catalog: CatalogFactory
) -> None:
    await catalog.song("Love Me")
    assert await _total(client, q="love") == 1
    await _execute(
        profile,
        "INSERT INTO song (title, duration_ms, created_at, updated_at) "
        "VALUES ('Lovesick', 1000, now(), now())",
    )
    assert await _total(client, q="love") == 2
    await _execute(profile, "UPDATE song SET title = 'Sick' WHERE title = 'Lovesick'")
    assert await _total(client, q="love") == 1
    await _execute(profile, "TRUNCATE song CASCADE")
    assert await _total(client, q="love") == 0


async def test_a_rolled_back_write_neither_bumps_nor_changes_totals(
    client: AsyncClient, profile: Profile, catalog: CatalogFactory
) -> None:
    await catalog.song("Love Me")
    assert await _total(client, q="love") == 1
    before = await _revision(profile)
    async with profile.engine.connect() as connection:
        await connection.execute(
            text(
                "INSERT INTO song (title, duration_ms, created_at, updated_at) "
                "VALUES ('Lovesick', 1000, now(), now())"
            )
        )
        await connection.rollback()
    assert await _revision(profile) == before
    assert await _total(client, q="love") == 1


async def test_an_empty_page_past_the_end_still_has_the_total(
    client: AsyncClient, catalog: CatalogFactory
) -> None:
    await catalog.song("Love Me")
    assert await _total(client, q="love") == 1
    past = await client.get(f"{API}/songs", params={"q": "love", "offset": 5})
    assert past.status_code == 200
    assert past.json()["items"] == []
    assert past.json()["total"] == 1
    await catalog.song("Lovesick")
    past = await client.get(f"{API}/songs", params={"q": "love", "offset": 5})
    assert past.json()["total"] == 2


async def test_a_repeated_search_runs_one_statement_until_the_catalog_changes(
    client: AsyncClient, profile: Profile, catalog: CatalogFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    await catalog.song("Lullaby")
    url = f"{API}/songs?q=lullab"

    async def statements() -> int:
        with counting(profile, monkeypatch) as counter:
            response = await client.get(url)
        assert response.status_code == 200
        return counter.statements

    assert await statements() == 1  # the page, the total and the revision together
    assert await statements() == 1  # the page and the revision; the total is kept
    await catalog.song("Lullaby of Birdland")
    assert await statements() == 2  # the revision moved on: the page, then a new count
    assert await statements() == 1


async def test_a_search_without_matches_runs_one_statement(
    client: AsyncClient, profile: Profile, catalog: CatalogFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    await catalog.song("Lullaby")
    for _ in range(2):  # counted, then kept
        with counting(profile, monkeypatch) as counter:
            response = await client.get(f"{API}/songs", params={"q": "zebra"})
        assert response.status_code == 200
        assert (response.json()["total"], response.json()["items"]) == (0, [])
        assert counter.statements == 1


async def test_the_kept_total_is_what_a_repeated_search_answers(
    client: AsyncClient, profile: Profile, catalog: CatalogFactory
) -> None:
    await catalog.song("Love Me")
    assert await _total(client, q="love") == 1
    # A write that skips triggers leaves the revision as it was, so the search keeps
    # answering the total it counted (the documented reason such writes must bump by hand).
    async with profile.engine.begin() as connection:
        await connection.execute(text("SET LOCAL session_replication_role = replica"))
        await connection.execute(
            text(
                "INSERT INTO song (title, duration_ms, created_at, updated_at) "
                "VALUES ('Lovesick', 1000, now(), now())"
            )
        )
    assert await _total(client, q="love") == 1
    await _execute(profile, "UPDATE catalog_revision SET revision = revision + 1")
    assert await _total(client, q="love") == 2
