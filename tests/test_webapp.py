"""The web app's files: hashed assets cached long, index.html for every page, headers."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fastapi import APIRouter, FastAPI
from httpx import ASGITransport, AsyncClient

from fastfm.main import create_app
from fastfm.webapp.router import default_web_dir
from tests.conftest import Profile

RESERVED_SAMPLES = ["/api", "/api/v1/nothing", "/docs/x", "/redoc/x", "/healthz/x"]
RESERVED_SAMPLES += ["/metrics/x", "/graphql/x"]
INDEX = "<!doctype html><title>FastFM</title><div id=app></div>"


@pytest.fixture
def web_dir(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log(1)")
    (tmp_path / "assets" / "index-abc123.css").write_text("body{}")
    (tmp_path / "assets" / "index-abc123.css.gz").write_bytes(gzip.compress(b"body{}"))
    (tmp_path / "favicon.svg").write_text("<svg/>")
    return tmp_path


@pytest.fixture
async def web(profile: Profile, app: FastAPI, web_dir: Path) -> AsyncIterator[AsyncClient]:
    served = create_app(profile.settings.model_copy(update={"web_dir": web_dir}))
    async with served.router.lifespan_context(served):
        transport = ASGITransport(app=served)
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


class TestPages:
    @pytest.mark.parametrize(
        "path", ["/", "/login", "/playlists/3", "/search?q=x", "/no/such/page", "/apis"]
    )
    async def test_every_page_path_answers_the_app(self, web: AsyncClient, path: str) -> None:
        response = await web.get(path)
        assert response.status_code == 200
        assert response.text == INDEX
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["content-type"].startswith("text/html")

    async def test_the_app_gets_the_security_headers(self, web: AsyncClient) -> None:
        response = await web.get("/")
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp
        assert "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"

    async def test_head_answers_like_get(self, web: AsyncClient) -> None:
        response = await web.head("/albums/1")
        assert response.status_code == 200
        assert response.content == b""

    async def test_a_root_file_is_served_as_itself(self, web: AsyncClient) -> None:
        response = await web.get("/favicon.svg")
        assert response.status_code == 200
        assert response.text == "<svg/>"

    async def test_other_methods_on_a_page_path_are_a_json_404(self, web: AsyncClient) -> None:
        response = await web.post("/login")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"

    async def test_routes_added_after_the_app_still_answer(
        self, profile: Profile, app: FastAPI, web_dir: Path
    ) -> None:
        served = create_app(profile.settings.model_copy(update={"web_dir": web_dir}))
        probe = APIRouter()

        @probe.get("/probe/later")
        async def later() -> dict[str, bool]:
            return {"later": True}

        served.include_router(probe)
        async with served.router.lifespan_context(served):
            transport = ASGITransport(app=served)
            async with AsyncClient(transport=transport, base_url="http://testserver") as http:
                assert (await http.get("/probe/later")).json() == {"later": True}
                assert (await http.get("/probe/other")).text == INDEX


class TestAssets:
    async def test_hashed_assets_are_cached_for_a_year(self, web: AsyncClient) -> None:
        response = await web.get("/assets/index-abc123.js")
        assert response.status_code == 200
        assert response.text == "console.log(1)"
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"

    async def test_a_gzipped_twin_goes_to_browsers_that_accept_it(self, web: AsyncClient) -> None:
        response = await web.get("/assets/index-abc123.css", headers={"Accept-Encoding": "gzip"})
        assert response.status_code == 200
        assert response.headers["content-encoding"] == "gzip"
        assert response.headers["content-type"].startswith("text/css")
        assert response.headers["vary"] == "Accept-Encoding"
        assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert response.text == "body{}"  # httpx decodes it

    async def test_without_gzip_the_plain_file_is_sent(self, web: AsyncClient) -> None:
        plain = {"Accept-Encoding": "identity"}
        response = await web.get("/assets/index-abc123.css", headers=plain)
        assert "content-encoding" not in response.headers
        assert response.content == b"body{}"

    @pytest.mark.parametrize(
        "path",
        ["/assets/missing.js", "/assets/..%2Findex.html", "/assets/%2e%2e/%2e%2e/pyproject.toml"],
    )
    async def test_a_missing_or_escaping_asset_is_a_json_404(
        self, web: AsyncClient, path: str
    ) -> None:
        response = await web.get(path)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


class TestReservedPaths:
    @pytest.mark.parametrize(
        "path",
        RESERVED_SAMPLES,
    )
    async def test_never_answer_the_app(self, web: AsyncClient, path: str) -> None:
        response = await web.get(path)
        assert response.status_code in (404, 405)
        assert response.headers["content-type"] == "application/json"
        assert "FastFM</title>" not in response.text

    async def test_the_api_and_its_docs_still_answer(self, web: AsyncClient) -> None:
        assert (await web.get("/healthz")).json() == {"status": "ok"}
        assert (await web.get("/openapi.json")).json()["info"]["title"] == "FastFM"
        assert "swagger" in (await web.get("/docs")).text.lower()

    async def test_a_wrong_method_on_an_api_path_stays_405(self, web: AsyncClient) -> None:
        assert (await web.delete("/api/v1/songs")).status_code == 405

    async def test_the_app_is_not_in_the_openapi_schema(self, web: AsyncClient) -> None:
        paths = (await web.get("/openapi.json")).json()["paths"]
        outside_api = {path for path in paths if not path.startswith("/api/")}
        assert outside_api <= {"/healthz", "/readyz", "/graphql", "/metrics"}


class TestWithoutABuild:
    async def test_no_build_means_no_app_routes(
        self, profile: Profile, app: FastAPI, tmp_path: Path
    ) -> None:
        served = create_app(profile.settings.model_copy(update={"web_dir": tmp_path}))
        async with served.router.lifespan_context(served):
            transport = ASGITransport(app=served)
            async with AsyncClient(transport=transport, base_url="http://testserver") as http:
                response = await http.get("/login")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"

    def test_the_default_folder_is_the_checkouts_web_build(self) -> None:
        assert default_web_dir() == Path(__file__).resolve().parents[1] / "web" / "dist"
