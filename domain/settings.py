"""All configuration in one typed object, read from `PEIHUO_*` environment variables."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EMBEDDED_REDIS = "fakeredis://"


class Settings(BaseSettings):
    """Peihuo's settings. The defaults are the embedded ones: SQLite and an in-process Redis."""

    model_config = SettingsConfigDict(env_prefix="PEIHUO_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default=f"sqlite+aiosqlite:///{PROJECT_ROOT / 'var' / 'peihuo.db'}",
        description="SQLAlchemy URL the application connects with (a role that owns no table).",
    )
    database_admin_url: str | None = Field(
        default=None,
        description="URL migrations run with (the tables' owner); the application URL when unset.",
    )
    database_app_role: str = Field(
        default="peihuo_app",
        description="PostgreSQL role the application connects as; migrations grant it access.",
    )
    redis_url: str = Field(
        default=EMBEDDED_REDIS,
        description="Redis for background jobs; `fakeredis://` runs an in-process stand-in.",
    )
    secret_key: SecretStr = Field(
        default=SecretStr("peihuo-dev-secret-change-me-in-production-0123456789"),
        description="Key that signs access tokens (HS256).",
    )
    webhook_secret: SecretStr = Field(
        default=SecretStr("peihuo-dev-webhook-secret"),
        description="Default HMAC key for signed webhooks when a tenant sets none.",
    )
    access_token_ttl: timedelta = Field(default=timedelta(minutes=15))
    refresh_token_ttl: timedelta = Field(default=timedelta(days=30))
    login_max_failures: int = Field(
        default=5, description="Failed logins per account or address before throttling."
    )
    login_window: timedelta = Field(default=timedelta(minutes=15))
    host: str = "127.0.0.1"
    port: int = 8000
    in_process_worker: bool | None = Field(
        default=None,
        description="Run the job worker inside `serve`; defaults to on with embedded Redis.",
    )
    graphql_max_depth: int = 12
    graphql_max_aliases: int = 30
    graphql_max_tokens: int = 5000
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    smtp_sender: str = "Peihuo <no-reply@peihuo.example>"

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is the embedded SQLite file."""
        return self.database_url.startswith("sqlite")

    @property
    def is_embedded_redis(self) -> bool:
        """Whether jobs run on the in-process Redis stand-in."""
        return self.redis_url.startswith("fakeredis")

    @property
    def worker_in_process(self) -> bool:
        """Whether `serve` should also run the job worker in-process."""
        if self.in_process_worker is not None:
            return self.in_process_worker
        return self.is_embedded_redis

    @property
    def migration_url(self) -> str:
        """URL migrations connect with."""
        return self.database_admin_url or self.database_url


@lru_cache
def get_settings() -> Settings:
    """The process's settings, read once."""
    return Settings()
