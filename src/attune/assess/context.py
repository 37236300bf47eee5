"""What the reply is judged against: the customer's analysis and the words worth echoing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from attune.lexicon import load
from attune.scan import Scan, scan
from attune.taxonomy import COMPANY_ERRED
from attune.types import CustomerAnalysis

NEGATIVE = ("anger", "frustration", "disappointment", "confusion", "anxiety", "sadness")


@dataclass(frozen=True)
class Context:
    """The customer side of a judgment, reduced to what the reply rules need."""

    customer: CustomerAnalysis | None
    name: str | None
    content: frozenset[str]
    detail_words: frozenset[str]
    upset: bool
    happy: bool
    company_erred: bool
    needs_action: bool
    bereaved: bool


@cache
def feeling_emotions() -> dict[str, str]:
    """Single-word cues of the emotions bank: stem -> emotion (to read which feeling is named)."""
    from attune.matcher import expand

    out: dict[str, str] = {}
    for e in load().bank("emotions"):
        if e.pattern:
            for atoms in expand(e.pattern):
                if len(atoms) == 1 and not atoms[0].startswith("<"):
                    out.setdefault(atoms[0], e.label)
    return out


def content_words(s: Scan) -> frozenset[str]:
    """Normalised words that carry the message's specifics (no stopwords, no numbers)."""
    stop = load().classes["stopword"]
    return frozenset(t.norm for t in s.tokens if len(t.norm) > 2 and t.norm not in stop and t.norm.isalpha())


def build_context(customer: CustomerAnalysis | None, customer_name: str | None) -> Context:
    if customer is None:
        return Context(None, customer_name, frozenset(), frozenset(), False, False, True, True, False)
    s = scan(customer.text)
    detail_words: set[str] = set()
    for d in customer.details:
        detail_words.update(w.lower().lstrip("#$€£") for w in d.value.split() if any(c.isdigit() for c in w))
    sit = {k for k, v in customer.situations.items() if v >= 0.5}
    emo = {k for k, v in customer.emotions.items() if v >= 0.5}
    upset = bool(emo.intersection(NEGATIVE)) or customer.abuse
    # above 0.5, not at it: a message none of whose emotions reaches 0.5 gets its likeliest one
    # raised to exactly 0.5 (``at_least_one``), which says little about a happy customer
    happy = customer.emotions.get("happiness", 0.0) > 0.5 and not upset
    # praise or thanks, with no problem and no request: feedback carries a request to answer
    # ("love the update! where did the dark mode toggle go?" asks for something)
    asks = any(q.asks for q in s.sentences)
    only_praise = sit <= {"praise", "other"} and ("praise" in sit or happy) and not asks
    return Context(
        customer=customer,
        name=customer_name or customer.name,
        content=content_words(s),
        detail_words=frozenset(detail_words),
        upset=upset,
        happy=happy or only_praise,
        company_erred=bool(sit.intersection(COMPANY_ERRED)) and not only_praise,
        needs_action=not only_praise,
        bereaved="bereavement" in sit,
    )
