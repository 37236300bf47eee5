"""The web UI in Debian's headless chromium, driven by Playwright against ``attune serve --demo``."""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from attune import assess

from .conftest import ARTIFACTS, LiveServer, start_server, stop_server

sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (the test extra)")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium: apt-get install chromium"),
]

CUSTOMER = "Hi, I was charged twice for my March subscription and nobody answered my emails. Priya"
COLD = "Sorry for the inconvenience."
WARM = (
    " Hi Priya, I can see why being charged twice is frustrating. I've refunded the second charge myself,"
    " and you'll see it on your statement by Friday. Is there anything else I can help with today?"
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str]]:
    tmp = tmp_path_factory.mktemp("browser")
    server = start_server(f"sqlite:///{tmp / 'attune.db'}", tmp, "--demo")
    key = re.search(r"att_[A-Za-z0-9_-]+", server.log.read_text(encoding="utf-8"))
    assert key, "attune serve --demo printed no key"
    yield server, key.group()
    stop_server(server)


@pytest.fixture(scope="module")
def browser() -> Iterator[sync_api.Browser]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: sync_api.Browser, demo: tuple[LiveServer, str]) -> Iterator[sync_api.Page]:
    server, key = demo
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, base_url=server.base)
    page = context.new_page()
    page.goto("/login")
    page.fill("#key", key)
    page.press("#key", "Enter")
    page.wait_for_url("**/coach")
    yield page
    context.close()


def judged(page: sync_api.Page, reply: str) -> int:
    """Wait until the page shows the verdict of ``reply``; return the score it shows."""
    page.wait_for_function("t => document.getElementById('highlight').textContent === t", arg=reply.strip())
    return int(page.text_content("#score") or "-1")


def test_sign_in_sets_an_httponly_samesite_cookie_and_a_wrong_key_is_refused(
    browser: sync_api.Browser, demo: tuple[LiveServer, str]
) -> None:
    server, key = demo
    context = browser.new_context(base_url=server.base)
    page = context.new_page()
    page.goto("/coach")
    assert page.url.endswith("/login")
    page.fill("#key", "att_not-a-key")
    page.click("button[type=submit]")
    assert "unknown or revoked" in (page.text_content("[role=alert]") or "")
    page.fill("#key", key)
    page.click("button[type=submit]")
    page.wait_for_url("**/coach")
    (cookie,) = [c for c in context.cookies() if c["name"] == "attune_session"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert key not in cookie["value"]
    context.close()


def test_the_live_coach_follows_typing_rewrites_and_statements(page: sync_api.Page) -> None:
    page.fill("#customer", CUSTOMER)
    page.fill("#reply", "")
    page.type("#reply", COLD, delay=15)
    cold = judged(page, COLD)
    assert page.get_attribute("#stance", "data-stance") in {"sympathy", "apathy", "neutral"}
    assert page.locator("#highlight mark.ev.bad").count() >= 1
    assert page.locator("#highlight mark.ev").first.get_attribute("data-tip")

    page.type("#reply", WARM, delay=5)
    warm = judged(page, COLD + WARM)
    expected = assess(COLD + WARM, customer=CUSTOMER)
    assert warm == math.floor(expected.score + 0.5) and warm > cold + 20  # JavaScript's Math.round
    assert page.get_attribute("#stance", "data-stance") == expected.stance
    present = {name for name, d in expected.dimensions.items() if d.present}
    assert {el.get_attribute("data-dimension") for el in page.locator("#checklist li.ok").all()} == present

    # one-click rewrite of a cold reply
    page.fill("#reply", COLD + " That's our policy.")
    judged(page, COLD + " That's our policy.")
    page.wait_for_selector("[data-action=accept-rewrite]")
    page.click("[data-action=accept-rewrite]")
    rewritten = page.input_value("#reply")
    assert "That's our policy" not in rewritten and "inconvenience" not in rewritten
    after_rewrite = judged(page, rewritten)
    assert after_rewrite > cold

    # insert a statement with the keyboard
    page.wait_for_function("() => document.querySelectorAll('[data-action=insert-statement]').length > 0")
    statement = page.locator("#statements li p").first.evaluate("p => p.firstChild.textContent")
    page.focus("[data-action=insert-statement]")
    page.keyboard.press("Enter")
    filled = page.input_value("#reply")
    assert statement.rstrip(".!?") in filled
    assert not re.search(r"[.!?]\s*[.!?]\s", filled), filled  # filling "[[...]]." gives one full stop
    judged(page, filled)

    # edits listed for an older text are held (disabled) until the new ones arrive, so accepting
    # one can never drop what was typed since
    page.fill("#reply", COLD)
    page.wait_for_selector("[data-action=accept-rewrite]:not([disabled])")
    page.focus("#reply")
    page.keyboard.press("End")
    page.keyboard.type(" Thanks, Priya.")
    assert page.locator("[data-action=accept-rewrite]").is_disabled()
    page.click("[data-action=accept-rewrite]")  # waits until the fresh rewrite enables it
    assert "Thanks, Priya." in page.input_value("#reply")
    judged(page, page.input_value("#reply"))

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "live-coach.png"), full_page=True)


def test_every_control_has_a_label_and_the_page_fits_a_narrow_window(page: sync_api.Page) -> None:
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll('textarea, input, button')]
             .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.textContent.trim())
             .map(el => el.outerHTML)"""
    )
    assert unlabelled == []
    page.set_viewport_size({"width": 380, "height": 800})
    judged(page, page.input_value("#reply"))
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"


def test_the_conversation_view_charts_emotions_over_time(page: sync_api.Page) -> None:
    page.goto("/conversations")
    page.click("text=Parcel two weeks late")
    chart = page.locator("svg.chart")
    assert chart.count() == 1
    assert chart.locator("polyline").count() >= 2
    assert "Customer emotions over the conversation" in (chart.locator("title").first.text_content() or "")
    assert page.locator(".turn.agent .stance").count() == 2
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "conversation.png"), full_page=True)


def test_pages_load_nothing_from_outside(page: sync_api.Page, demo: tuple[LiveServer, str]) -> None:
    server, _ = demo
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    for path in ("/coach", "/conversations", "/docs"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert "/v1/assess" in page.content()  # the API reference lists the operations
    assert seen and all(url.startswith(server.base) for url in seen), [u for u in seen if not u.startswith(server.base)]
