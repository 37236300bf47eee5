"""``suggest``, ``rewrite`` and ``draft``: help that fits, keeps facts, and varies."""

from __future__ import annotations

import re

import pytest

from attune import assess, draft, rewrite, suggest
from attune.errors import UsageError
from attune.respond.rewrite import facts

CUSTOMER = "I was charged twice for my subscription (order #4417). This is the third time I write!\n\nThanks,\nPriya"


def test_suggestions_fit_personalise_and_name_their_practice() -> None:
    out = suggest(CUSTOMER, n=3)
    assert 1 <= len(out) <= 3
    assert len({s.practice for s in out}) == len(out)
    assert all(s.situation in ("billing_error", "repeat_contact") for s in out)
    assert all("{" not in s.text for s in out)
    assert all(s.source.startswith("bank:statements") for s in out)


def test_suggestions_are_reproducible_and_vary_with_the_seed() -> None:
    first = [s.text for s in suggest(CUSTOMER, seed=0)]
    assert first == [s.text for s in suggest(CUSTOMER, seed=0)]
    for seed in range(5):
        now, then = suggest(CUSTOMER, seed=seed), suggest(CUSTOMER, seed=seed + 1)
        assert now[0].text != then[0].text  # never verbatim twice in a row


def test_suggestions_favour_what_the_reply_lacks() -> None:
    out = suggest(CUSTOMER, reply="I've refunded the second charge.", n=3)
    assert any("lacks" in s.reason for s in out)


def test_suggest_rejects_silly_n() -> None:
    with pytest.raises(UsageError):
        suggest(CUSTOMER, n=0)


@pytest.mark.parametrize(
    "reply",
    [
        "Dear Customer, Please be advised that your refund of $12.99 for order #4417 is processed. "
        "We apologize for any inconvenience.",
        "I'm sorry for the delay, but the courier is late. There's nothing I can do.",
        "As per our policy, refunds take 5 business days. You should have checked your statement on Monday.",
    ],
)
def test_rewrite_warms_up_and_never_changes_facts(reply: str) -> None:
    r = rewrite(reply, customer=CUSTOMER)
    assert r.edits and r.text != reply
    for fact in facts(reply):
        assert fact in r.text, fact
    for e in r.edits:
        assert e.reason and e.source
        assert reply[e.start : e.end] == e.before
    assert assess(r.text, customer=CUSTOMER).score > assess(reply, customer=CUSTOMER).score


def test_rewrite_of_sorry_but_removes_the_but() -> None:
    r = rewrite("I'm sorry for the delay, but the courier is late.", customer="Where is my parcel?")
    assert not re.search(r"sorry[^.]*\bbut\b", r.text, re.IGNORECASE)


def test_draft_follows_the_elements_with_placeholders() -> None:
    d = draft(CUSTOMER, agent_name="Sam")
    assert d.text.startswith("Hi Priya,")
    for key in ("greeting", "validation", "apology", "action", "expectation", "closing"):
        assert key in d.elements
    assert d.placeholders and all(p in d.text for p in d.placeholders)
    judged = assess(d.text, customer=CUSTOMER)
    assert judged.stance == "empathy"


def test_draft_fills_facts_and_refuses_unknown_ones() -> None:
    d = draft(CUSTOMER, facts={"action": "refunded the second charge", "when": "Friday"})
    assert "refunded the second charge" in d.text and "Friday" in d.text
    with pytest.raises(UsageError, match="unknown fact"):
        draft(CUSTOMER, facts={"colour": "blue"})


def test_draft_for_bereavement_and_praise() -> None:
    loss = draft("My father passed away and I need to close his account.")
    assert "loss" in loss.elements["validation"] and "apology" not in loss.elements
    praise = draft("Thank you so much, your team was amazing!")
    assert "action" not in praise.elements
