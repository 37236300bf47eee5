"""``attune qa`` on the command line: the demo, JSON output, and errors as exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from attune import cli

runner = CliRunner()


def test_demo_writes_the_report_and_tables(tmp_path: Path) -> None:
    out = tmp_path / "qa"
    result = runner.invoke(cli.app, ["qa", "--demo", "--out", str(out), "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["import"]["conversations"] >= 190
    for name in ("report.html", "turns.parquet", "turns.csv", "conversations.csv", "issues.csv", "summary.json"):
        assert (out / name).is_file(), name


def test_readable_summary(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["qa", "--demo", "--out", str(tmp_path), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "replies scored" in result.stdout and "report.html" in result.stdout


def test_a_file_that_is_not_an_export_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["qa", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "[E130]" in result.stderr and "conversation_id, role and text" in result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    for args in (["qa"], ["qa", "--demo", "--engine", "spark"], ["qa", "--demo", "--scheduler", "tcp://x:8786"]):
        result = runner.invoke(cli.app, [*args, "--out", str(tmp_path)])
        assert result.exit_code == 2, args
        assert result.stderr.startswith("error: [E3"), result.stderr


def test_every_option_is_documented() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "qa.md").read_text(encoding="utf-8")
    command = next(c for c in cli.app.registered_commands if c.callback and c.callback.__name__ == "qa")
    import typer.main

    params = typer.main.get_command_from_info(command, pretty_exceptions_short=True, rich_markup_mode=None).params
    for param in params:
        for flag in param.opts:
            if flag.startswith("--"):
                assert flag in docs, f"{flag} is not in docs/qa.md"
