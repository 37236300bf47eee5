"""The ``attune`` command line: JSON and readable output, input forms, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from attune import __version__, cli, cli_inputs
from attune.errors import DataFileError

CUSTOMER = "I was charged twice for order #4521 and nobody answers! Thanks, Priya"
REPLY = "Sorry for any inconvenience. Please be advised that refunds take 5-7 days."

runner = CliRunner()


def invoke(*args: str, input: str | bytes | None = None) -> Result:
    return runner.invoke(cli.app, list(args), input=input)


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("args", "keys"),
    [
        (["analyze", CUSTOMER], {"text", "emotions", "situations", "urgency", "evidence"}),
        (
            ["assess", REPLY, "--customer", CUSTOMER],
            {"text", "stance", "stance_scores", "score", "dimensions", "evidence", "customer"},
        ),
        (["rewrite", REPLY, "--customer", CUSTOMER], {"original", "text", "edits"}),
        (["draft", CUSTOMER, "--agent-name", "Sam"], {"text", "elements", "placeholders"}),
    ],
)
def test_json_output_is_the_results_to_dict(args: list[str], keys: set[str]) -> None:
    data = as_json(invoke(*args, "--json"))
    assert keys <= set(data)


def test_suggest_json_is_a_list_of_suggestions() -> None:
    data = as_json(invoke("suggest", CUSTOMER, "--reply", REPLY, "-n", "2", "--json"))
    assert isinstance(data, list)
    assert len(data) == 2
    assert {"text", "situation", "practice", "score", "source", "reason"} <= set(data[0])


def test_json_keeps_non_ascii_text() -> None:
    result = invoke("analyze", "Mein Paket ist nicht da, schon zwei Wochen! Grüße", "--json")
    assert "Grüße" in result.stdout


def test_assess_json_dimensions_and_customer_name() -> None:
    data = as_json(
        invoke(
            "assess",
            "Hi Maya, I've refunded it.",
            "--customer",
            "Refund?",
            "--customer-name",
            "Maya",
            "--json",
        )
    )
    assert len(data["dimensions"]) == 10
    assert data["dimensions"]["personalization"]["applicable"] is True


def test_file_input_matches_inline(tmp_path: Path) -> None:
    path = tmp_path / "customer.txt"
    path.write_text(CUSTOMER, encoding="utf-8")
    from_file = as_json(invoke("analyze", f"@{path}", "--json"))
    inline = as_json(invoke("analyze", CUSTOMER, "--json"))
    assert from_file == inline


def test_options_take_files_too(tmp_path: Path) -> None:
    path = tmp_path / "customer.txt"
    path.write_text(CUSTOMER, encoding="utf-8")
    data = as_json(invoke("assess", REPLY, "--customer", f"@{path}", "--json"))
    assert data["customer"]["text"] == CUSTOMER


@pytest.mark.parametrize("args", [["analyze", "-"], ["analyze"]])
def test_stdin_input_explicit_or_by_default(args: list[str]) -> None:
    data = as_json(invoke(*args, "--json", input=CUSTOMER))
    assert data["text"] == CUSTOMER


def test_stdin_feeds_an_option() -> None:
    data = as_json(invoke("assess", REPLY, "--customer", "-", "--json", input=CUSTOMER))
    assert data["customer"]["text"] == CUSTOMER


def test_double_at_is_literal_text() -> None:
    data = as_json(invoke("analyze", "@@acme my order is late", "--json"))
    assert data["text"] == "@acme my order is late"


@pytest.mark.parametrize(
    "args",
    [["analyze", ""], ["analyze", "   "], ["assess", "", "--customer", CUSTOMER]],
)
def test_empty_text_exits_2_with_the_error_code(args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "error: [E101]" in result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""


def test_missing_file_exits_2_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = invoke("analyze", f"@{missing}")
    assert result.exit_code == 2
    assert "[E100]" in result.stderr
    assert str(missing) in result.stderr


def test_invalid_utf8_file_exits_2_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Grüße, mein Paket fehlt".encode("latin-1"))
    result = invoke("analyze", f"@{path}")
    assert result.exit_code == 2
    assert "[E104]" in result.stderr
    assert str(path) in result.stderr


def test_only_one_text_can_come_from_stdin() -> None:
    result = invoke("assess", "-", "--customer", "-", input=CUSTOMER)
    assert result.exit_code == 2
    assert "[E300]" in result.stderr


def test_usage_errors_of_the_library_exit_2() -> None:
    result = invoke("suggest", CUSTOMER, "-n", "0")
    assert result.exit_code == 2
    assert "[E300]" in result.stderr


@pytest.mark.parametrize("fact", ["nokey", "colour=blue"])
def test_bad_facts_exit_2(fact: str) -> None:
    result = invoke("draft", CUSTOMER, "--fact", fact)
    assert result.exit_code == 2
    assert "[E300]" in result.stderr


def test_data_file_errors_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise DataFileError("emotions.v1.jsonl:3 -> weight: must be <= 1")

    monkeypatch.setattr(cli, "_analyze", broken)
    result = invoke("analyze", CUSTOMER)
    assert result.exit_code == 3
    assert result.stderr.startswith("error: [E200] emotions.v1.jsonl:3")


def test_unexpected_errors_exit_1_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "_analyze", broken)
    result = invoke("analyze", CUSTOMER)
    assert result.exit_code == 1
    assert "error: unexpected RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.output


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"attune {__version__}"


def test_help_documents_exit_codes() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    assert "Exit codes" in result.stdout
    for command in ("analyze", "assess", "suggest", "rewrite", "draft"):
        assert command in result.stdout


def test_readable_assess_shows_stance_score_and_checklist() -> None:
    result = invoke("assess", REPLY, "--customer", CUSTOMER)
    assert result.exit_code == 0, result.output
    stance = as_json(invoke("assess", REPLY, "--customer", CUSTOMER, "--json"))["stance"]
    assert f"Stance: {stance}" in result.stdout
    assert "/ 100" in result.stdout
    assert "emotional_reaction" in result.stdout
    assert "Sorry for any inconvenience" in result.stdout


def test_readable_analyze_shows_emotions_and_legend() -> None:
    result = invoke("analyze", CUSTOMER)
    assert result.exit_code == 0, result.output
    for word in ("frustration", "billing_error", "urgency", "Priya", '"charged twice"'):
        assert word in result.stdout


def test_readable_views_of_the_other_commands() -> None:
    suggested = invoke("suggest", CUSTOMER, "-n", "2")
    assert suggested.exit_code == 0, suggested.output
    assert suggested.stdout.startswith("1. ")
    assert "\n2. " in suggested.stdout
    rewritten = invoke("rewrite", REPLY)
    assert rewritten.exit_code == 0, rewritten.output
    assert "Edits" in rewritten.stdout
    drafted = invoke("draft", CUSTOMER)
    assert drafted.exit_code == 0, drafted.output
    assert "Placeholders to fill" in drafted.stdout


def test_fact_fills_a_draft_placeholder() -> None:
    before = as_json(invoke("draft", CUSTOMER, "--json"))
    after = as_json(
        invoke(
            "draft",
            CUSTOMER,
            "--fact",
            "when=Friday",
            "--fact",
            "action=refunded the second charge",
            "--json",
        )
    )
    assert "[[when the next step happens]]" in before["placeholders"]
    assert "[[when the next step happens]]" not in after["placeholders"]
    assert "Friday" in after["text"]
    assert "refunded the second charge" in after["text"]


def test_read_text_forms(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffhello".encode())
    assert cli_inputs.read_text(f"@{path}") == "hello"
    assert cli_inputs.read_text("plain") == "plain"
    assert cli_inputs.parse_facts(["when = Friday"]) == {"when": "Friday"}


def test_a_bad_setting_names_the_variable_and_exits_as_a_usage_error() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "ATTUNE_TIER": "neurall"}
    proc = subprocess.run(
        [sys.executable, "-m", "attune.cli", "analyze", "my order is late"], env=env, capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "ATTUNE_TIER='neurall'" in proc.stderr and "rules|learned|neural" in proc.stderr
    assert "bug" not in proc.stderr
