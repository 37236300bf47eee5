"""The three EPITOME mechanisms of a reply (emotional reaction, interpretation, exploration), each
a level 0/1/2 with its evidence, judged against the customer's context; and their refinement by a
learned mechanism model (:func:`refine`).

Each returns a :class:`~attune.types.Dimension`; none reads files or keeps state (the model is
passed in).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from attune.assess.context import Context, feeling_emotions
from attune.assess.dimensions import dimension, ev, whole_evidence
from attune.models.fuse import located_evidence, mechanism_levels
from attune.models.linear import LinearModel, Vector
from attune.scan import Scan
from attune.types import Dimension, Evidence

#: Why a mechanism sits at a level when the learned model sets it (levels 0, 1, 2).
_LEARNED_REASONS = {
    "emotional_reaction": (
        "expresses no feeling of its own for the customer",
        "expresses feeling for the customer only in general terms",
        "names a feeling for the customer's own situation",
    ),
    "interpretation": (
        "shows no understanding of what the customer went through",
        "says it understands, without saying what",
        "shows what it understood of the customer's situation or feelings",
    ),
    "exploration": (
        "asks nothing about the customer's experience",
        "asks about the customer's experience only generically",
        "asks specifically about the customer's experience or feelings",
    ),
}


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


def question_sentences(s: Scan) -> set[int]:
    """The reply's questions (sentence indices), asked with or without "?" (:attr:`Sentence.asks`),
    but for a closing ("anything else I can do?")."""
    closing = {m.sentence for m in s.bank("closing")}
    return {q.index for q in s.sentences if q.asks and q.index not in closing and not _OFFER.match(q.text)}


#: a bare offer of help, not a question about the customer ("How can I help you today?"); offering
#: choices ("Would you like a refund or a replacement?") involves the customer and stays
_OFFER = re.compile(
    r"\W*(?:(?:hi|hello|hey)\b[^,.!?]{0,30}[,.!]\s*)?(?:how|what)\s+(?:else\s+)?(?:can|may|could)\s+(?:i|we)\s+"
    r"(?:help|do|assist)\b|\W*is\s+there\s+anything\s+(?:else\s+)?(?:i|we)\s+can\b",
    re.IGNORECASE,
)


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


def echoes(s: Scan, ctx: Context) -> list[int]:
    """How many of the customer's specifics each sentence of the reply echoes, by sentence index:
    their content words, and the numbers of their details twice. Questions and instructions echo
    nothing (they ask or tell, they do not restate)."""
    if not ctx.content:
        return [0] * len(s.sentences)
    questions = question_sentences(s)
    # an instruction names the customer's things without restating them ("You can change your
    # address under My Orders")
    steps = {m.sentence for m in s.bank("action", "will") if m.start <= s.sentences[m.sentence].start + 8}
    return [
        0
        if sent.index in questions or sent.index in steps
        else len(ctx.content.intersection(s.sentence_words[sent.index]))
        + 2 * len(ctx.detail_words & s.sentence_raw[sent.index])
        for sent in s.sentences
    ]


def interpretation(s: Scan, ctx: Context) -> Dimension:
    """Understanding: a lead into a paraphrase or perspective-taking, the customer's specifics
    echoed (:func:`echoes`), a feeling named for their specifics."""
    evidence: list[Evidence] = []
    leads = s.bank("understanding", "paraphrase_lead") + s.bank("understanding", "perspective")
    generic = s.bank("understanding", "generic")
    felt = {m.sentence for m in s.bank("validation") if m.entry.label != "generic"}
    best_sentence = None
    best = 0
    felt_echo: list[Evidence] = []
    for sent, hit in zip(s.sentences, echoes(s, ctx), strict=True):
        if hit > best:
            best, best_sentence = hit, sent
        if hit >= 2 and sent.index in felt:
            felt_echo.append(
                Evidence(
                    sent.start,
                    sent.end,
                    sent.text,
                    "rule:felt-paraphrase",
                    min(1.0, hit / 4),
                    f"names how they feel about {hit} of their own specifics",
                    "interpretation",
                )
            )
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
    if felt_echo and not (perspective or (leads and best >= 1)):
        spans = {(e.start, e.end) for e in felt_echo}
        evidence = felt_echo + [e for e in evidence if (e.start, e.end) not in spans]
        return dimension("interpretation", 2, 1.0, evidence, "reflects their specifics and how they feel", ctx)
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
    questions = question_sentences(s)
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


def refine(
    s: Scan,
    dims: Mapping[str, Dimension],
    rule_feats: Mapping[str, float],
    vec: Vector,
    ctx: Context,
    model: LinearModel,
) -> dict[str, Dimension]:
    """The mechanisms whose level by ``model`` (from the reply's feature row ``vec`` and its rule
    features) differs from the rules' level, rebuilt with the model's evidence: the sentences
    holding the words that pushed the level (for exploration its questions first; a closing such
    as "anything else?" never counts), or the words alone where no such sentence is found. Where
    the two agree, the rule dimension stands: its evidence is the more specific."""
    out: dict[str, Dimension] = {}
    norms: list[str] | None = None
    asks = bool(question_sentences(s))
    for name, (level, score) in mechanism_levels(model, vec, rule_feats).items():
        if name == "exploration" and not asks:
            level = min(level, dims[name].level or 0)  # no question: the model may not add exploration
        if level == dims[name].level:
            continue
        reason = _LEARNED_REASONS[name][level]
        if level == 0:
            evidence = [whole_evidence(model.name, f"learned: {reason} (model score {score:.2f})", name, 0.0)]
        else:
            norms = norms if norms is not None else [t.norm for t in s.tokens]
            label = f"{name}=2" if level == 2 else f"{name}>=1"
            why = f"learned cue of {name} at level {level} (model score {score:.2f})"
            cues = located_evidence(s, model, vec, label, score, name, why, norms)
            evidence = _cue_sentences(s, cues, name, reason, score, model.name) or cues
        out[name] = dimension(name, level, level / 2, evidence, reason, ctx)
    return out


def _cue_sentences(s: Scan, cues: list[Evidence], name: str, reason: str, score: float, source: str) -> list[Evidence]:
    """The sentences (never a closing) holding the model's cues, each explained by its cues; for
    exploration the questions holding them, if any."""
    closing = {m.sentence for m in s.bank("closing")}
    pools = [[x for x in s.sentences if x.index not in closing]]
    if name == "exploration":  # its questions first (question_sentences, without a second pass)
        pools.insert(0, [x for x in pools[0] if x.asks])
    for pool in pools:
        out = []
        for sent in pool:
            held = [e.text for e in cues if e.end > e.start and sent.start <= e.start and e.end <= sent.end]
            if held:
                words = ", ".join(f"'{w}'" for w in held)
                why = f"learned: {reason}; the model's cue {words} (model score {score:.2f})"
                out.append(Evidence(sent.start, sent.end, sent.text, source, round(score, 3), why, name))
        if out:
            return out
    return []
