"""The one loader of ``attune/data``: phrase banks, word classes, statements and weights.

A phrase bank is a JSONL file: a header line ``{"bank": NAME, "version": N, "description": ...}``
then one entry a line. An entry has a ``pattern`` (matched on normalised tokens) or a ``regex``
(matched on the text, case-insensitive), a ``label``, a ``weight`` and optional fields.
Each entry's id is ``bank:NAME.vN#LINE``; evidence cites it.

Pattern syntax, matched within one sentence on normalised tokens (lower case, contractions
expanded, stemmed, so "I'm", "Im" and "I am" are one pattern, as are "frustrated" and
"frustrating"):

- ``word``: the word, any inflection; ``(a b|c)``: alternatives; ``[a|b c]``: optional;
- ``*``: any one word; ``<class>``: any word of a class in ``classes.json``;
- ``=word``: exactly this word, not stemmed ("=kindly" leaves "kind" alone).

Intensifiers ("really", "so", "very" ...) between pattern words are skipped when matching.

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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from attune.errors import DataFileError
from attune.text import Token, normalise_word

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


@dataclass(frozen=True, slots=True)
class Entry:
    """A loaded bank entry with its stable id."""

    bank: str
    id: str
    label: str
    weight: float
    pattern: str | None
    regex: re.Pattern[str] | None
    alt: str | None
    note: str | None


class Match(NamedTuple):
    """A bank entry found in a text: token range and character span."""

    entry: Entry
    first: int
    last: int
    start: int
    end: int
    sentence: int
    class_tokens: tuple[int, ...] = ()


def alternative(match: Match, text: str) -> str | None:
    """The plainer wording ``rewrite`` offers for a match: the entry's ``alt``, with any
    ``\\g<group>`` filled from the words the match covers in ``text``, as written there."""
    alt, regex = match.entry.alt, match.entry.regex
    if alt is None or regex is None or not _GROUP_REF.search(alt):
        return alt
    found = regex.match(text, match.start, match.end)
    return found.expand(alt) if found is not None else None


@dataclass
class _Node:
    words: dict[str, _Node] = field(default_factory=dict)
    exact: dict[str, _Node] = field(default_factory=dict)
    classes: dict[str, _Node] = field(default_factory=dict)
    any: _Node | None = None
    ends: list[tuple[Entry, tuple[bool, ...]]] = field(default_factory=list)
    #: words and class members merged: token -> [(child, matched by a class?)], built once
    index: dict[str, list[tuple[_Node, bool]]] = field(default_factory=dict)
    more: bool = False


#: Words skipped between pattern words: they intensify, they do not change the phrase.
FILLERS = frozenset(
    normalise_word(w)[0]
    for w in [
        "really",
        "so",
        "very",
        "truly",
        "terribly",
        "deeply",
        "extremely",
        "incredibly",
        "sincerely",
        "just",
        "genuinely",
        "completely",
        "totally",
        "absolutely",
        "super",
        "quite",
        "awfully",
        "honestly",
        "definitely",
    ]
)


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


_WORD = re.compile(r"[\w'-]+|[^\x00-\x7f]")
_PATTERN_TOKEN = re.compile(r"\(|\)|\[|\]|\||<[a-z_]+>|\*|=?[^\s()\[\]|<>*=]+")


def expand(pattern: str) -> list[list[str]]:
    """Expand a pattern into its alternatives: lists of atoms (normalised words, ``<class>``, ``*``).

    >>> expand("[so] sorry (for|about)")
    [['so', 'sorri', 'for'], ['so', 'sorri', 'about'], ['sorri', 'for'], ['sorri', 'about']]
    """
    toks = _PATTERN_TOKEN.findall(pattern.lower())
    pos = 0

    def seq(closing: str | None) -> list[list[str]]:
        nonlocal pos
        alts: list[list[list[str]]] = [[[]]]  # alternatives of sequences
        while pos < len(toks):
            t = toks[pos]
            if t in ")]":
                if closing != t:
                    raise ValueError(f"unexpected '{t}'")
                break
            pos += 1
            if t == "|":
                if closing is None:
                    raise ValueError("'|' outside brackets")
                alts.append([[]])
                continue
            if t in "([":
                inner = seq(")" if t == "(" else "]")
                if pos >= len(toks):
                    raise ValueError(f"'{t}' is never closed")
                pos += 1
                options = [*inner, []] if t == "[" else inner
            elif t.startswith("<") or t == "*":
                options = [[t]]
            elif t.startswith("="):
                if not _WORD.fullmatch(t[1:]):
                    raise ValueError(f"'{t}' is not an exact word")
                options = [[t]]
            else:
                if not _WORD.fullmatch(t):
                    raise ValueError(f"'{t}' is not a word (patterns have no regex syntax)")
                options = [list(normalise_word(t))]
            alts[-1] = [a + o for a in alts[-1] for o in options]
        out = [s for group in alts for s in group]
        if any(not s for s in out) and closing != "]":
            raise ValueError("an alternative is empty")
        return out

    result = seq(None)
    if pos != len(toks):
        raise ValueError(f"unexpected '{toks[pos]}'")
    if len(result) > 5000:
        raise ValueError(f"expands to {len(result)} phrases (max 5000); split it")
    return [r for r in result if r]


class Matcher:
    """All pattern entries of all banks in one token trie: one pass finds every match."""

    def __init__(self, entries: Sequence[Entry], classes: dict[str, frozenset[str]]) -> None:
        self.root = _Node()
        self.classes = classes
        self.regex_entries = [e for e in entries if e.regex is not None]
        #: each regex entry with a case-sensitive twin for lower-cased text, where its pattern is
        #: all lower case (Python's ``re`` is about 1.6 times slower on these with IGNORECASE)
        self._regex_lower = [
            (e, re.compile(e.regex.pattern) if e.regex.pattern == e.regex.pattern.lower() else None)
            for e in self.regex_entries
            if e.regex is not None
        ]
        #: banks that hold regex entries, in first-seen order
        self.regex_banks = tuple(dict.fromkeys(e.bank for e in self.regex_entries))
        for entry in entries:
            if entry.pattern is None:
                continue
            for atoms in expand(entry.pattern):
                node = self.root
                flags: list[bool] = []
                for atom in atoms:
                    if atom == "*":
                        node.any = node.any or _Node()
                        node = node.any
                    elif atom.startswith("="):
                        node = node.exact.setdefault(atom[1:], _Node())
                    elif atom.startswith("<"):
                        name = atom[1:-1]
                        if name not in classes:
                            raise DataFileError(f"{entry.id} -> pattern: unknown class <{name}>")
                        node = node.classes.setdefault(name, _Node())
                    else:
                        node = node.words.setdefault(atom, _Node())
                    flags.append(atom.startswith("<"))
                node.ends.append((entry, tuple(flags)))
        self._index(self.root)

    def _index(self, node: _Node) -> None:
        """Merge word and class edges into one lookup, so matching costs one dict probe a token."""
        index: dict[str, list[tuple[_Node, bool]]] = {}
        for word, child in node.words.items():
            index.setdefault(word, []).append((child, False))
        for name, child in node.classes.items():
            for word in self.classes[name]:
                index.setdefault(word, []).append((child, True))
        node.index = index
        node.more = bool(index or node.exact or node.any)
        for child in (*node.words.values(), *node.classes.values(), *node.exact.values()):
            self._index(child)
        if node.any is not None:
            self._index(node.any)

    def find(self, tokens: Sequence[Token], text: str = "") -> list[Match]:
        """Every match in ``tokens`` (and of regex entries in ``text``), in text order."""
        found: list[Match] = []
        n = len(tokens)
        root = self.root
        norms = [t.norm for t in tokens]
        sents = [t.sentence for t in tokens]
        lows = [t.low for t in tokens]
        fillers = FILLERS
        root_index = root.index
        new = tuple.__new__
        root_exact = root.exact
        for i in range(n):
            starts = root_index.get(norms[i])
            ex = root_exact.get(lows[i]) if root_exact else None
            if starts is None and ex is None:
                continue
            sent = sents[i]
            # (node, next token index, last token used, token indices matched by a class)
            stack = [(node, i + 1, i, (i,) if is_cls else ()) for node, is_cls in starts or ()]
            if ex is not None:
                stack.append((ex, i + 1, i, ()))
            while stack:
                node, j, last, cls = stack.pop()
                if node.ends:
                    for entry, _flags in node.ends:
                        found.append(new(Match, (entry, i, last, tokens[i].start, tokens[last].end, sent, cls)))
                if not node.more or j >= n or sents[j] != sent:
                    continue
                tok = norms[j]
                nexts = node.index.get(tok)
                if nexts is not None:
                    for child, is_cls in nexts:
                        stack.append((child, j + 1, j, (*cls, j) if is_cls else cls))
                if node.exact:
                    exn = node.exact.get(lows[j])
                    if exn is not None:
                        stack.append((exn, j + 1, j, cls))
                if node.any is not None:
                    stack.append((node.any, j + 1, j, cls))
                if tok in fillers:
                    stack.append((node, j + 1, last, cls))
        if text:
            found.extend(self.find_regex(text))
        found.sort(key=_text_order)
        return _dedupe(found)

    def find_regex(self, text: str, bank: str | None = None) -> list[Match]:
        """Matches of the regex entries (time frames and the like) in ``text``, of one bank or all."""
        found = []
        lower = text.lower()
        same_spans = len(lower) == len(text)  # else spans of the lower case would not index ``text``
        for entry, twin in self._regex_lower:
            assert entry.regex is not None
            if bank is not None and entry.bank != bank:
                continue
            matches = twin.finditer(lower) if twin is not None and same_spans else entry.regex.finditer(text)
            for m in matches:
                found.append(Match(entry, -1, -1, m.start(), m.end(), -1))
        return found


def _text_order(m: Match) -> tuple[int, int]:
    return m.start, -m.end


def _dedupe(matches: list[Match]) -> list[Match]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for m in matches:
        key = (m.entry.id, m.start, m.end)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


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
