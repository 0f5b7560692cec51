"""Settings: defaults, environment parsing and the production secret rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from fastfm.config import Environment, Settings


class TestSettings:
    def test_embedded_default_is_a_sqlite_file_in_the_data_folder(self, tmp_path: Path) -> None:
        settings = Settings(data_dir=tmp_path)
        assert settings.resolved_database_url == f"sqlite+aiosqlite:///{tmp_path}/fastfm.db"
        assert settings.redis_url is None

    def test_reads_prefixed_environment(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.setenv("FASTFM_DATABASE_URL", "postgresql+asyncpg://db/fastfm")
        monkeypatch.setenv("FASTFM_CORS_ORIGINS", "https://a.example, https://b.example")
        monkeypatch.setenv("FASTFM_ACCESS_TOKEN_MINUTES", "5")
        settings = Settings(data_dir=tmp_path)
        assert settings.resolved_database_url == "postgresql+asyncpg://db/fastfm"
        assert settings.cors_origins == ["https://a.example", "https://b.example"]
        assert settings.access_token_minutes == 5

    def test_rejects_nonsense_values(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("FASTFM_ACCESS_TOKEN_MINUTES", "0")
        with pytest.raises(ValidationError):
            Settings()


class TestSecretKey:
    def test_production_refuses_to_start_without_a_secret(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError, match="at least 32 bytes"):
            Settings(env=Environment.PRODUCTION, data_dir=tmp_path)

    def test_production_refuses_a_short_secret(self, tmp_path: Path) -> None:
        with pytest.raises(ValidationError, match="at least 32 bytes"):
            Settings(env=Environment.PRODUCTION, secret_key="x" * 31, data_dir=tmp_path)

    def test_production_accepts_a_long_secret(self, tmp_path: Path) -> None:
        settings = Settings(env=Environment.PRODUCTION, secret_key="x" * 32, data_dir=tmp_path)
        assert settings.signing_key() == "x" * 32
        assert not (tmp_path / "secret_key").exists()

    def test_development_generates_a_secret_once_and_keeps_it(self, tmp_path: Path) -> None:
        first = Settings(data_dir=tmp_path).signing_key()
        stored = tmp_path / "secret_key"
        assert stored.read_text() == first
        assert len(first) >= 32
        assert stored.stat().st_mode & 0o077 == 0
        assert Settings(data_dir=tmp_path).signing_key() == first
