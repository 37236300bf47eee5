"""One settings object with documented defaults and ``ATTUNE_*`` environment overrides."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """attune settings. Every field can be set as ``ATTUNE_<NAME>`` in the environment.

    >>> Settings(max_chars=500).max_chars
    500
    """

    model_config = SettingsConfigDict(env_prefix="ATTUNE_", frozen=True, extra="forbid")

    max_chars: int = Field(
        20_000,
        ge=100,
        le=1_000_000,
        description="Longest text accepted by the core, in characters.",
    )
    tier: str = Field(
        "learned",
        pattern=r"^(rules|learned|neural)$",
        description="Which engine tier judges text: 'rules' (phrase banks only), 'learned' "
        "(rules fused with the packaged linear models) or 'neural' (needs attune[neural]).",
    )
    fine_emotions: bool = Field(
        False,
        description="Also score GoEmotions' 28 fine emotions (learned tier; slower): CustomerAnalysis.fine_emotions.",
    )
    neural_dir: str | None = Field(
        None,
        description="Folder of neural-tier heads written by `attune train neural --out DIR`; "
        "the heads shipped in the package when unset.",
    )
    strip_quoted: bool = Field(True, description="Ignore quoted email history before judging.")
    strip_signature: bool = Field(True, description="Ignore a trailing email signature.")

    # attune serve (see docs/server.md)
    database_url: str = Field(
        "sqlite:///attune.db",
        description="SQLAlchemy URL of the server's database: a SQLite file (relative to the working "
        "directory) by default, postgresql+psycopg://user:pass@host/db in production.",
    )
    host: str = Field("127.0.0.1", description="Address `attune serve` listens on.")
    port: int = Field(8000, ge=0, le=65535, description="Port `attune serve` listens on.")
    cors_origins: list[str] = Field(
        default_factory=list,
        description='Origins allowed to call the API from a browser, as a JSON list (["https://x.example"]).',
    )
    redact: bool = Field(True, description="Redact emails, phones, cards, IBANs and addresses before storing.")
    max_body_bytes: int = Field(262_144, ge=1024, description="Largest request body the server accepts, in bytes.")
    secret_key: SecretStr | None = Field(
        None, description="Signs web UI session cookies; a random key per process when unset."
    )
    webhook_secret: SecretStr | None = Field(
        None, description="Shared secret that signs helpdesk webhooks; webhooks are refused when unset."
    )
    webhook_team: str = Field("default", description="Team that helpdesk webhook deliveries belong to.")
    helpdesk_url: str | None = Field(
        None, description="Base URL of the helpdesk API; when set, assessments are posted back as internal notes."
    )
    helpdesk_token: SecretStr | None = Field(None, description="Credential for posting notes to the helpdesk.")


_current: ContextVar[Settings | None] = ContextVar("attune_settings", default=None)


def get_settings() -> Settings:
    """The settings in force: those set by :func:`settings_context`, else from the environment."""
    found = _current.get()
    if found is None:
        found = from_environment()
        _current.set(found)
    return found


def from_environment() -> Settings:
    """Settings read from ``ATTUNE_*`` variables; a bad value is a :class:`UsageError` naming the
    variable, the value and what it should be."""
    from pydantic import ValidationError

    from attune.errors import UsageError

    try:
        return Settings()
    except ValidationError as exc:
        bad = "; ".join(
            f"ATTUNE_{'_'.join(str(p) for p in e['loc']).upper()}={e.get('input')!r}: {e['msg']}" for e in exc.errors()
        )
        raise UsageError(f"bad setting: {bad}") from None


@contextlib.contextmanager
def use_settings(settings: Settings) -> Iterator[Settings]:
    """Put ``settings`` in force inside a ``with`` block, as they are (the server does per request)."""
    token = _current.set(settings)
    try:
        yield settings
    finally:
        _current.reset(token)


@contextlib.contextmanager
def settings_context(**changes: object) -> Iterator[Settings]:
    """Use changed settings inside a ``with`` block.

    >>> with settings_context(max_chars=1000) as s:
    ...     s.max_chars
    1000
    """
    base = get_settings()
    token = _current.set(Settings(**{**base.model_dump(), **changes}))
    try:
        yield get_settings()
    finally:
        _current.reset(token)
