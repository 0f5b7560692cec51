"""Settings, read from the environment (prefix ``FASTFM_``) and an optional ``.env`` file."""

from __future__ import annotations

import ipaddress
import secrets
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from limits import parse
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

MIN_SECRET_BYTES = 32


class LogFormat(StrEnum):
    JSON = "json"
    CONSOLE = "console"


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Every FastFM setting; the README's settings table lists the same names."""

    model_config = SettingsConfigDict(
        env_prefix="FASTFM_", env_file=".env", extra="ignore", frozen=True
    )

    env: Environment = Environment.DEVELOPMENT
    data_dir: Path = Path("data")
    database_url: str = ""
    database_pool_size: int = Field(default=10, ge=1)
    database_pool_timeout: float = Field(default=10.0, gt=0)
    redis_url: str | None = None
    secret_key: SecretStr | None = None
    jwt_issuer: str = "fastfm"
    jwt_audience: str = "fastfm-api"
    access_token_minutes: int = Field(default=15, ge=1)
    refresh_token_idle_days: int = Field(default=14, ge=1)
    refresh_token_absolute_days: int = Field(default=90, ge=1)
    password_hash_time_cost: int = Field(default=3, ge=1)
    password_hash_memory_kib: int = Field(default=65536, ge=1024)
    password_hash_parallelism: int = Field(default=4, ge=1)
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    login_account_limit: str = "10/5minutes"
    login_address_limit: str = "100/5minutes"
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    redis_key_prefix: str = "fastfm"
    log_level: str = "INFO"
    party_max_message_bytes: int = Field(default=4096, ge=64)
    party_messages_per_second: float = Field(default=10.0, gt=0)
    party_message_burst: int = Field(default=20, ge=1)
    party_access_check_seconds: float = Field(default=5.0, gt=0)
    frontend_url: str | None = None
    # Background jobs (src/fastfm/jobs): see the README's "Background jobs" section.
    jobs_in_process: bool = True
    jobs_concurrency: int = Field(default=4, ge=1, le=64)
    jobs_max_attempts: int = Field(default=5, ge=1, le=50)
    jobs_retry_base_seconds: float = Field(default=5.0, gt=0)
    jobs_retry_max_seconds: float = Field(default=600.0, gt=0)
    jobs_heartbeat_seconds: float = Field(default=30.0, gt=0)
    jobs_shutdown_seconds: float = Field(default=20.0, ge=0)
    tokens_purge_cron: str = "17 4 * * *"
    # Spotify import (src/fastfm/integrations/spotify).
    spotify_client_id: str | None = None
    spotify_client_secret: SecretStr | None = None
    spotify_redirect_uri: str | None = None
    spotify_accounts_url: str = "https://accounts.spotify.com"
    spotify_api_url: str = "https://api.spotify.com/v1"
    spotify_token_keys: Annotated[list[SecretStr], NoDecode] = Field(default_factory=list)
    spotify_timeout_seconds: float = Field(default=10.0, gt=0)
    spotify_max_response_bytes: int = Field(default=8 * 1024 * 1024, ge=1024)
    spotify_max_retries: int = Field(default=4, ge=0, le=20)
    spotify_retry_base_seconds: float = Field(default=0.5, gt=0)
    spotify_max_retry_after_seconds: float = Field(default=120.0, gt=0)
    log_format: LogFormat = LogFormat.JSON
    metrics_address: str = ""
    metrics_dir: Path | None = None
    sentry_dsn: SecretStr | None = None
    sentry_environment: str = ""
    rate_limit_enabled: bool = True
    rate_limit_user_read: str = "20000/minute"
    rate_limit_user_write: str = "3000/minute"
    rate_limit_user_search: str = "3000/minute"
    rate_limit_user_auth: str = "1200/minute"
    rate_limit_address_read: str = "30000/minute"
    rate_limit_address_write: str = "6000/minute"
    rate_limit_address_search: str = "6000/minute"
    rate_limit_address_auth: str = "3000/minute"
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    web_dir: Path | None = None

    @model_validator(mode="before")
    @classmethod
    def _split_lists(cls, data: object) -> object:
        if isinstance(data, dict):
            for name in ("cors_origins", "trusted_proxies"):
                raw = data.get(name)
                if isinstance(raw, str):
                    data[name] = [o.strip() for o in raw.split(",") if o.strip()]
            keys = data.get("spotify_token_keys")
            if isinstance(keys, str):
                data["spotify_token_keys"] = [k.strip() for k in keys.split(",") if k.strip()]
        return data

    @model_validator(mode="after")
    def _check_operations(self) -> Settings:
        for name in type(self).model_fields:
            if name.startswith("rate_limit_") and name != "rate_limit_enabled":
                try:
                    parse(getattr(self, name))
                except ValueError as exc:
                    raise ValueError(f"FASTFM_{name.upper()}: {exc}") from exc
        for entry in self.trusted_proxies:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError as exc:
                raise ValueError(f"FASTFM_TRUSTED_PROXIES: {exc}") from exc
        if self.metrics_address:
            self.metrics_listen()
        return self

    def metrics_listen(self) -> tuple[str, int]:
        """``metrics_address`` as (host, port): ``HOST:PORT`` or ``[IPv6]:PORT``."""
        host, sep, port = self.metrics_address.rpartition(":")
        if not sep or not port.isdigit() or not 0 < int(port) < 65536 or not host:
            raise ValueError("FASTFM_METRICS_ADDRESS must be HOST:PORT, e.g. 127.0.0.1:9100")
        return host.strip("[]"), int(port)

    @model_validator(mode="after")
    def _require_production_secret(self) -> Settings:
        if self.env is Environment.PRODUCTION:
            secret = self.secret_key.get_secret_value() if self.secret_key else ""
            if len(secret.encode()) < MIN_SECRET_BYTES:
                raise ValueError(
                    f"FASTFM_SECRET_KEY must be set to at least {MIN_SECRET_BYTES} bytes "
                    "in production"
                )
        return self

    @property
    def spotify_configured(self) -> bool:
        """Whether linking and importing can work: client, secret, redirect URI and a key."""
        return bool(
            self.spotify_client_id
            and self.spotify_client_secret
            and self.spotify_redirect_uri
            and self.spotify_token_keys
        )

    @property
    def is_production(self) -> bool:
        return self.env is Environment.PRODUCTION

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'fastfm.db').as_posix()}"

    def signing_key(self) -> str:
        """The JWT signing secret; in development one is generated once and kept."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        return _development_secret(self.data_dir)


@lru_cache(maxsize=8)
def _development_secret(data_dir: Path) -> str:
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    path.touch(mode=0o600)
    path.write_text(secret)
    return secret


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
