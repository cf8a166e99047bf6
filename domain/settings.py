"""All configuration in one typed object, read from `PEIHUO_*` environment variables."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EMBEDDED_REDIS = "fakeredis://"
#: The built-in development secrets: good for the embedded demo only (refused elsewhere).
DEV_SECRET_KEY = "peihuo-dev-secret-change-me-in-production-0123456789"
DEV_WEBHOOK_SECRET = "peihuo-dev-webhook-secret"
DEV_CARRIER_SECRET = "peihuo-dev-carrier-secret"


class DefaultSecretError(RuntimeError):
    """The service was asked to start, outside the embedded demo, with a built-in secret."""


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
        default=SecretStr(DEV_SECRET_KEY),
        description="Key that signs access tokens (HS256).",
    )
    webhook_secret: SecretStr = Field(
        default=SecretStr(DEV_WEBHOOK_SECRET),
        description="Default HMAC key for signed webhooks when a tenant sets none.",
    )
    access_token_ttl: timedelta = Field(default=timedelta(minutes=15))
    refresh_token_ttl: timedelta = Field(default=timedelta(days=30))
    login_max_failures: int = Field(
        default=5,
        ge=1,
        description="Failed logins per account and address (4 times as many per address) before "
        "each further one waits a growing delay.",
    )
    login_window: timedelta = Field(
        default=timedelta(minutes=15), description="How long a failed login counts."
    )
    login_delay_base: timedelta = Field(
        default=timedelta(seconds=1),
        description="The first delay after the free failures; it doubles with each failure.",
    )
    login_delay_max: timedelta = Field(
        default=timedelta(minutes=15), description="The longest delay between failed logins."
    )
    login_alert_failures: int = Field(
        default=10,
        ge=1,
        description="Failed logins on one account within the window that raise an alert (an "
        "audit entry and a warning on the peihuo.security logger), and again at each multiple.",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks of the reverse proxies whose X-Forwarded-For and "
        'X-Forwarded-Proto are believed (JSON, e.g. ["10.0.0.0/8", "127.0.0.1"]); from anyone '
        "else they are ignored.",
    )
    oauth_allow_http: bool = Field(
        default=False,
        description="Accept the OAuth2 token endpoint over plain HTTP on any host (tests only); "
        "otherwise HTTPS is required, except on loopback addresses.",
    )
    frontend_dist: Path = Field(
        default=PROJECT_ROOT / "frontend" / "dist",
        description="The built web front end (portal and console), served at `/` and GET /graphql.",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    in_process_worker: bool | None = Field(
        default=None,
        description="Run the job worker inside `serve`; defaults to on with embedded Redis.",
    )
    beat_lock_seconds: int = Field(
        default=15,
        ge=2,
        description="Life of the scheduler beat's Redis lock, renewed every second by its holder: "
        "when the holder dies, another worker or scheduler takes the beat over within this time.",
    )
    tenant_purge_grace_days: int = Field(
        default=30,
        ge=0,
        description="Days a deleted tenant can still be restored (`peihuo tenant restore`) before "
        "the purge job removes all of its data.",
    )
    liveness_file: Path | None = Field(
        default=None,
        description="A file the worker and scheduler processes touch while they live (at least "
        "once a minute), for a container's liveness probe.",
    )
    max_concurrent_requests: int = Field(
        default=16,
        ge=1,
        description="Requests one API process serves at once (each holds at most one database "
        "connection: keep it under the pool's size plus overflow).",
    )
    request_queue: int = Field(
        default=256,
        ge=0,
        description="Requests that may wait for a turn per API process; beyond, a 503 with "
        "Retry-After.",
    )
    request_queue_wait: float = Field(
        default=5.0,
        gt=0,
        description="Seconds a request waits in the queue before it gets a 503 with Retry-After.",
    )
    database_pool_timeout: float = Field(
        default=10.0,
        gt=0,
        description="Seconds a request waits for a pooled database connection (then a 503).",
    )
    graphql_max_depth: int = 12
    graphql_max_aliases: int = 30
    graphql_max_tokens: int = Field(
        default=5000,
        ge=1,
        description="Tokens a GraphQL document may hold, comments included (parsing stops there).",
    )
    graphql_max_document_chars: int = Field(
        default=100_000,
        ge=1,
        description="Characters a GraphQL document may hold, whitespace and comments included "
        "(refused before parsing).",
    )
    graphql_public_introspection: bool = Field(
        default=False,
        description="Answer schema introspection without a token (off: signed-in callers only).",
    )
    max_body_bytes: int = Field(
        default=256 * 1024,
        ge=1024,
        description="Largest request body (GraphQL, /auth/*, webhooks): a bigger one gets 413 "
        "before it is read whole or parsed.",
    )
    max_upload_bytes: int = Field(
        default=40 * 1024 * 1024,
        ge=1024,
        description="Largest GraphQL multipart request carrying credentials (complaint photos, "
        "file imports).",
    )
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 8025
    smtp_sender: str = "Peihuo <no-reply@peihuo.example>"
    sms_gateway_url: str | None = Field(
        default=None, description="Signed-webhook SMS gateway (checked like any outbound address)."
    )
    outbound_allowed_hosts: list[str] = Field(
        default_factory=list,
        description="Internal hosts outbound calls (chat webhooks, the SMS gateway) may reach, over "
        "http or https: on-premises gateways. Names, addresses or networks, each optionally with "
        ':port (JSON, e.g. ["sms.corp.internal", "10.20.0.0/16:8080", "[fd00::5]:443"]).',
    )
    outbound_timeout: float = Field(
        default=5.0, gt=0, le=60, description="Seconds an outbound call may take, lookup to reply."
    )
    outbound_max_reply_bytes: int = Field(
        default=64 * 1024, ge=0, description="Bytes of an outbound call's reply read at most."
    )
    outbound_ca_file: Path | None = Field(
        default=None,
        description="CA certificates (PEM) trusted for outbound HTTPS instead of the bundled ones "
        "(an on-premises gateway with an internal CA).",
    )
    notification_timeout: float = Field(default=10.0, description="Seconds per delivery attempt.")
    notification_max_attempts: int = Field(
        default=5, description="Delivery attempts before giving up."
    )
    notification_retry_seconds: int = Field(
        default=30, description="First retry delay; doubles after."
    )
    public_url: str | None = Field(
        default=None,
        description="Base URL people open Peihuo at (links in notifications, e.g. surveys); "
        "by default http://HOST:PORT of `serve` (127.0.0.1 when it listens on every address).",
    )
    carrier_secrets: dict[str, SecretStr] = Field(
        default_factory=lambda: {"sim": SecretStr(DEV_CARRIER_SECRET)},
        description="Webhook HMAC secret by carrier code, for tenants that configure none "
        '(JSON, e.g. {"sf": "..."}).',
    )
    carrier_webhook_tolerance: int = Field(
        default=300,
        description="Replay window: seconds a carrier webhook's timestamp may be off from now.",
    )
    carrier_simulator: bool = Field(
        default=False,
        description="Run the simulated carrier periodically for every tenant's simulated shipments.",
    )
    recommendation_batch_stores: int = Field(
        default=50,
        ge=1,
        description="Stores a recommendation run writes per transaction (progress moves by this).",
    )
    storage_url: str = Field(
        default=f"file://{PROJECT_ROOT / 'var' / 'files'}",
        description="Where uploaded files (complaint photos) are kept: `file:///path` (local "
        "files) or `s3://bucket/prefix` (S3-compatible object storage, see storage_s3_*).",
    )
    storage_s3_endpoint: str | None = Field(
        default=None, description="S3-compatible endpoint URL (MinIO, Ceph...); AWS when unset."
    )
    storage_s3_region: str = Field(default="us-east-1", description="S3 region.")
    storage_s3_access_key_id: str | None = Field(default=None, description="S3 access key id.")
    storage_s3_secret_access_key: SecretStr | None = Field(
        default=None, description="S3 secret access key."
    )
    carrier_simulator_exception_rate: float = Field(
        default=0.08, ge=0, le=1, description="Share of simulated shipments that hit a delay."
    )
    log_level: str = Field(default="INFO", description="Lowest level of the logs written.")
    log_format: Literal["json", "console"] = Field(
        default="json",
        description="`json`: one JSON object a line with the request id, tenant and user; "
        "`console`: readable lines (development).",
    )
    metrics_token: SecretStr | None = Field(
        default=None,
        description="Bearer token the API's /metrics and the workers' metrics port "
        "(`peihuo worker --metrics-port`) ask for. Unset: they answer only loopback clients "
        "(a scraper in the same pod or host), everyone else gets 404.",
    )
    tracing_enabled: bool = Field(
        default=False,
        description="Send OpenTelemetry traces (needs the `tracing` extra: pip install "
        "'peihuo[tracing]'); the endpoint and headers come from the standard OTEL_* variables.",
    )
    tracing_service_name: str = Field(
        default="peihuo", description="service.name of the traces (OpenTelemetry resource)."
    )

    @property
    def site_url(self) -> str:
        """Where people open Peihuo: the public URL, else the address `serve` listens on."""
        if self.public_url:
            return self.public_url.rstrip("/")
        host = "127.0.0.1" if self.host in ("", "0.0.0.0", "::") else self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is the embedded SQLite file."""
        return self.database_url.startswith("sqlite")

    @property
    def is_embedded_redis(self) -> bool:
        """Whether jobs run on the in-process Redis stand-in."""
        return self.redis_url.startswith("fakeredis")

    @property
    def is_embedded(self) -> bool:
        """The embedded demo: SQLite and the in-process Redis, one machine, nothing exposed."""
        return self.is_sqlite and self.is_embedded_redis

    def default_secrets(self) -> list[str]:
        """The settings that still hold a built-in development secret."""
        named = []
        if self.secret_key.get_secret_value() == DEV_SECRET_KEY:
            named.append("PEIHUO_SECRET_KEY")
        if self.webhook_secret.get_secret_value() == DEV_WEBHOOK_SECRET:
            named.append("PEIHUO_WEBHOOK_SECRET")
        development = {DEV_SECRET_KEY, DEV_WEBHOOK_SECRET, DEV_CARRIER_SECRET}
        for code, secret in sorted(self.carrier_secrets.items()):
            if secret.get_secret_value() in development:
                named.append(f"PEIHUO_CARRIER_SECRETS ({code})")
        if (
            self.storage_s3_secret_access_key is not None
            and self.storage_s3_secret_access_key.get_secret_value() in development
        ):
            named.append("PEIHUO_STORAGE_S3_SECRET_ACCESS_KEY")
        return named

    def refuse_default_secrets(self) -> None:
        """Raise, naming each setting, when a built-in secret would serve outside the embedded
        demo (a token signed with the development key would be accepted as anyone's)."""
        if self.is_embedded:
            return
        named = self.default_secrets()
        if named:
            raise DefaultSecretError(
                "refusing to start outside the embedded demo with the built-in development "
                f"secret in {', '.join(named)}: set a secret of your own "
                '(e.g. python3 -c "import secrets; print(secrets.token_urlsafe(48))")'
                + (
                    "; PEIHUO_CARRIER_SECRETS='{}' keeps no platform-wide carrier secret "
                    "(tenants set their own)"
                    if any(n.startswith("PEIHUO_CARRIER") for n in named)
                    else ""
                )
            )

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
