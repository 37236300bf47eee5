"""Streaming JSON records: any chunking gives the same records, lines and issues; bad stretches are
reported and skipped, never silently."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attune.qa.jsonstream import JsonRecords, repair_text, sniff_encoding
from attune.qa.model import Issue

TICKETS = [{"id": i, "comments": [{"body": "x" * i, "n": 12345}], "note": "ünïcode"} for i in range(6)]


def read(data: str | bytes, chunk: int = 7, keys: tuple[str, ...] = ("tickets",)) -> tuple[list[Any], list[Issue]]:
    issues: list[Issue] = []
    raw = io.BytesIO(data.encode() if isinstance(data, str) else data)
    records = JsonRecords(
        raw,
        "f.json",
        keys=keys,
        is_record=lambda v: isinstance(v, dict) and "id" in v,
        on_issue=issues.append,
        chunk=chunk,
    )
    return [(r.value["id"], r.line, r.path) for r in records], issues


SHAPES = {
    "array": json.dumps(TICKETS, indent=2),
    "page": json.dumps({"count": 6, "tickets": TICKETS, "next_page": None}, indent=1),
    "compact page": json.dumps({"tickets": TICKETS}),
    "jsonl": "\n".join(json.dumps(t) for t in TICKETS) + "\n",
    "pages": "\n".join(json.dumps({"tickets": TICKETS[i : i + 2]}) for i in range(0, 6, 2)),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_every_shape_gives_every_record(shape: str) -> None:
    records, issues = read(SHAPES[shape], chunk=1 << 20)
    assert [r[0] for r in records] == list(range(6))
    assert issues == []


def test_lines_are_where_each_record_starts() -> None:
    text = SHAPES["array"]
    records, _ = read(text)
    lines = text.splitlines()
    for _, line, _ in records:
        assert lines[line - 1].strip() == "{"


@settings(max_examples=60, deadline=None)
@given(chunk=st.integers(min_value=1, max_value=300), shape=st.sampled_from(sorted(SHAPES)))
def test_chunking_never_changes_the_result(chunk: int, shape: str) -> None:
    assert read(SHAPES[shape], chunk) == read(SHAPES[shape], 1 << 20)


def test_a_malformed_record_is_reported_and_the_rest_are_read() -> None:
    bad = SHAPES["array"].replace('"id": 2', '"id": 2,,')
    clean, _ = read(SHAPES["array"])
    for chunk in (1, 5, 64, 1 << 20):
        records, issues = read(bad, chunk)
        assert [r[0] for r in records] == [0, 1, 3, 4, 5]
        assert len(issues) == 1
        assert issues[0].line == clean[2][1]  # the line where record 2 starts
        assert "malformed JSON" in issues[0].reason and "resumes" in issues[0].reason


def test_truncated_json_reports_the_incomplete_record() -> None:
    text = SHAPES["page"]
    cut = text.index('"id": 3') + 4
    for chunk in (3, 1 << 20):
        records, issues = read(text[:cut], chunk)
        assert [r[0] for r in records] == [0, 1, 2]
        assert len(issues) == 1 and "truncated" in issues[0].reason
        assert issues[0].record == "tickets[3]"


@pytest.mark.parametrize("broken", ['{"id": 1, ', '{"id": 1, "t": "abc', "garbage", '{"id": 1 "x": 2}'])
def test_a_bad_jsonl_line_costs_that_line_only(broken: str) -> None:
    lines = [json.dumps(t) for t in TICKETS]
    lines[1] = broken
    records, issues = read("\n".join(lines))
    assert [r[0] for r in records] == [0, 2, 3, 4, 5]
    assert [i.line for i in issues] == [2]


def test_a_value_that_is_not_a_record_is_reported() -> None:
    records, issues = read('[{"id": 1}, 42, {"name": "no id"}, {"id": 2}]')
    assert [r[0] for r in records] == [1, 2]
    assert [i.record for i in issues] == ["[1]", "[2]"]


def test_bytes_that_are_not_utf8_survive_as_surrogates_and_are_repaired() -> None:
    issues: list[Issue] = []
    raw = io.BytesIO(b'[{"id": 1, "body": "caf\xe9 cr\xe8me"}]')
    records = list(JsonRecords(raw, "f", keys=(), is_record=lambda v: True, on_issue=issues.append))
    assert repair_text(records[0].value["body"]) == ("café crème", True)


def test_utf16_with_a_byte_order_mark() -> None:
    data = "\ufeff".encode("utf-16-le") + json.dumps(TICKETS).encode("utf-16-le")
    assert sniff_encoding(data[:4]) == ("utf-16-le", 2)
    records, issues = read(data)
    assert len(records) == 6 and issues == []


def test_not_json_at_all_is_one_issue() -> None:
    records, issues = read("hello, world")
    assert records == [] and len(issues) == 1
