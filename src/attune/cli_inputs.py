"""Where the command line's texts come from: inline, ``@path`` (a UTF-8 file) or ``-`` (stdin),
and ``--fact key=value`` pairs. Errors name the text and what to do; :mod:`attune.cli` turns them
into exit codes."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import typer

from attune.errors import EncodingError, InputError, UsageError

_STDIN = "-"


def read_inputs(text: str | None, what: str, extra: str | None = None, extra_what: str = "") -> tuple[str, str | None]:
    """Read a command's main text (stdin when left out) and its optional second text.

    Only one of them may come from stdin, since there is only one stdin to read.
    """
    if text is None:
        if sys.stdin.isatty():
            raise UsageError(f"no {what} given; pass it inline, as @file, or pipe it to stdin")
        text = _STDIN
    if text == _STDIN and extra == _STDIN:
        raise UsageError(
            f"only one text can be read from stdin, but the {what} and the {extra_what} both "
            "ask for it; give one of them inline or as @file"
        )
    return read_text(text, what), None if extra is None else read_text(extra, extra_what)


def read_text(value: str, what: str = "text") -> str:
    """The text a command-line value stands for: itself, a file's content (``@path``) or stdin.

    ``@@text`` stands for the literal ``@text``.

    >>> read_text("@@acme my order is late")
    '@acme my order is late'
    """
    if value == _STDIN:
        return _decode(typer.get_binary_stream("stdin").read(), "stdin")
    if value.startswith("@@"):
        return value[1:]
    if value.startswith("@"):
        return _read_file(value[1:], what)
    return value


def _read_file(name: str, what: str) -> str:
    if not name:
        raise InputError(f"'@' must be followed by a file name for the {what}")
    path = Path(name).expanduser()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            f"cannot read the {what} from {name}: no such file (to pass text that starts with @, write @@)"
        ) from None
    except OSError as exc:
        raise InputError(f"cannot read the {what} from {name}: {exc.strerror or exc}") from None
    return _decode(data, name)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{name} is not valid UTF-8 (byte {exc.start}); re-encode it as UTF-8") from None


def parse_facts(items: Iterable[str]) -> dict[str, str]:
    """``["when=Friday"]`` -> ``{"when": "Friday"}``; the library checks the keys.

    >>> parse_facts(["action=refunded the charge", "when = Friday"])
    {'action': 'refunded the charge', 'when': 'Friday'}
    """
    facts: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--fact needs key=value, got {item!r}; for example --fact when=Friday")
        facts[key.strip()] = value.strip()
    return facts
