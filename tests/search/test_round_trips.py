"""What one search costs the database, and the caller checks that come with it.

On PostgreSQL a search is two queries whatever the kinds: the lookup (words, catalog
revision and typo candidates) and the rank (every asked kind's best ids, its total when
a page is full, and the page's bodies). The lookup switches to generic plans, the rank
switches back; a query without words is the lookup alone. An anonymous caller adds
nothing; a token adds its account check.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import event

from fastfm.db.reads import DirectReader, open_reader
from fastfm.search import service
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import register_and_login
from tests.search.conftest import SEARCH, names, search
from tests.statements import Counter


@contextmanager
def counting(profile: Profile, monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter]:
    """Counts the statements the app's pool runs: its direct reads and SQLAlchemy's (not
    those of the job queue's own connection, which polls meanwhile)."""
    counter = Counter()
    original_run = DirectReader._run

    async def run(self: DirectReader, sql: str, arguments: list[Any]) -> Any:
        counter.statements += 1
        return await original_run(self, sql, arguments)

    def on_execute(*_: Any) -> None:
        counter.statements += 1

    monkeypatch.setattr(DirectReader, "_run", run)
    event.listen(profile.engine.sync_engine, "before_cursor_execute", on_execute)
    try:
        yield counter
    finally:
        event.remove(profile.engine.sync_engine, "before_cursor_execute", on_execute)
        monkeypatch.setattr(DirectReader, "_run", original_run)


# The PostgreSQL index's statements (SQLite runs one per kind): no SQLite variant.
postgresql_only = pytest.mark.postgres_only


async def harbour_catalog(catalog: CatalogFactory) -> None:
    artist = await catalog.artist("Quiet Pilots")
    album = await catalog.album("Harbour Lights", [artist["id"]])
    await catalog.song("Harbour Lights", [artist["id"]], album_id=album["id"])
    await catalog.song("Harbour Nights", [artist["id"]])


class TestStatements:
    @postgresql_only
    async def test_five_kinds_are_a_lookup_and_a_rank_with_the_bodies(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        profile: Profile,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        await harbour_catalog(catalog)
        for q in ("harbour", "harbuor lights"):  # exact words, then a typo
            with counting(profile, monkeypatch) as counter:
                body = await search(client, q)
            assert counter.statements == 2, q  # the lookup, the rank with every body
            assert names(body["songs"])[0] == "Harbour Lights"
            assert names(body["albums"]) == ["Harbour Lights"]
            assert body["artists"]["total"] == body["genres"]["total"] == 0
            assert body["playlists"]["total"] == 0

    @postgresql_only
    async def test_a_full_page_is_counted_in_the_rank_then_kept(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        profile: Profile,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        await harbour_catalog(catalog)
        for _ in range(2):  # counted, then kept for the catalog revision
            with counting(profile, monkeypatch) as counter:
                body = await search(client, "harbour", type="song", limit=1)
            assert counter.statements == 2
            assert body["songs"]["total"] == 2
            assert names(body["songs"]) == ["Harbour Lights"]
        await catalog.song("Harbour Mornings")
        body = await search(client, "harbour", type="song", limit=1)
        assert body["songs"]["total"] == 3

    async def test_no_words_no_statements(
        self, client: AsyncClient, profile: Profile, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        with counting(profile, monkeypatch) as counter:
            body = await search(client, "'%_\\", type="song,genre")
        # PostgreSQL: the lookup (which leaves the plan setting alone: no rank follows).
        assert counter.statements == (1 if profile.name == "postgresql" else 0)
        assert body["songs"]["total"] == body["genres"]["total"] == 0

    @postgresql_only
    async def test_the_plan_setting_is_put_back_after_every_search(
        self, client: AsyncClient, catalog: CatalogFactory, profile: Profile
    ) -> None:
        await harbour_catalog(catalog)
        for q in ("harbour", "'%_\\", "harbuor lights"):
            await search(client, q)
            async with open_reader(profile.engine) as db:
                (row,) = await db.fetch_text("SELECT current_setting('plan_cache_mode')", {})
            assert row[0] == "auto", q

    @postgresql_only
    async def test_a_sessions_own_plan_setting_is_the_one_put_back(
        self, catalog: CatalogFactory, profile: Profile
    ) -> None:
        await harbour_catalog(catalog)
        async with open_reader(profile.engine) as db:
            await db.fetch_text(
                "SELECT set_config('plan_cache_mode', 'force_custom_plan', false)", {}
            )
            try:
                for q in ("harbour", "'%_\\", "harbuor lights"):
                    found = await service.search(db, q, types=("song",))
                    (row,) = await db.fetch_text("SELECT current_setting('plan_cache_mode')", {})
                    assert row[0] == "force_custom_plan", q
                assert found["song"].items[0]["title"] == "Harbour Lights"
            finally:
                await db.fetch_text("SELECT set_config('plan_cache_mode', NULL, false)", {})


class TestCaller:
    @postgresql_only
    async def test_a_token_adds_its_account_check_and_a_revoked_one_is_401(
        self,
        client: AsyncClient,
        catalog: CatalogFactory,
        profile: Profile,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        await harbour_catalog(catalog)
        user = await register_and_login(client, "listener")
        with counting(profile, monkeypatch) as counter:
            body = await search(client, "harbour", type="song", headers=user.headers)
        assert counter.statements == 3  # the account, the lookup, the rank with the bodies
        assert body["songs"]["total"] == 2
        logged_out = await client.post("/api/v1/auth/logout-all", headers=user.headers)
        assert logged_out.status_code == 204
        response = await client.get(SEARCH, params={"q": "harbour"}, headers=user.headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")


class TestFolding:
    @postgresql_only
    async def test_a_typo_in_a_word_the_index_folds_differently(
        self, client: AsyncClient, catalog: CatalogFactory, profile: Profile
    ) -> None:
        # PostgreSQL's unaccent folds "ß" to "ss"; Python's NFKD keeps it. The typo
        # candidates are then looked up again for the index's own words.
        await catalog.song("Strassen", [(await catalog.artist("Quiet Pilots"))["id"]])
        assert names((await search(client, "Straßn", type="song"))["songs"]) == ["Strassen"]
        assert names((await search(client, "straßen", type="song"))["songs"]) == ["Strassen"]
        assert (await search(client, "Straßnx", type="song"))["songs"]["total"] == 0


class TestPrefixes:
    async def test_a_last_word_with_few_or_many_completions_finds_them_all(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        artist = (await catalog.artist("Quiet Pilots"))["id"]
        await catalog.song("Harbour Lights", [artist])
        await catalog.song("Harbour Lighthouse", [artist])
        await catalog.song("Lights of the Harbour", [artist])
        body = await search(client, "harbour ligh", type="song")
        assert sorted(names(body["songs"])) == [
            "Harbour Lighthouse",
            "Harbour Lights",
            "Lights of the Harbour",
        ]
        assert (await search(client, "harbour lighz", type="song"))["songs"]["total"] == 0
        # More completions than are spelt out: the prefix itself is matched.
        for letter in "abcdefghijklmnopq":
            await catalog.song(f"Glow Ligh{letter}{letter}", [artist])
        body = await search(client, "glow ligh", type="song", limit=50)
        assert body["songs"]["total"] == 17
        assert len(body["songs"]["items"]) == 17
