"""The README stays true: its commands exist and its Python example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from attune.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    commands = [line for line in blocks[0].splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[1].endswith("python -m pytest")
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npython -m pytest" in ci


def test_every_cli_command_is_documented_in_the_readme() -> None:
    group = typer.main.get_group(app)
    for name in group.commands:
        assert f"attune {name}" in README, f"`attune {name}` is not in the README"


def test_python_example_runs_and_its_results_hold() -> None:
    code = re.findall(r"```python\n(.*?)```", README, re.S)[0]
    root = Path(__file__).resolve().parents[1]
    namespace: dict[str, object] = {}
    cwd = Path.cwd()
    import os

    os.chdir(root)
    try:
        exec(compile(code, "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    a = namespace["a"]
    r = namespace["r"]
    for line in code.splitlines():
        m = re.match(r"(\S.*?)\s+# (.+)$", line)
        if m and not line.startswith(("customer", "#")) and "Evidence" not in m.group(2):
            expr, expected = m.group(1), m.group(2)
            if expr.startswith(("a.", "r.")):
                assert repr(eval(expr, {"a": a, "r": r})) == expected, expr
