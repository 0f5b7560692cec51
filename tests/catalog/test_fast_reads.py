"""Song and album details served ahead of the router answer exactly as the routes do."""

from __future__ import annotations

import pytest
from httpx import ASGITransport, AsyncClient

from fastfm.main import create_app
from tests.catalog.helpers import API
from tests.conftest import Profile
from tests.factories.catalog import CatalogFactory
from tests.factories.users import register_admin


async def _song_and_album(catalog: CatalogFactory) -> tuple[int, int]:
    nina = await catalog.artist("Nina")
    guest = await catalog.artist("Guest")
    jazz = await catalog.genre("Jazz")
    album = await catalog.album("Pastel", [nina["id"]], release_date="1965-10-01")
    song = await catalog.song(
        "Sinnerman",
        [nina["id"], guest["id"]],
        album_id=album["id"],
        track_number=1,
        genre_ids=[jazz["id"]],
        credits=[{"artist_id": guest["id"], "role": "performer", "detail": "piano"}],
    )
    await catalog.song("Second", [nina["id"]], album_id=album["id"], track_number=2)
    return song["id"], album["id"]


class TestFastDetailReads:
    @pytest.mark.parametrize("kind", ["songs", "albums"])
    async def test_same_response_as_the_route(
        self, client: AsyncClient, catalog: CatalogFactory, kind: str
    ) -> None:
        song_id, album_id = await _song_and_album(catalog)
        url = f"{API}/{kind}/{song_id if kind == 'songs' else album_id}"
        fast = await client.get(url)
        # A query string always goes through FastAPI's route.
        routed = await client.get(url, params={"via": "route"})
        assert fast.status_code == routed.status_code == 200
        assert fast.content == routed.content
        assert fast.headers["content-type"] == routed.headers["content-type"] == "application/json"
        assert fast.headers["content-length"] == str(len(fast.content))
        assert fast.headers["x-request-id"]

    async def test_the_request_id_sent_is_echoed(
        self, client: AsyncClient, catalog: CatalogFactory
    ) -> None:
        song_id, _ = await _song_and_album(catalog)
        response = await client.get(f"{API}/songs/{song_id}", headers={"X-Request-ID": "abc-123"})
        assert response.headers["x-request-id"] == "abc-123"

    @pytest.mark.parametrize("kind", ["songs", "albums"])
    async def test_unknown_ids_get_the_routes_404(self, client: AsyncClient, kind: str) -> None:
        response = await client.get(f"{API}/{kind}/424242")
        assert response.status_code == 404
        assert response.json()["code"] == f"{kind[:-1]}_not_found"

    @pytest.mark.parametrize("raw_id", ["0", "007", str(2**31), "99999999999", "-1"])
    async def test_ids_out_of_range_get_the_routes_answer(
        self, client: AsyncClient, raw_id: str
    ) -> None:
        response = await client.get(f"{API}/songs/{raw_id}")
        assert response.status_code in (404, 422)
        assert "code" in response.json()

    async def test_writes_are_not_taken(self, client: AsyncClient, catalog: CatalogFactory) -> None:
        song_id, _ = await _song_and_album(catalog)
        response = await client.patch(f"{API}/songs/{song_id}", json={"title": "X"})
        assert response.status_code == 401


async def test_cors_headers_on_fast_reads(profile: Profile, client: AsyncClient) -> None:
    """Fast reads sit inside the CORS middleware, so browsers get the same headers."""
    app = create_app(profile.settings.model_copy(update={"cors_origins": ["https://web.example"]}))
    async with app.router.lifespan_context(app):
        transport = ASGITransport(app=app)
        async with AsyncClient(transport=transport, base_url="http://testserver") as other:
            response = await other.get(
                f"{API}/songs/424242", headers={"Origin": "https://web.example"}
            )
            assert response.headers["access-control-allow-origin"] == "https://web.example"
            catalog = CatalogFactory(client, (await register_admin(client, profile)).headers)
            song_id, _ = await _song_and_album(catalog)
            fast = await other.get(
                f"{API}/songs/{song_id}", headers={"Origin": "https://web.example"}
            )
            assert fast.status_code == 200
            assert fast.headers["access-control-allow-origin"] == "https://web.example"
