"""``analyze``: rule evidence from the phrase banks, combined into scores 0..1.

Scores combine cue weights as a noisy-or (``1 - prod(1 - w)``): one strong cue is enough, several
weak ones add up, and nothing passes 1. Every cue that counted is kept as evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from attune.config import get_settings
from attune.lexicon import load
from attune.matcher import Match
from attune.perceive.details import extract_details
from attune.scan import Scan, scan
from attune.signoff import find_name, mask_quoted
from attune.taxonomy import EMOTIONS, SITUATIONS
from attune.text import caps_ratio, check, exclamations
from attune.types import CustomerAnalysis, Evidence

NEGATIVE = ("anger", "frustration", "disappointment", "confusion", "anxiety", "sadness")
_NEGATORS = frozenset({"not", "never", "no", "hard", "without", "nobodi", "noth"})


def rule_analysis(text: str, *, customer_name: str | None = None) -> CustomerAnalysis:
    """The rules tier alone (the learned tier's inputs), whatever the settings say."""
    return _analyze(scan(check(text, what="customer message")), customer_name, learned=False)


def analyze(text: str, *, customer_name: str | None = None) -> CustomerAnalysis:
    """Read a customer's message: emotions, intensity, urgency, escalation, abuse, situations.

    >>> a = analyze("I was charged twice and nobody answers. This is the third time I write!")
    >>> a.emotions["frustration"] >= 0.5, a.situations["billing_error"] >= 0.5
    (True, True)
    """
    checked = check(text, what="customer message")
    st = get_settings()
    return _cached(checked, customer_name, (st.tier, st.fine_emotions, st.strip_quoted, st.strip_signature))


@lru_cache(maxsize=1024)
def _cached(text: str, customer_name: str | None, key: tuple[str, bool, bool, bool]) -> CustomerAnalysis:
    """Conversations judge every agent turn against the same customer text: read it once.

    ``key`` holds the settings that change the result, so a change never serves a stale one.
    """
    return _analyze(scan(text), customer_name, learned=key[0] != "rules")


def _analyze(s: Scan, customer_name: str | None, *, learned: bool) -> CustomerAnalysis:
    weights = load().weights["analyze"]
    evidence: list[Evidence] = []

    sarcastic = {m.sentence for m in s.bank("signals", "sarcasm")}
    cues: dict[str, list[tuple[float, Evidence]]] = defaultdict(list)
    for m in s.bank("emotions"):
        label = m.entry.label
        weight = m.entry.weight
        negated = bool(_NEGATORS.intersection(s.words_before(m, 2)))
        if negated:
            if label == "happiness":
                label, weight = "disappointment", weight * 0.7
            else:
                continue
        if label == "happiness" and m.sentence in sarcastic:
            label, weight = "frustration", weight * 0.8
        cues[label].append((weight, _ev(s, m, label, _why(label, m, negated))))
    for m in s.bank("signals", "sarcasm"):
        cues["frustration"].append((m.entry.weight * 0.8, _ev(s, m, "frustration", "sarcasm")))

    shout = caps_ratio(s.masked)
    bangs = exclamations(s.masked)
    loud = min(1.0, (shout if len(s.tokens) >= 3 else 0.0) + 0.25 * bangs)
    intensifiers = s.bank("signals", "intensifier")

    emotions: dict[str, float] = {}
    for emotion in EMOTIONS:
        if emotion == "neutral":
            continue
        found = cues.get(emotion, [])
        score = _noisy_or(w for w, _ in found)
        if emotion in NEGATIVE and score > 0:
            score = min(1.0, score * (1 + weights["loudness_boost"] * loud))
        if emotion == "happiness" and any(emotions.get(e, 0) >= 0.5 for e in NEGATIVE):
            score *= weights["thanks_when_upset"]
        emotions[emotion] = round(score, 4)
        evidence.extend(ev for _, ev in found)
    if loud >= 0.5 and max(emotions[e] for e in ("anger", "frustration")) < 0.5:
        emotions["frustration"] = round(max(emotions["frustration"], 0.5 + 0.2 * loud), 4)
    if loud > 0:
        evidence.append(
            Evidence(
                0,
                0,
                "",
                "rule:loudness",
                round(loud, 3),
                f"shouting: {shout:.0%} of words in capitals, {bangs} run(s) of '!!'",
                "intensity",
            )
        )
    top = max(emotions.values())
    emotions["neutral"] = round(1.0 - top, 4)

    abuse_hits = s.bank("signals", "abuse")
    escalation_hits = s.bank("signals", "escalation")
    urgency_hits = s.bank("signals", "urgency")
    for group, label in (
        (abuse_hits, "abuse"),
        (escalation_hits, "escalation"),
        (urgency_hits, "urgency"),
    ):
        evidence.extend(_ev(s, m, label, f"{label} cue") for m in group)
    evidence.extend(_ev(s, m, "intensity", "intensifier") for m in intensifiers)

    situations = _situations(s, evidence)
    fine: dict[str, float] = {}
    source = "rules"
    if learned:
        from attune.models.fuse import available, fuse

        if available():
            rule_emotions, rule_situations = emotions, situations
            emotions, situations, fine, learned_evidence = fuse(s, emotions, situations)
            evidence.extend(learned_evidence)
            source = "learned"
            if sarcastic:  # the model reads "great, thanks" literally; the rule knows better
                situations["praise"] = min(situations["praise"], rule_situations["praise"])
                top_situation = max(v for k, v in situations.items() if k != "other")
                situations["other"] = round(max(situations["other"], 1.0 - top_situation), 4)
                emotions["happiness"] = min(emotions["happiness"], rule_emotions["happiness"])
                emotions["frustration"] = max(emotions["frustration"], rule_emotions["frustration"])
                emotions["neutral"] = min(emotions["neutral"], 1.0 - emotions["frustration"])
            if get_settings().tier == "neural":  # the optional tier: blends in MiniLM heads
                from attune.neural import refine_analysis

                emotions, situations, neural_evidence = refine_analysis(s, emotions, situations)
                evidence.extend(neural_evidence)
                source = "neural"

    # intensity and urgency read the final emotions (the learned tier's, where it runs)
    top = max(v for k, v in emotions.items() if k != "neutral")
    intensity = top
    if top > 0:
        intensity = min(
            1.0,
            top * 0.7 + 0.2 * loud + 0.1 * min(1, len(intensifiers)) + (0.15 if abuse_hits else 0),
        )
    urgency = _noisy_or(m.entry.weight for m in urgency_hits)
    urgency = min(1.0, urgency + weights["anxiety_urgency"] * emotions["anxiety"])

    name_hit = find_name(mask_quoted(s.text))  # the writer's sign-off, not one in the quoted history
    name = customer_name or (name_hit[0] if name_hit else None)
    if name_hit and not customer_name:
        evidence.append(
            Evidence(
                name_hit[1],
                name_hit[2],
                name_hit[0],
                "rule:name",
                1.0,
                "the customer's name, from a sign-off or introduction",
                "name",
            )
        )
    details = extract_details(s.masked)

    return CustomerAnalysis(
        text=s.text,
        emotions=emotions,
        intensity=round(intensity, 4),
        urgency=round(urgency, 4),
        escalation=bool(escalation_hits),
        abuse=bool(abuse_hits),
        situations=situations,
        name=name,
        details=details,
        evidence=tuple(sorted(evidence, key=lambda e: (e.start, e.end, e.source))),
        fine_emotions=fine,
        source=source,
    )


def _situations(s: Scan, evidence: list[Evidence]) -> dict[str, float]:
    found: dict[str, list[float]] = defaultdict(list)
    for m in s.bank("situations"):
        # a sarcastic message is no praise, whichever sentence the praise words are in
        negated = m.entry.label == "praise" and bool(s.bank("signals", "sarcasm"))
        if negated:
            continue
        found[m.entry.label].append(m.entry.weight)
        evidence.append(_ev(s, m, m.entry.label, f"cue of the '{m.entry.label}' situation"))
    out = {name: round(_noisy_or(found.get(name, [])), 4) for name in SITUATIONS if name != "other"}
    out["other"] = round(1.0 - max(out.values()), 4)
    return {name: out[name] for name in SITUATIONS}


def _noisy_or(weights: Iterable[float]) -> float:
    p = 1.0
    for w in weights:
        p *= 1.0 - max(0.0, min(1.0, w))
    return 1.0 - p


def _ev(s: Scan, m: Match, label: str, why: str) -> Evidence:
    return Evidence(m.start, m.end, s.text[m.start : m.end], m.entry.id, m.entry.weight, why, label)


def _why(label: str, m: Match, negated: bool) -> str:
    if negated:
        return f"negated happiness read as {label}"
    return f"cue of {label}" + (f" ({m.entry.note})" if m.entry.note else "")
