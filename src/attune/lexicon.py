"""The one loader of ``attune/data``: phrase banks, word classes, statements and weights.

A phrase bank is a JSONL file: a header line ``{"bank": NAME, "version": N, "description": ...}``
then one entry a line. An entry has a ``pattern`` (matched on normalised tokens) or a ``regex``
(matched on the text, case-insensitive), a ``label``, a ``weight`` and optional fields.
Each entry's id is ``bank:NAME.vN#LINE``; evidence cites it.

Patterns are matched by :mod:`attune.matcher` (its docstring gives the syntax).

An ``alt`` is the plainer wording :func:`~attune.respond.rewrite.rewrite` puts in a match's place.
It replaces the whole match, so it must read right in the match's sentence; a ``regex`` entry's
``alt`` may keep some of the matched words with ``\\g<name>`` (a named group of the regex, as
in :meth:`re.Match.expand`): ``per (?P<rest>our policy)`` -> ``under \\g<rest>``. A pattern
word matches every inflection, so an entry whose ``alt`` is a verb uses exact words
(``=utilized`` -> "used").
Invalid files raise :class:`~attune.errors.DataFileError` naming ``file:line -> field: message``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from attune.errors import DataFileError
from attune.matcher import Entry, Match, Matcher, expand
from attune.text import normalise_word

_DATA = "attune.data"


class BankHeader(BaseModel):
    """First line of a phrase bank file."""

    model_config = ConfigDict(extra="forbid")
    bank: str = Field(pattern=r"^[a-z_]+$")
    version: int = Field(ge=1)
    description: str


class BankEntry(BaseModel):
    """One phrase bank entry."""

    model_config = ConfigDict(extra="forbid")
    pattern: str | None = None
    regex: str | None = None
    label: str
    weight: float = Field(1.0, ge=-1.0, le=1.0)
    alt: str | None = Field(None, description="plain or warmer alternative, used by rewrite")
    note: str | None = None

    @model_validator(mode="after")
    def _one_matcher(self) -> BankEntry:
        if (self.pattern is None) == (self.regex is None):
            raise ValueError("give exactly one of 'pattern' or 'regex'")
        if self.regex is not None:
            try:
                compiled = re.compile(self.regex)
            except re.error as exc:
                raise ValueError(f"invalid regex: {exc}") from exc
        refs = _GROUP_REF.findall(self.alt or "")
        if refs:
            if self.regex is None:
                raise ValueError("'alt' refers to a group (\\g<...>): only a 'regex' entry has groups")
            unknown = [r for r in refs if r not in compiled.groupindex]
            if unknown:
                raise ValueError(f"'alt' refers to \\g<{unknown[0]}>, which the regex does not define")
        return self


#: ``\g<name>`` in an ``alt``: the words a regex entry's named group matched, kept as written
_GROUP_REF = re.compile(r"\\g<(\w+)>")


def alternative(match: Match, text: str) -> str | None:
    """The plainer wording ``rewrite`` offers for a match: the entry's ``alt``, with any
    ``\\g<group>`` filled from the words the match covers in ``text``, as written there."""
    alt, regex = match.entry.alt, match.entry.regex
    if alt is None or regex is None or not _GROUP_REF.search(alt):
        return alt
    found = regex.match(text, match.start, match.end)
    return found.expand(alt) if found is not None else None


def data_path(*parts: str) -> Any:
    return resources.files(_DATA).joinpath(*parts)


def _fail(where: str, message: str) -> DataFileError:
    return DataFileError(f"{where} -> {message}")


def _validation_message(exc: ValidationError) -> str:
    first = exc.errors()[0]
    loc = ".".join(str(x) for x in first["loc"]) or "entry"
    return f"{loc}: {first['msg']}"


def parse_bank(lines: Iterable[str], *, where: str) -> tuple[BankHeader, list[Entry]]:
    """Parse and validate a bank file's lines; errors name ``where:line -> field: message``."""
    header: BankHeader | None = None
    entries: list[Entry] = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _fail(f"{where}:{lineno}", f"json: {exc.msg}") from exc
        try:
            if header is None:
                header = BankHeader.model_validate(obj)
                continue
            raw = BankEntry.model_validate(obj)
        except ValidationError as exc:
            raise _fail(f"{where}:{lineno}", _validation_message(exc)) from exc
        if raw.pattern is not None:
            try:
                expand(raw.pattern)
            except ValueError as exc:
                raise _fail(f"{where}:{lineno}", f"pattern: {exc}") from exc
        entries.append(
            Entry(
                bank=header.bank,
                id=f"bank:{header.bank}.v{header.version}#{lineno}",
                label=raw.label,
                weight=raw.weight,
                pattern=raw.pattern,
                regex=re.compile(raw.regex, re.IGNORECASE) if raw.regex else None,
                alt=raw.alt,
                note=raw.note,
            )
        )
    if header is None:
        raise _fail(f"{where}:1", "header: the file is empty; the first line must be the header")
    return header, entries


@dataclass(frozen=True)
class Lexicon:
    """Everything in ``attune/data`` the rules use, loaded and validated once."""

    banks: dict[str, list[Entry]]
    versions: dict[str, int]
    classes: dict[str, frozenset[str]]
    raw_classes: dict[str, tuple[str, ...]]
    matcher: Matcher
    weights: dict[str, Any]

    def bank(self, name: str) -> list[Entry]:
        return self.banks[name]


def _read_json(name: str) -> Any:
    path = data_path(name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise _fail(f"{name}:{exc.lineno}", f"json: {exc.msg}") from exc


def load_classes(raw: dict[str, Any], *, where: str = "classes.json") -> dict[str, frozenset[str]]:
    """Word classes, normalised like text tokens."""
    out: dict[str, frozenset[str]] = {}
    for name, words in raw.items():
        if name.startswith("_"):
            continue
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise _fail(where, f"{name}: must be a list of words")
        normed = set()
        for w in words:
            parts = normalise_word(w)
            if len(parts) != 1:
                raise _fail(where, f"{name}: '{w}' is not a single word")
            normed.add(parts[0])
        out[name] = frozenset(normed)
    return out


@cache
def load() -> Lexicon:
    """Load and validate every packaged data file (once per process)."""
    raw_classes = _read_json("classes.json")
    classes = load_classes(raw_classes)
    banks: dict[str, list[Entry]] = {}
    versions: dict[str, int] = {}
    bank_dir = data_path("banks")
    for item in sorted(bank_dir.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".jsonl"):
            continue
        header, entries = parse_bank(item.read_text(encoding="utf-8").splitlines(), where=f"banks/{item.name}")
        if header.bank in banks:
            raise _fail(f"banks/{item.name}:1", f"bank: '{header.bank}' is defined twice")
        banks[header.bank] = entries
        versions[header.bank] = header.version
    all_entries = [e for es in banks.values() for e in es]
    weights = _read_json("weights.v1.json")
    return Lexicon(
        banks=banks,
        versions=versions,
        classes=classes,
        raw_classes={k: tuple(v) for k, v in raw_classes.items() if not k.startswith("_")},
        matcher=Matcher(all_entries, classes),
        weights=weights,
    )


def load_bank_file(path: str | Path) -> tuple[BankHeader, list[Entry]]:
    """Validate a user's bank file (the CLI's ``attune lexicon check`` uses this)."""
    p = Path(path)
    return parse_bank(p.read_text(encoding="utf-8").splitlines(), where=str(p))
