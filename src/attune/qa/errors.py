"""Errors of batch QA, in the one hierarchy of :mod:`attune.errors`.

Codes: ``E130`` a file is not a helpdesk export attune can read; ``E330`` an optional extra is
not installed.
"""

from __future__ import annotations

from attune.errors import InputError, UsageError


class NotAnExportError(InputError):
    """A file given to ``attune qa`` is not an export of any supported shape."""

    code = "E130"


class MissingExtraError(UsageError):
    """An optional dependency of batch QA is not installed."""

    code = "E330"


def require(module: str, extra: str) -> None:
    """Raise :class:`MissingExtraError` with the install command when ``module`` is missing.

    >>> require("json", "qa")
    """
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise MissingExtraError(f"{module} is not installed; install it with: pip install 'attune[{extra}]'")
