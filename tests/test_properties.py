"""Property tests: no text crashes the core; output is deterministic and within bounds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attune import analyze, assess, rewrite, suggest
from attune.errors import AttuneError

WORDS = st.sampled_from(
    [
        "sorry",
        "SORRY",
        "I'm",
        "Im",
        "cant",
        "but",
        "however",
        "refund",
        "charged",
        "twice",
        "third",
        "time",
        "manager",
        "idiot",
        "!!!",
        "???",
        "😡",
        "🙏",
        "thanks",
        "great",
        "another",
        "delay",
        "policy",
        "nothing",
        "can",
        "do",
        "I'll",
        "by",
        "Friday",
        "within",
        "24",
        "hours",
        "Hi",
        "Dana",
        ",",
        ".",
        "\n",
        ">",
        "On",
    ]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=60).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(customer=TEXTS, reply=TEXTS)
def test_core_never_crashes_and_stays_in_bounds(customer: str, reply: str) -> None:
    try:
        a = analyze(customer)
    except AttuneError:
        return
    assert all(0.0 <= v <= 1.0 for v in a.emotions.values())
    assert all(0.0 <= v <= 1.0 for v in a.situations.values())
    assert 0.0 <= a.intensity <= 1.0 and 0.0 <= a.urgency <= 1.0
    try:
        r = assess(reply, customer=a)
    except AttuneError:
        return
    assert 0.0 <= r.score <= 100.0
    assert r.to_dict() == assess(reply, customer=a).to_dict()
    for e in r.evidence:
        assert r.text[e.start : e.end] == e.text
    rewrite(reply, customer=a)
    suggest(a, reply=r)
