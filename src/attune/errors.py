"""The one error hierarchy of attune.

Every error carries a stable ``code`` (``E1xx`` input, ``E2xx`` data files, ``E3xx`` usage)
and a message that says what is wrong and how to fix it. Shells (CLI, API) map these to exit
codes or HTTP statuses in exactly one place each.
"""

from __future__ import annotations


class AttuneError(Exception):
    """Base class of every error attune raises on purpose."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(AttuneError):
    """The text or argument given cannot be judged."""

    code = "E100"
    exit_code = 2


class EmptyTextError(InputError):
    """The text is empty or holds only whitespace, quotes or a signature."""

    code = "E101"


class TextTooLongError(InputError):
    """The text is longer than the documented limit."""

    code = "E102"


class BinaryTextError(InputError):
    """The text holds control or NUL characters: likely a binary file."""

    code = "E103"


class EncodingError(InputError):
    """Bytes that are not valid UTF-8 were given."""

    code = "E104"


class UnknownNameError(InputError):
    """A taxonomy name (emotion, situation, stance, dimension) is not known."""

    code = "E105"


class DataFileError(AttuneError):
    """A packaged or user-supplied data file is invalid (phrase bank, weights, dataset)."""

    code = "E200"
    exit_code = 3


class UsageError(AttuneError):
    """The command or function was called in a way that cannot work."""

    code = "E300"
    exit_code = 2
