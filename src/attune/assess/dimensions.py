"""One function per reply dimension of the practice (personalisation, apology, tone, closing), and
the helpers every dimension function uses; what the reply commits to (ownership, action,
expectation) is in :mod:`attune.assess.commitments`, the three EPITOME mechanisms in
:mod:`attune.assess.mechanisms`.

Each returns a :class:`~attune.types.Dimension`; none reads files or keeps state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from attune.assess.context import Context
from attune.lexicon import alternative, load
from attune.matcher import Match
from attune.scan import Scan
from attune.signoff import TITLES
from attune.types import CustomerAnalysis, Dimension, Evidence


@cache
def _advice() -> dict[str, Any]:
    import json

    from attune.lexicon import data_path

    data: dict[str, Any] = json.loads(data_path("advice.v1.json").read_text(encoding="utf-8"))
    return data


def feeling_word(customer: CustomerAnalysis | None) -> str:
    """An adjective for the customer's strongest feeling, for suggestions, rewrites and drafts;
    a milder one where the message is calm ("I was charged twice" is frustrating, not infuriating)."""
    if customer is None:
        return "frustrating"
    advice = _advice()
    top = customer.top_emotions[0]
    word: str = advice["feeling_words"].get(top, "frustrating")
    if customer.intensity < advice["strong_feeling_intensity"]:
        word = advice["feeling_words_mild"].get(top, word)
    return word


def _named(text: str, ctx: Context) -> str:
    return text.replace("{name}", ctx.name or "there")


def advice(name: str, ctx: Context) -> str:
    text: str = _advice()["suggestions"][name]
    return text.replace("{name}", ctx.name or "there").replace("{feeling}", feeling_word(ctx.customer))


def ev(s: Scan, m: Match, label: str, why: str, weight: float | None = None) -> Evidence:
    return Evidence(
        m.start,
        m.end,
        s.text[m.start : m.end],
        m.entry.id,
        m.entry.weight if weight is None else weight,
        why,
        label,
    )


def whole_evidence(source: str, why: str, label: str, weight: float = 1.0) -> Evidence:
    return Evidence(0, 0, "", source, weight, why, label)


def dimension(
    name: str,
    level: int | None,
    score: float,
    evidence: Iterable[Evidence],
    reason: str,
    ctx: Context,
) -> Dimension:
    score = round(max(0.0, min(1.0, score)), 4)
    suggestion = advice(name, ctx) if score < 0.5 else None
    return Dimension(name, True, score, level, reason, tuple(evidence), suggestion)


def not_applicable(name: str, reason: str) -> Dimension:
    return Dimension(name, False, None, None, reason, (), None)


# -- the practice dimensions ------------------------------------------------------------------


def personalization(s: Scan, ctx: Context) -> Dimension:
    if not ctx.name:
        return not_applicable("personalization", "the customer's name is not known")
    # "Mrs Patel" is addressed by her surname, with or without the title's full stop
    pattern = re.compile(rf"\b{re.escape(ctx.name.split()[-1])}\b", re.IGNORECASE)
    head = s.text[: max(200, len(s.text) // 3)]
    m = pattern.search(head) or _by_surname(head, ctx)
    if m:
        return dimension(
            "personalization",
            None,
            1.0,
            [
                Evidence(
                    m.start(),
                    m.end(),
                    m.group(),
                    "rule:name",
                    1.0,
                    "addresses the customer by name",
                    "personalization",
                )
            ],
            "greets the customer by name",
            ctx,
        )
    return dimension(
        "personalization",
        None,
        0.0,
        [whole_evidence("rule:name", f"the name {ctx.name} is known but not used", "personalization", 0.0)],
        f"does not use the name {ctx.name}",
        ctx,
    )


_TITLED = re.compile(rf"\b(?:{TITLES})\.?\s+(?P<surname>[A-Z][\w'-]+)")


def _by_surname(head: str, ctx: Context) -> re.Match[str] | None:
    """A title and surname in the reply ("Dear Dr Hart") when the customer signed with that
    surname after the first name we know ("Dr. Amelia Hart")."""
    if ctx.customer is None or not ctx.name:
        return None
    for m in _TITLED.finditer(head):
        signed = re.search(
            rf"\b{re.escape(ctx.name)}\s+(?:[A-Z]\.\s+)?{re.escape(m.group('surname'))}\b", ctx.customer.text
        )
        if signed:
            return m
    return None


def apology(s: Scan, ctx: Context) -> Dimension:
    # "sorry about this/that" says nothing, like a plain "sorry": graded as one, not as boiler-plate
    plain = [m for m in s.bank("sympathy", "canned_apology") if _PLAIN_SORRY.fullmatch(s.text[m.start : m.end])]
    canned = [m for m in s.bank("sympathy", "canned_apology") if m not in plain]
    canned_spans = [(m.start, m.end) for m in canned]
    sincere = [  # "sorry for the delay on order 5512", but not "sorry for the inconvenience"
        m
        for m in s.bank("apology", "apology") + s.bank("apology", "ownership_of_error")
        if not any(a <= m.start < b or m.start <= a < m.end for a, b in canned_spans)
    ]
    if not ctx.company_erred:
        why = "the customer is happy: nothing to apologise for" if ctx.happy else "nothing suggests the company erred"
        if ctx.bereaved:
            why = "a loss, not an error: condolences fit, not an apology"
        return not_applicable("apology", why)
    cancelled = cancelling_buts(s)
    # "I'm sorry about this." names nothing; "I'm very sorry - three weeks and seven attempts" does
    vague = [m for m in sincere if m.first >= 0 and not _names_what(s, m, ctx)]
    sincere = [m for m in sincere if m not in vague]
    bare = [
        m
        for m in (*s.bank("apology", "bare"), *vague, *plain)
        if not any(a < m.end and m.start < b for a, b in canned_spans)
        and not any(x.start <= m.start < x.end for x in sincere)
    ]
    named = [m for m in bare if m.first >= 0 and m not in vague and _names_what(s, m, ctx, own=False)]
    sincere += named
    bare = [m for m in bare if m not in named]
    evidence = [ev(s, m, "apology", "sincere apology or ownership of the error") for m in sincere]
    evidence += [ev(s, m, "apology", "a plain 'sorry', not naming what went wrong") for m in bare]
    evidence += [ev(s, m, "apology", "canned apology: generic, not about their problem") for m in canned]
    evidence += cancelled
    if sincere and not cancelled:
        return dimension("apology", None, 1.0, evidence, "apologises sincerely for what went wrong", ctx)
    if bare and not cancelled:
        return dimension("apology", None, 0.7, evidence, "apologises, without naming what went wrong", ctx)
    if sincere or canned or bare:
        score = 0.3 if cancelled else 0.4
        return dimension(
            "apology",
            None,
            score,
            evidence,
            "the apology is cancelled by 'but'" if cancelled else "only a canned apology",
            ctx,
        )
    return dimension(
        "apology",
        None,
        0.0,
        [whole_evidence("rule:no-apology", "the company erred and there is no apology", "apology", 0.0)],
        "no apology where the company erred",
        ctx,
    )


_NOTHING_NAMED = frozenset(
    {
        "this",
        "that",
        "it",
        "so",
        "veri",
        "realli",
        "truli",
        "deepli",
        "for",
        "about",
        "all",
        "to",
        "hear",
        "learn",
        "see",
    }
)


def _names_what(s: Scan, m: Match, ctx: Context, *, own: bool = True) -> bool:
    """Whether the rest of an apology's sentence names what went wrong: any word but "this" or
    "that" (``own``: the apology's own words may name it), or, for a plain "I'm sorry", the
    customer's own specifics ("I'm very sorry - three weeks and seven attempts")."""
    after = [t.norm for t in s.tokens[m.first if own else m.last + 1 :] if t.sentence == m.sentence]
    if own:
        words = after[after.index("sorri") + 1 :] if "sorri" in after else after[1:]
        name = set((ctx.name or "").lower().replace(".", " ").split())  # "I'm sorry about this, Dana"
        return any(w not in _NOTHING_NAMED and w not in name for w in words)
    return bool(ctx.content.intersection(after))


_PLAIN_SORRY = re.compile(r"sorry (?:about|for) (?:this|that|all this)", re.IGNORECASE)


def cancelling_buts(s: Scan) -> list[Evidence]:
    """Apologies followed by 'but'/'however' in the same or the next sentence."""
    out = [ev(s, m, "tone", "an apology cancelled by 'but'") for m in s.bank("apology", "cancel_but")]
    if out:
        return out
    apologetic = {
        m.sentence
        for m in s.bank("apology", "apology") + s.bank("apology", "bare") + s.bank("sympathy", "canned_apology")
    }
    if not apologetic:
        return out
    for t in s.tokens:
        if t.norm in ("but", "howev") and (t.sentence in apologetic or t.sentence - 1 in apologetic):
            first_of_sentence = s.sentences[t.sentence].start == t.start if t.sentence < len(s.sentences) else False
            if t.sentence in apologetic or first_of_sentence:
                out.append(
                    Evidence(
                        t.start,
                        t.end,
                        s.text[t.start : t.end],
                        "rule:cancel-but",
                        1.0,
                        "'but' after an apology cancels it",
                        "tone",
                    )
                )
                break
    return out


def tone(s: Scan, ctx: Context, shout: float) -> Dimension:
    w = load().weights["tone"]
    evidence: list[Evidence] = []
    penalty = 0.0
    jargon = s.bank("tone", "jargon")
    if jargon:
        penalty += min(w["jargon_max"], w["jargon"] * len(jargon))
        evidence += [
            ev(
                s,
                m,
                "tone",
                f"corporate jargon; plainer: '{_named(alt, ctx)}'" if alt else "corporate jargon; drop it",
            )
            for m in jargon
            for alt in (alternative(m, s.text),)
        ]
    blame = s.affirmed(s.bank("tone", "blame"))
    if blame:
        penalty += w["blame"]
        evidence += [ev(s, m, "tone", "blames the customer") for m in blame]
    robotic = s.bank("tone", "robotic")
    if robotic:
        penalty += w["robotic"] * len(robotic)
        evidence += [ev(s, m, "tone", "robotic boiler-plate") for m in robotic]
    buts = cancelling_buts(s)
    if buts:
        penalty += w["cancel_but"]
        evidence += buts
    apathy = s.affirmed(s.bank("apathy"))
    if apathy:
        penalty += w["apathy"]
        evidence += [ev(s, m, "tone", "indifferent or a policy wall") for m in apathy]
    canned = s.bank("sympathy")
    if canned:
        penalty += min(w["canned_max"], w["canned"] * len(canned))
        evidence += [ev(s, m, "tone", "canned phrase") for m in canned]
    if shout >= 0.5:
        penalty += w["shouting"]
        evidence.append(whole_evidence("rule:shouting", "written in capitals", "tone"))
    if ctx.upset:
        cheer = s.bank("tone", "cheer")
        bangs = s.text.count("!")
        if cheer or bangs >= 2:
            penalty += w["cheer_clash"]
            evidence += [ev(s, m, "tone", "cheerful words clash with an upset customer") for m in cheer]
            if not cheer:
                evidence.append(whole_evidence("rule:cheer", "exclamation marks clash with an upset customer", "tone"))
    if ctx.happy and not ctx.company_erred:
        sorry = s.bank("apology", "apology") + s.bank("sympathy", "canned_apology")
        if sorry:
            penalty += w["over_apology"]
            evidence += [ev(s, m, "tone", "apologises to a happy customer") for m in sorry]
    seen: set[str] = set()
    for sent in s.sentences:
        key = sent.text.strip().lower()
        if len(key) > 15 and key in seen:
            penalty += w["repeated"]
            evidence.append(
                Evidence(
                    sent.start,
                    sent.end,
                    sent.text,
                    "rule:repeated",
                    1.0,
                    "the same sentence twice",
                    "tone",
                )
            )
        seen.add(key)
    score = 1.0 - penalty
    if not evidence:
        evidence.append(
            whole_evidence("rule:tone-clean", "no jargon, blame, canned or clashing phrasing found", "tone")
        )
        return dimension("tone", None, 1.0, evidence, "plain: no jargon, blame or canned phrasing", ctx)
    reason = (
        "mostly plain"
        if score >= 0.8
        else ("some stiff or canned phrasing" if score >= 0.5 else "cold, blaming or canned phrasing")
    )
    if blame and score < 0.8:
        reason = "blames the customer"  # the one a reader should fix first
    return dimension("tone", None, score, evidence, reason, ctx)


def closing(s: Scan, ctx: Context) -> Dimension:
    found = s.bank("closing", "invite")
    wishes = s.bank("closing", "wish")
    if found:
        return dimension(
            "closing",
            None,
            1.0,
            [ev(s, m, "closing", "invites the customer to come back") for m in found],
            "invites more",
            ctx,
        )
    if wishes:  # "Have a nice day!" after "there's nothing I can do" invites nothing
        return dimension(
            "closing",
            None,
            0.4,
            [ev(s, m, "closing", "a warm sign-off, not an invitation to come back") for m in wishes],
            "signs off warmly but does not invite more",
            ctx,
        )
    return dimension(
        "closing",
        None,
        0.0,
        [whole_evidence("rule:no-closing", "no invitation to come back", "closing", 0.0)],
        "ends without inviting more",
        ctx,
    )
