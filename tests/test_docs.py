"""The README stays true: its commands exist and run, and its Python example runs as written."""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer.main

from attune.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", README, re.S)
    return [line for line in blocks[0].splitlines() if line and not line.startswith("#")]


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[1].endswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npython -m pytest" in ci


def test_readme_main_command_serves_the_live_coach_with_the_key_it_prints(tmp_path: Path) -> None:
    """Run the README's main command (after its set-up steps) as a real process, and follow what it prints."""
    httpx = pytest.importorskip("httpx")
    pytest.importorskip("fastapi", reason="needs the server extra: pip install -e '.[server]'")
    steps = readme_commands()[0].split(" && ")
    assert "pip install -e '.[server]'" in steps, "the main command must install the server extra"
    argv = shlex.split(steps[-1])
    assert argv[:2] == ["attune", "serve"], steps[-1]
    script = Path(sys.executable).with_name("attune")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "attune.cli"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # A fresh directory, as in a fresh clone: the default SQLite file attune.db is created there.
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATTUNE_")}
    env.update(ATTUNE_PORT=str(port), PYTHONUNBUFFERED="1", NO_COLOR="1")
    out = tmp_path / "out.txt"
    with out.open("wb") as sink:
        proc = subprocess.Popen([*command, *argv[1:]], cwd=tmp_path, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        printed = ""
        while time.monotonic() < deadline:
            assert proc.poll() is None, out.read_text(encoding="utf-8")
            printed = out.read_text(encoding="utf-8")
            if re.search(r"att_\S+", printed):
                break
            time.sleep(0.2)
        url = re.search(r"open (http://\S+)/login", printed)
        key = re.search(r"^\s+(att_[A-Za-z0-9_-]+)$", printed, re.M)
        assert url and key, printed
        assert url.group(1) == f"http://localhost:{port}"
        assert str(tmp_path / "attune.db") in printed
        base = f"http://127.0.0.1:{port}"
        while time.monotonic() < deadline:
            assert proc.poll() is None, out.read_text(encoding="utf-8")
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            raise AssertionError("not ready: " + out.read_text(encoding="utf-8"))

        with httpx.Client(base_url=base, timeout=30, follow_redirects=True) as browser:
            assert "API key" in browser.get("/login").text
            coach = browser.post("/login", data={"key": key.group(1)})
            assert coach.status_code == 200 and coach.url.path == "/coach"
            assert "Live coach" in coach.text and "charged twice" in coach.text  # the sample message
            assert "/static/coach.js" in coach.text and browser.get("/static/coach.js").status_code == 200
            listed = browser.get("/conversations").text
            assert "Charged twice for March" in listed and "Parcel two weeks late" in listed
        judged = httpx.post(
            f"{base}/v1/assess",
            headers={"Authorization": f"Bearer {key.group(1)}"},
            json={"reply": "Sorry for the inconvenience.", "customer": "I was charged twice!"},
            timeout=30,
        )
        assert judged.status_code == 200, judged.text
        assert judged.json()["stance"] in {"empathy", "sympathy", "neutral", "apathy"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode in (0, -15), out.read_text(encoding="utf-8")


def test_every_cli_command_is_documented_in_the_readme() -> None:
    group = typer.main.get_group(app)
    for name in group.commands:
        assert f"attune {name}" in README, f"`attune {name}` is not in the README"


def test_python_example_runs_and_its_results_hold() -> None:
    code = re.findall(r"```python\n(.*?)```", README, re.S)[0]
    namespace: dict[str, object] = {}
    cwd = Path.cwd()
    os.chdir(ROOT)
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


def test_cli_examples_print_what_the_readme_shows() -> None:
    """Each ``$ attune ...`` example of the README's first console block, run as a user would
    (no colour, 110 columns), prints exactly the lines shown under it."""
    from typer.testing import CliRunner

    block = re.findall(r"```console\n(.*?)```", README, re.S)[0]
    examples = re.findall(r"^\$ (attune [^\n]*)\n(.*?)(?=^\$ |\Z)", block, re.S | re.M)
    assert len(examples) >= 3
    runner = CliRunner()
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        for command, shown in examples:
            args, _, jq = command.partition(" | jq -r ")
            result = runner.invoke(app, shlex.split(args)[1:], env={"NO_COLOR": "1", "COLUMNS": "110"})
            assert result.exit_code == 0, (command, result.output)
            printed = result.output
            if jq:  # `--json | jq -r .field`
                import json

                printed = json.loads(printed)[jq.strip().lstrip(".")] + "\n"
            got = [line.rstrip() for line in printed.strip("\n").splitlines()]
            want = [line.rstrip() for line in shown.strip("\n").splitlines()]
            assert got == want, command
    finally:
        os.chdir(cwd)
