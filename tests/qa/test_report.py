"""The demo report: self-contained, readable, and drawn by a real headless browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from attune.qa.demo import demo_paths
from attune.qa.pipeline import QAOptions, QARun, run_qa

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> QARun:
    return run_qa(demo_paths()[:1], tmp_path_factory.mktemp("demo"), QAOptions(workers=1, title="Demo"))


def test_the_demo_covers_every_situation_and_stance(demo: QARun) -> None:
    from attune.taxonomy import STANCES

    assert demo.summary["import"]["conversations"] >= 190
    assert all(demo.summary["overall"]["stances"][s] > 0 for s in STANCES)
    situations = set(demo.summary["conversations"]["situations"])
    assert {"delay", "billing_error", "bereavement", "praise", "repeat_contact", "account_access"} <= situations
    # Two agents of the sample tire over a shift; whether the signal clears the noise depends on the
    # core's scores, so the test asks only that their days were judged.
    assert all(demo.summary["agents"][name]["fatigue"]["days_judged"] >= 2 for name in ("Morgan Lee", "Ana Costa"))
    assert demo.summary["conversations"]["promises"]["broken"] + demo.summary["conversations"]["promises"]["late"] > 0


def test_the_report_is_self_contained(demo: QARun) -> None:
    html = demo.files["report_html"].read_text(encoding="utf-8")
    links = set(re.findall(r"(?:src|href)=\"([^\"#][^\"]*)\"", html))
    assert links == set()  # no script, style, font or image is loaded from anywhere
    assert set(re.findall(r"https?://[^\s\"']+", html)) <= {"http://www.w3.org/2000/svg"}
    for name in demo.summary["agents"]:
        assert name in html
    assert html.count('<svg class="chart"') >= 20
    assert '<mark class="good"' in html and "Replies to coach" in html


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium)")
def test_a_headless_browser_draws_every_chart(demo: QARun, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    url = demo.files["report_html"].resolve().as_uri()
    dom = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    body = re.search(r"<body[^>]*>", dom)
    assert body, dom[:500]
    attrs = dict(re.findall(r'data-([\w-]+)="(\d+)"', body.group()))
    assert int(attrs["charts"]) >= 20
    assert int(attrs["charts-visible"]) >= 10
    assert attrs["charts-drawn"] == attrs["charts-visible"]  # every visible chart has a size and shapes
    assert "Agent scorecards" in dom and "Fairness" in dom

    shot = tmp_path / "report.png"
    subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile2'}",
            "--window-size=1280,2400",
            f"--screenshot={shot}",
            url,
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 50_000  # a page of charts and text, not a blank image
