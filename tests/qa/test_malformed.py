"""A malformed export yields the per-row report and the scores of every good row: no good row is
lost, and every bad one is named with its file, line, field and reason."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from attune.qa import exports
from attune.qa.model import Conversation
from attune.qa.output import read_table
from attune.qa.pipeline import QAOptions, run_qa

#: Columns that identify and score a turn; ``line`` and ``source`` change with the file.
SCORED = ("conversation_id", "turn", "agent", "score", "stance", "p_empathy", "dim_action", "dim_tone", "evidence")


def scored(out: Path) -> dict[str, list[tuple[Any, ...]]]:
    by_conversation: dict[str, list[tuple[Any, ...]]] = {}
    for row in read_table(out / "turns.parquet"):
        by_conversation.setdefault(row["conversation_id"], []).append(tuple(row[c] for c in SCORED))
    return by_conversation


def issues(out: Path) -> list[dict[str, str]]:
    with (out / "issues.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def run(paths: list[Path], out: Path) -> Path:
    run_qa(paths, out, QAOptions(workers=1, report=False))
    return out


def csv_lines(convs: list[Conversation]) -> list[str]:
    buffer = io.StringIO()
    exports.write_csv(iter(convs), buffer)
    return buffer.getvalue().splitlines(keepends=True)


def test_bad_rows_and_wrong_encoding_in_a_csv_lose_no_good_row(tmp_path: Path, sample: list[Conversation]) -> None:
    lines = csv_lines(sample)
    clean = tmp_path / "clean.csv"
    clean.write_text("".join(lines), encoding="utf-8")
    expected = scored(run([clean], tmp_path / "clean"))

    # Corrupt one row in each of five conversations, each a different way (line numbers are 1-based).
    rows = list(csv.reader(io.StringIO("".join(lines))))
    starts = {}
    physical = 2
    for i, row in enumerate(rows[1:], start=1):
        starts.setdefault(row[0], (i, physical))
        physical += 1 + lines[physical - 1].count("\n") - 1  # rows here have no embedded newlines
    victims = [c.id for c in sample[3:28:5]]
    bad_lines: dict[int, str] = {}
    data = [line.encode("utf-8") for line in lines]
    for how, cid in zip(("role", "fields", "empty", "nul", "encoding"), victims, strict=True):
        index = starts[cid][0] + 1  # the conversation's second row: an agent reply
        row = rows[index]
        if how == "role":
            row = [row[0], "robot", *row[2:]]
        elif how == "fields":
            row = [*row, "surplus"]
        elif how == "empty":
            row = [*row[:5], "   ", *row[6:]]
        elif how == "nul":
            row = [*row[:5], row[5] + "\x00", *row[6:]]
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(row)
        encoded = buffer.getvalue().encode("utf-8")
        if how == "encoding":
            encoded = buffer.getvalue().replace("Hi ", "Hé ", 1).encode("cp1252", errors="replace")
        data[index] = encoded
        bad_lines[index + 1] = how
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"".join(data) + b"this line is not a row at all\n")

    got = scored(run([broken], tmp_path / "broken"))
    report = issues(tmp_path / "broken")

    # Every conversation without a bad row is scored exactly as in the clean file.
    for cid, turns in expected.items():
        if cid not in victims:
            assert got[cid] == turns, cid
    # Conversations with a bad row keep every other turn (the repaired one is kept too).
    conversations = {r["conversation_id"] for r in read_table(tmp_path / "broken" / "conversations.parquet")}
    for cid in victims:
        assert cid in conversations
        assert len(got.get(cid, [])) >= len(expected[cid]) - 1
    # Each bad row is in the report with its line, field and reason.
    reported = {int(i["line"]): i for i in report if i["line"]}
    for line, how in bad_lines.items():
        assert line in reported, (line, how, report)
        assert reported[line]["reason"]
    assert reported[max(bad_lines) if bad_lines else 0]["file"].endswith("broken.csv")
    assert any(i["severity"] == "warning" and "UTF-8" in i["reason"] for i in report)
    assert any(i["field"] == "role" for i in report)


def test_malformed_and_truncated_json_lose_no_good_ticket(tmp_path: Path, sample: list[Conversation]) -> None:
    clean = tmp_path / "clean.json"
    with clean.open("w", encoding="utf-8") as out:
        exports.write_zendesk(iter(sample), out)
    expected = scored(run([clean], tmp_path / "clean"))

    text = clean.read_text(encoding="utf-8")
    page = json.loads(text)
    tickets = page["tickets"]
    victim = str(tickets[10]["id"])
    # A syntax error inside ticket 10, then the file cut off in the middle of the last ticket.
    marker = f'"id": {json.dumps(tickets[10]["id"])}, "subject"'
    assert marker in text
    broken_text = text.replace(marker, marker.replace(",", ",,", 1))
    last = broken_text.index(f'"id": {json.dumps(tickets[-1]["id"])}, "subject"')
    broken = tmp_path / "broken.json"
    broken.write_text(broken_text[: last + 200], encoding="utf-8")

    got = scored(run([broken], tmp_path / "broken"))
    report = issues(tmp_path / "broken")
    lost = {victim, str(tickets[-1]["id"])}
    for cid, turns in expected.items():
        if cid not in lost:
            assert got[cid] == turns, cid
    assert lost.isdisjoint(got)
    reasons = " | ".join(i["reason"] for i in report)
    assert "malformed JSON" in reasons and "truncated" in reasons
    assert all(i["line"] and i["file"].endswith("broken.json") for i in report)


@pytest.mark.parametrize("shape", ["csv", "zendesk"])
def test_summary_counts_match_the_tables(tmp_path: Path, sample: list[Conversation], shape: str) -> None:
    path = tmp_path / f"export.{'csv' if shape == 'csv' else 'json'}"
    with path.open("w", encoding="utf-8", newline="") as out:
        exports.WRITERS[shape](iter(sample), out)
    result = run_qa([path], tmp_path / "out", QAOptions(workers=1, report=False))
    summary = result.summary
    assert summary["import"]["conversations"] == len(sample)
    assert summary["import"]["messages"] == sum(len(c.messages) for c in sample)
    assert summary["overall"]["turns"] == len(read_table(tmp_path / "out" / "turns.parquet"))
    with (tmp_path / "out" / "turns.csv").open(encoding="utf-8") as f:
        assert sum(1 for _ in csv.DictReader(f)) == summary["overall"]["turns"]
    assert summary["overall"]["turns"] == sum(1 for c in sample for m in c.messages if m.role == "agent")
