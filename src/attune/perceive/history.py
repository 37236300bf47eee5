"""The customer's latest turns read with what they said before in the same conversation.

An agent's reply answers the turns since the agent last wrote, but what those turns leave unsaid
the conversation has said already: "Unbelievable. I want a manager." is about the parcel that
is two weeks late, and the customer signed with their name three turns ago. Judging the reply
against the latest turns alone would find no company error to apologise for, no name to use and
no specifics to paraphrase. :func:`in_conversation` keeps the latest turns' feelings (how the
customer feels now is what the reply's tone must meet) and carries the rest forward.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from attune.config import get_settings
from attune.types import CustomerAnalysis, Detail, Evidence

_GAP = "\n\n"


def in_conversation(latest: CustomerAnalysis, earlier: Sequence[CustomerAnalysis]) -> CustomerAnalysis:
    """``latest`` with the conversation's earlier customer turns (oldest first) behind it.

    - ``text`` is the earlier turns and then the latest, joined by blank lines (the oldest turns
      are left out where they would pass the size limit); every span of the result indexes it;
    - emotions, intensity, urgency, escalation and abuse stay the latest turns' own;
    - the name is the latest turns' or, failing that, the most recent one given before;
    - details gather every turn's, the latest first;
    - situations carry forward only when the latest turns name none of their own and are not
      thanks or praise: a problem stated before is still the problem, but a customer who now
      says "thanks, that helps" no longer needs an apology.
    """
    limit = get_settings().max_chars - len(latest.text)
    kept: list[CustomerAnalysis] = []
    size = 0
    for a in reversed(earlier):
        size += len(a.text) + len(_GAP)
        if size > limit:
            break
        kept.append(a)
    kept.reverse()
    if not kept:
        return latest

    offsets = []
    pos = 0
    for a in kept:
        offsets.append(pos)
        pos += len(a.text) + len(_GAP)
    text = _GAP.join([*(a.text for a in kept), latest.text])

    details = [_moved_detail(d, pos) for d in latest.details]
    seen = {(d.kind, (d.value or d.text).lower()) for d in latest.details}
    for a, off in reversed(list(zip(kept, offsets, strict=True))):
        for d in a.details:
            key = (d.kind, (d.value or d.text).lower())
            if key not in seen:
                seen.add(key)
                details.append(_moved_detail(d, off))

    situations = dict(latest.situations)
    own = {s for s, v in situations.items() if v >= 0.5} - {"other"}
    thanks = "praise" in own or latest.emotions.get("happiness", 0.0) >= 0.5
    if not own and not thanks:
        for a in kept:
            for s, v in a.situations.items():
                if s not in ("other", "praise") and v > situations.get(s, 0.0):
                    situations[s] = v
        carried = max((v for s, v in situations.items() if s != "other"), default=0.0)
        if carried >= 0.5 and "other" in situations:
            situations["other"] = round(min(situations["other"], 1.0 - carried), 4)

    name = latest.name or next((a.name for a in reversed(kept) if a.name), None)
    return replace(
        latest,
        text=text,
        situations=situations,
        name=name,
        details=tuple(details),
        evidence=tuple(_moved_evidence(e, pos) for e in latest.evidence),
    )


def _moved_detail(d: Detail, by: int) -> Detail:
    return replace(d, start=d.start + by, end=d.end + by) if by else d


def _moved_evidence(e: Evidence, by: int) -> Evidence:
    if e.end <= e.start:  # a whole-text finding has no span to move
        return e
    return replace(e, start=e.start + by, end=e.end + by)
