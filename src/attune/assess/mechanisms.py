"""The three EPITOME mechanisms of a reply (emotional reaction, interpretation, exploration), each
a level 0/1/2 with its evidence, judged against the customer's context.

Each returns a :class:`~attune.types.Dimension`; none reads files or keeps state.
"""

from __future__ import annotations

from attune.assess.context import Context, feeling_emotions
from attune.assess.dimensions import dimension, ev, whole_evidence
from attune.scan import Scan
from attune.types import Dimension, Evidence


def _names_cause(s: Scan, sentence: int) -> bool:
    """A validation names a cause when it speaks of 'your ...' or an experience ('being stuck')."""
    feelings = feeling_emotions()
    for t in s.tokens:
        if t.sentence != sentence:
            continue
        raw = t.low
        if raw == "your" or (
            raw.endswith("ing") and len(raw) > 5 and not raw.endswith("thing") and t.norm not in feelings
        ):
            return True
    return False


def _questions(s: Scan) -> set[int]:
    closing = {m.sentence for m in s.bank("closing")}
    return {q.index for q in s.sentences if q.is_question and q.index not in closing}


def emotional_reaction(s: Scan, ctx: Context) -> Dimension:
    feelings = feeling_emotions()
    felt = set(ctx.customer.top_emotions) if ctx.customer else set()
    strong: list[Evidence] = []
    weak: list[Evidence] = []
    for m in s.bank("validation"):
        sentence = s.sentence_words[m.sentence]
        if m.entry.label == "lead":
            named = {feelings[w] for w in sentence if w in feelings}
        else:
            named = {e for i in m.class_tokens if (e := feelings.get(s.tokens[i].norm))}
        if m.entry.label == "generic":
            weak.append(ev(s, m, "emotional_reaction", "acknowledges feelings in general terms"))
            continue
        if named and felt and "happiness" in named and ctx.upset:
            weak.append(ev(s, m, "emotional_reaction", "a cheerful reaction to an upset customer"))
            continue
        grounded = ctx.customer is None or bool(set(sentence) & ctx.content) or _names_cause(s, m.sentence)
        company_voice = "we" in sentence[:2]
        if grounded and not company_voice:
            strong.append(ev(s, m, "emotional_reaction", "validates the feeling and names its cause"))
        else:
            weak.append(
                ev(
                    s,
                    m,
                    "emotional_reaction",
                    "names a feeling without its cause: closer to sympathy than empathy",
                )
            )
    for m in s.bank("sympathy", "canned_sympathy"):
        weak.append(ev(s, m, "emotional_reaction", "canned sympathy: feels sorry without engaging", 0.3))
    if strong:
        return dimension("emotional_reaction", 2, 1.0, strong + weak, "validates the specific feeling", ctx)
    if weak:
        return dimension("emotional_reaction", 1, 0.5, weak, "acknowledges feelings only generically", ctx)
    return _absent("emotional_reaction", "rule:no-validation", "no feeling is acknowledged", ctx)


def interpretation(s: Scan, ctx: Context) -> Dimension:
    evidence: list[Evidence] = []
    leads = s.bank("understanding", "paraphrase_lead") + s.bank("understanding", "perspective")
    generic = s.bank("understanding", "generic")
    questions = _questions(s)
    overlap: set[str] = set()
    best_sentence = None
    best = 0
    if ctx.content:
        for sent in s.sentences:
            if sent.index in questions:
                continue
            words = ctx.content.intersection(s.sentence_words[sent.index])
            numbers = ctx.detail_words & s.sentence_raw[sent.index]
            hit = len(words) + 2 * len(numbers)
            overlap |= words
            if hit > best:
                best, best_sentence = hit, sent
    for m in leads:
        evidence.append(
            ev(
                s,
                m,
                "interpretation",
                "perspective-taking" if m.entry.label == "perspective" else "leads into a paraphrase",
            )
        )
    if best_sentence is not None and best >= 2:
        evidence.append(
            Evidence(
                best_sentence.start,
                best_sentence.end,
                best_sentence.text,
                "rule:paraphrase",
                min(1.0, best / 4),
                f"echoes {best} of the customer's specifics",
                "interpretation",
            )
        )
    perspective = any(m.entry.label == "perspective" for m in leads)
    if perspective or (leads and best >= 1):
        return dimension("interpretation", 2, 1.0, evidence, "restates the customer's specifics", ctx)
    if leads or generic or best >= 3:
        for m in generic:
            evidence.append(ev(s, m, "interpretation", "says it understands, without specifics"))
        reason = (
            "echoes their specifics without reflecting how they feel"
            if best >= 3 and not leads
            else "understanding shown only in general terms"
        )
        return dimension("interpretation", 1, 0.5, evidence, reason, ctx)
    return _absent("interpretation", "rule:no-paraphrase", "nothing the customer said is reflected back", ctx)


def exploration(s: Scan, ctx: Context) -> Dimension:
    questions = _questions(s)
    strong: list[Evidence] = []
    weak: list[Evidence] = []
    for m in s.bank("exploration"):
        in_question = m.sentence in questions or m.entry.label == "involve"
        if not in_question:
            continue
        if m.entry.label == "involve":
            strong.append(ev(s, m, "exploration", "involves the customer in the solution"))
        elif m.entry.label == "probe":
            sent_words = set(s.sentence_words[m.sentence])
            if sent_words & ctx.content or ctx.customer is None:
                strong.append(ev(s, m, "exploration", "asks about the customer's specifics"))
            else:
                weak.append(ev(s, m, "exploration", "asks a question unrelated to what they wrote"))
        else:
            weak.append(ev(s, m, "exploration", "asks for more in general terms"))
    asked = {e.start for e in strong + weak}
    for q in s.sentences:
        if q.index in questions and not any(q.start <= a < q.end for a in asked):
            weak.append(Evidence(q.start, q.end, q.text, "rule:question", 0.5, "asks a question", "exploration"))
    if strong:
        return dimension("exploration", 2, 1.0, strong + weak, "asks a relevant question", ctx)
    if weak:
        return dimension("exploration", 1, 0.5, weak, "asks only a generic question", ctx)
    return _absent("exploration", "rule:no-question", "asks the customer nothing", ctx, why="asks nothing")


def _absent(name: str, source: str, reason: str, ctx: Context, why: str | None = None) -> Dimension:
    """Level 0 of a mechanism: applicable, nothing found, and the whole reply as the evidence."""
    return dimension(name, 0, 0.0, [whole_evidence(source, why or reason, name, 0.0)], reason, ctx)
