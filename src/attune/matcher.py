"""Matching phrase-bank entries in a text: every pattern entry of every bank in one token trie,
and the regex entries on the text, so one pass finds every match.

Pattern syntax, matched within one sentence on normalised tokens (lower case, contractions
expanded, stemmed, so "I'm", "Im" and "I am" are one pattern, as are "frustrated" and
"frustrating"):

- ``word``: the word, any inflection; ``(a b|c)``: alternatives; ``[a|b c]``: optional;
- ``*``: any one word; ``<class>``: any word of a class in ``classes.json``;
- ``=word``: exactly this word, not stemmed ("=kindly" leaves "kind" alone).

Intensifiers ("really", "so", "very" ...) between pattern words are skipped when matching.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from attune.errors import DataFileError
from attune.text import Token, normalise_word


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
