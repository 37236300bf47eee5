"""One pass over a text: masked text, tokens, sentences and every phrase-bank match.

Both sides (the customer's message and the agent's reply) start from a :class:`Scan`, so the
expensive part is done once per text and cached for repeated calls (the live coach re-judges the
same customer message on every keystroke).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from attune.config import get_settings
from attune.lexicon import Lexicon, load
from attune.matcher import Match
from attune.signoff import mask_quoted_and_signature
from attune.text import Sentence, Token, tokenize

_HEDGES = frozenset({"if", "not", "never", "no", "whether", "unless", "without"})


@dataclass(frozen=True)
class Scan:
    """A text read once: ``text`` is what evidence spans index into."""

    text: str
    masked: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    matches: tuple[Match, ...]
    by_bank: dict[str, tuple[Match, ...]]
    by_label: dict[tuple[str, str], tuple[Match, ...]]
    #: per sentence: its normalised words, in order, and its raw words in lower case
    sentence_words: tuple[tuple[str, ...], ...]
    sentence_raw: tuple[frozenset[str], ...]
    #: banks with regex entries, matched only when first asked for (most texts never need them)
    lazy: dict[str, Lexicon]

    def bank(self, name: str, label: str | None = None) -> tuple[Match, ...]:
        """Matches of a bank, or of one label in it, in text order."""
        if name in self.lazy:
            self._match_regexes(name)
        if label is None:
            return self.by_bank.get(name, ())
        return self.by_label.get((name, label), ())

    def _match_regexes(self, name: str) -> None:
        lexicon = self.lazy.pop(name)
        found = lexicon.matcher.find_regex(self.masked, name)
        if not found:
            return
        merged = _outermost(sorted((*self.by_bank.get(name, ()), *found), key=lambda m: (m.start, -m.end)))
        self.by_bank[name] = tuple(merged)
        for label in {m.entry.label for m in found}:
            self.by_label[(name, label)] = tuple(m for m in merged if m.entry.label == label)

    def affirmed(self, matches: tuple[Match, ...]) -> tuple[Match, ...]:
        """Matches not under a negation or a condition ("if you need to wait", "you don't need to")."""
        return tuple(m for m in matches if not _HEDGES.intersection(self.words_before(m, 3)))

    def words_before(self, match: Match, n: int = 3) -> list[str]:
        """The normalised words just before a match, within its sentence."""
        if match.first < 0:
            return []
        out = []
        for tok in self.tokens[max(0, match.first - n) : match.first]:
            if tok.sentence == match.sentence:
                out.append(tok.norm)
        return out


def scan(text: str, lexicon: Lexicon | None = None) -> Scan:
    """Scan already-checked text (see :func:`attune.text.check`)."""
    if lexicon is None:
        settings = get_settings()
        return _scan_cached(text, settings.strip_quoted, settings.strip_signature)
    return _scan(text, lexicon)


@lru_cache(maxsize=2048)
def _scan_cached(text: str, strip_quoted: bool, strip_signature: bool) -> Scan:
    del strip_quoted, strip_signature  # part of the cache key: masking reads them from the settings
    return _scan(text, load())


def _scan(text: str, lexicon: Lexicon) -> Scan:
    masked = mask_quoted_and_signature(text)
    tokens, sentences = tokenize(masked)
    matches = _outermost(lexicon.matcher.find(tokens))
    by_bank: dict[str, list[Match]] = defaultdict(list)
    by_label: dict[tuple[str, str], list[Match]] = defaultdict(list)
    for m in matches:
        by_bank[m.entry.bank].append(m)
        by_label[(m.entry.bank, m.entry.label)].append(m)
    words: list[list[str]] = [[] for _ in sentences]
    raws: list[set[str]] = [set() for _ in sentences]
    for t in tokens:
        words[t.sentence].append(t.norm)
        raws[t.sentence].add(t.low)
    return Scan(
        text=text,
        masked=masked,
        tokens=tuple(tokens),
        sentences=tuple(sentences),
        matches=tuple(matches),
        by_bank={k: tuple(v) for k, v in by_bank.items()},
        by_label={k: tuple(v) for k, v in by_label.items()},
        sentence_words=tuple(tuple(w) for w in words),
        sentence_raw=tuple(frozenset(r) for r in raws),
        lazy=dict.fromkeys(lexicon.matcher.regex_banks, lexicon),
    )


def _outermost(matches: list[Match]) -> list[Match]:
    """Matches sorted by start, longest first, without those inside an earlier one of the same
    label ("as per our policy" is one piece of jargon, not also "as per")."""
    reach: dict[tuple[str, str], int] = {}
    kept: list[Match] = []
    for m in matches:
        key = (m.entry.bank, m.entry.label)
        if m.end <= reach.get(key, -1):
            continue
        reach[key] = max(m.end, reach.get(key, -1))
        kept.append(m)
    return kept
