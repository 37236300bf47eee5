"""Phrase banks: the pattern language, validation errors, and the packaged data."""

from __future__ import annotations

import json

import pytest

from attune.errors import DataFileError
from attune.lexicon import alternative, load, load_classes, parse_bank
from attune.matcher import Matcher, expand
from attune.scan import scan
from attune.text import tokenize


def _bank(*entries: dict[str, object]) -> list[str]:
    head = {"bank": "demo", "version": 1, "description": "test bank"}
    return [json.dumps(head), *(json.dumps(e) for e in entries)]


def test_expand_handles_alternatives_options_and_contractions() -> None:
    found = {tuple(x) for x in expand("(hi|hello) [there] you're")}
    assert found == {
        ("hi", "you", "are"),
        ("hello", "you", "are"),
        ("hi", "there", "you", "are"),
        ("hello", "there", "you", "are"),
    }


@pytest.mark.parametrize("pattern", ["(open", "a)", "x | y", "sorry?", "(a|)"])
def test_bad_patterns_are_rejected(pattern: str) -> None:
    with pytest.raises(ValueError):
        expand(pattern)


def test_bank_errors_name_file_line_and_field() -> None:
    lines = _bank({"pattern": "fine", "label": "x"}, {"pattern": "oops (", "label": "x"})
    with pytest.raises(DataFileError, match=r"demo.jsonl:3 -> pattern"):
        parse_bank(lines, where="demo.jsonl")
    with pytest.raises(DataFileError, match=r"demo.jsonl:2 -> weight"):
        parse_bank(_bank({"pattern": "x", "label": "x", "weight": 3}), where="demo.jsonl")
    with pytest.raises(DataFileError, match=r"demo.jsonl:2 -> .*exactly one"):
        parse_bank(_bank({"label": "x"}), where="demo.jsonl")
    with pytest.raises(DataFileError, match="empty"):
        parse_bank([], where="demo.jsonl")


def test_alt_group_references_are_checked() -> None:
    ok = {"regex": r"\bper (?P<rest>our policy)\b", "label": "x", "alt": r"under \g<rest>"}
    parse_bank(_bank(ok), where="demo.jsonl")
    with pytest.raises(DataFileError, match=r"demo.jsonl:2 -> .*only a 'regex' entry"):
        parse_bank(_bank({"pattern": "per our policy", "label": "x", "alt": r"under \g<rest>"}), where="demo.jsonl")
    with pytest.raises(DataFileError, match=r"demo.jsonl:2 -> .*\\g<noun>"):
        parse_bank(_bank({**ok, "alt": r"under \g<noun>"}), where="demo.jsonl")


def test_alternative_fills_groups_from_the_text_as_written() -> None:
    _, entries = parse_bank(
        _bank({"regex": r"\bper (?P<rest>(?:our|the) (?:policy|terms))\b", "label": "x", "alt": r"under \g<rest>"}),
        where="t",
    )
    matcher = Matcher(entries, load_classes({}))
    text = "Refunds: Per The Terms, 10 days."
    (m,) = matcher.find_regex(text)
    assert alternative(m, text) == "under The Terms"


def test_an_inner_match_of_the_same_label_is_not_counted_twice() -> None:
    jargon = scan("As per our policy, refunds take 10 business days.").bank("tone", "jargon")
    assert [m.entry.alt for m in jargon] == [r"under \g<rest>"]


def _find(patterns: list[str], text: str, classes: dict[str, list[str]] | None = None) -> list[str]:
    _, entries = parse_bank(_bank(*({"pattern": p, "label": p} for p in patterns)), where="t")
    matcher = Matcher(entries, load_classes(classes or {}))
    tokens, _ = tokenize(text)
    return [text[m.start : m.end] for m in matcher.find(tokens, text)]


def test_matching_tolerates_case_contractions_fillers_and_typos() -> None:
    assert _find(["i am sorry"], "IM SO SORY about that") == ["IM SO SORY"]
    assert _find(["i am sorry"], "I'm truly sorry") == ["I'm truly sorry"]


def test_matches_never_cross_a_sentence() -> None:
    assert _find(["sorry but"], "I'm sorry. But wait") == []
    assert _find(["sorry but"], "I'm sorry, but wait") == ["sorry, but"]


def test_classes_wildcards_and_exact_words() -> None:
    assert _find(["that is <feel>"], "that's annoying", {"feel": ["annoying"]}) == ["that's annoying"]
    assert _find(["thanks for *"], "thanks for waiting") == ["thanks for waiting"]
    assert _find(["=kindly"], "thanks for the kind words") == []
    assert _find(["=kindly"], "Kindly reply") == ["Kindly"]


def test_packaged_data_loads_and_every_bank_has_entries() -> None:
    lex = load()
    expected = {
        "emotions",
        "situations",
        "signals",
        "validation",
        "sympathy",
        "apology",
        "understanding",
        "exploration",
        "ownership",
        "action",
        "expectation",
        "tone",
        "apathy",
        "greeting",
        "closing",
    }
    assert expected <= set(lex.banks)
    assert all(lex.banks[name] for name in expected)
    ids = [e.id for entries in lex.banks.values() for e in entries]
    assert len(ids) == len(set(ids))
    assert all(e.alt is not None for e in lex.bank("tone") if e.label == "jargon")


def test_statements_cover_every_situation_five_times() -> None:
    from attune.respond.statements import statement_bank
    from attune.taxonomy import SITUATIONS

    bank = statement_bank()
    for situation in SITUATIONS:
        assert sum(situation in st["situations"] for st in bank) >= 5, situation


@pytest.mark.parametrize(
    "text",
    ["I'll have it fixed BY TOMORROW.", "I'll have it fixed by tomorrow.", "İstanbul team: fixed WITHIN 2 DAYS."],
)
def test_regex_entries_match_in_any_case_and_their_spans_index_the_text(text: str) -> None:
    found = load().matcher.find_regex(text)
    assert any(text[m.start : m.end].lower().startswith(("by ", "within ")) for m in found), text
    for m in found:  # the last text lower-cases to another length: spans must still fit the original
        assert m.entry.regex is not None and m.entry.regex.fullmatch(text[m.start : m.end])
