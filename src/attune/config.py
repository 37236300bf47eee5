"""One settings object with documented defaults and ``ATTUNE_*`` environment overrides."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from pydantic import Field
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
        "rules",
        pattern=r"^(rules|learned|neural)$",
        description="Which engine tier judges text: 'rules' (phrase banks only), 'learned' "
        "(rules fused with the packaged linear models) or 'neural' (needs attune[neural]).",
    )
    strip_quoted: bool = Field(True, description="Ignore quoted email history before judging.")
    strip_signature: bool = Field(True, description="Ignore a trailing email signature.")


_current: ContextVar[Settings | None] = ContextVar("attune_settings", default=None)


def get_settings() -> Settings:
    """The settings in force: those set by :func:`settings_context`, else from the environment."""
    found = _current.get()
    if found is None:
        found = Settings()
        _current.set(found)
    return found


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
