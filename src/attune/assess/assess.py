"""``assess``: judge an agent's reply against the customer it answers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal, NamedTuple, cast

from attune.assess import commitments as c
from attune.assess import dimensions as d
from attune.assess import mechanisms as mech
from attune.assess.context import Context, build_context
from attune.assess.stance import contributions, explain, features, stance_scores
from attune.config import get_settings
from attune.lexicon import load
from attune.models.features import extra_features
from attune.models.fuse import surface
from attune.models.linear import LinearModel, Vector, packaged
from attune.perceive.analyze import analyze
from attune.scan import Scan, scan
from attune.taxonomy import DIMENSIONS, STANCES
from attune.text import caps_ratio, check
from attune.types import CustomerAnalysis, Dimension, Evidence, ReplyAssessment, Stance


def assess(
    reply: str,
    *,
    customer: str | CustomerAnalysis | None = None,
    customer_name: str | None = None,
    agent_name: str | None = None,
) -> ReplyAssessment:
    """Judge a reply: stance, a 0..100 score, and every dimension with its evidence.

    ``customer`` is the customer's message (text, or an :func:`analyze` result); without it the
    reply is judged on its own and context-dependent checks assume an issue to resolve.

    >>> r = assess("Sorry for any inconvenience.", customer="My parcel is two weeks late!")
    >>> r.stance
    'sympathy'
    """
    text = check(reply, what="reply")
    analysis = analyze(customer, customer_name=customer_name) if isinstance(customer, str) else customer
    judged = judge(text, analysis, customer_name)
    dims, feats, s = judged.dims, judged.feats, judged.scan
    weights = load().weights
    probs, model_id, pushed = stance_probabilities(s, feats, judged.vectors.get("stance"))
    if get_settings().tier == "neural":  # the optional tier: blends in a MiniLM stance head
        from attune.neural import refine_stance

        probs, model_id = refine_stance(s, analysis, probs, model_id)
    stance = cast(Stance, max(probs, key=probs.__getitem__))
    score = _score(dims, probs, feats, weights["score"])
    why = explain(pushed)
    evidence = [
        Evidence(
            0,
            0,
            "",
            model_id,
            probs[stance],
            f"stance {stance} ({probs[stance]:.0%}); strongest features: {why}",
            "stance",
        )
    ]
    for name in DIMENSIONS:
        evidence.extend(e for e in dims[name].evidence if e.end > e.start)
    del agent_name  # accepted for the API's shape; the rules do not judge the signature yet
    return ReplyAssessment(
        text=s.text,
        stance=stance,
        stance_scores=probs,
        score=score,
        dimensions=dims,
        evidence=tuple(evidence),
        customer=analysis,
    )


class Judgment(NamedTuple):
    """A checked reply read once. ``feats``: the rule features (from the rules' dimensions: the
    inputs of the stance and mechanism models); ``vectors``: the packaged reply models' feature
    rows (empty in the rules tier and when a mechanism model is passed to :func:`judge`); ``ctx``
    and ``counts``: what the features were derived from."""

    dims: dict[str, Dimension]
    feats: dict[str, float]
    scan: Scan
    vectors: dict[str, Vector]
    ctx: Context
    counts: dict[str, float]


def judge(
    text: str,
    analysis: CustomerAnalysis | None,
    customer_name: str | None = None,
    *,
    mechanisms: LinearModel | Literal["packaged"] | None = "packaged",
) -> Judgment:
    """The dimensions of a checked reply and its stance features.

    The rules judge every dimension and give the stance features; a mechanism model (by default
    the packaged one, outside the rules tier) then refines the three EPITOME mechanisms
    (:func:`refine_judgment`). The stance features keep the rules' levels: the stance model was
    trained on them (learned levels there were measured and not kept, docs/quality.md). Training
    passes ``mechanisms=None`` for the rules' reading alone, or a model of its own."""
    ctx = build_context(analysis, customer_name)
    s = scan(text)
    shout = caps_ratio(s.masked) if len(s.tokens) >= 4 else 0.0
    dims: dict[str, Dimension] = {
        "emotional_reaction": mech.emotional_reaction(s, ctx),
        "interpretation": mech.interpretation(s, ctx),
        "exploration": mech.exploration(s, ctx),
        "personalization": d.personalization(s, ctx),
        "ownership": c.ownership(s, ctx),
        "apology": d.apology(s, ctx),
        "action": c.action(s, ctx),
        "expectation": c.expectation(s, ctx),
        "tone": d.tone(s, ctx, shout),
        "closing": d.closing(s, ctx),
    }
    counts: dict[str, float] = {
        "canned": len(s.bank("sympathy")),
        "apathy": round(_noisy_or(m.entry.weight for m in s.affirmed(s.bank("apathy"))) * 2, 3),
        "blame": len(s.affirmed(s.bank("tone", "blame"))),
        "deflect": len(s.affirmed(s.bank("ownership", "deflect"))),
        "cancel_but": len(d.cancelling_buts(s)),
        "jargon": len(s.bank("tone", "jargon")),
        "generic_validation": len(s.bank("validation", "generic")) + len(s.bank("sympathy", "canned_sympathy")),
        "passive": len(s.bank("ownership", "passive")),
        "question": sum(q.is_question for q in s.sentences),
        "tokens": len(s.tokens),
    }
    judged = Judgment(dims, features(dims, counts, ctx.upset), s, {}, ctx, counts)
    if not isinstance(mechanisms, str):
        return judged if mechanisms is None else refine_judgment(judged, mechanisms)
    if get_settings().tier == "rules":
        return judged
    from attune.models.fuse import reply_vectors

    judged = judged._replace(vectors=reply_vectors(s))
    model = packaged("mechanisms") if "mechanisms" in judged.vectors else None
    return judged if model is None else refine_judgment(judged, model)


def refine_judgment(judged: Judgment, model: LinearModel) -> Judgment:
    """``judged`` with its mechanisms refined by ``model``, where it disagrees with the rules."""
    s = judged.scan
    vec = judged.vectors.get("mechanisms")
    if vec is None:
        vec = model.vectorize_tokens(s.tokens, extra_features(s.tokens, s.masked))
    return judged._replace(dims={**judged.dims, **mech.refine(s, judged.dims, judged.feats, vec, judged.ctx, model)})


def stance_probabilities(
    s: Scan, feats: dict[str, float], vec: Vector | None = None
) -> tuple[dict[str, float], str, list[tuple[str, float]]]:
    """Stance probabilities, the model id, and the features that pushed the winner most.

    The learned model (words of the reply plus the rule features) is used when the tier is not
    'rules' and it is packaged; otherwise the hand-set linear weights of ``weights.v1.json``.
    """
    model = packaged("stance") if get_settings().tier != "rules" else None
    if model is None:
        weights: dict[str, dict[str, float]] = load().weights["stance"]
        probs = stance_scores(feats, weights)
        top = max(probs, key=probs.__getitem__)
        return probs, "model:stance.rules.v1", contributions(feats, weights[top])
    if vec is None:
        vec = model.vectorize_tokens(s.tokens, extra_features(s.tokens, s.masked))
    raw = model.proba(vec, feats)
    total = sum(raw.values()) or 1.0
    probs = {k: round(raw[k] / total, 4) for k in STANCES}
    top = max(probs, key=probs.__getitem__)
    j = model.labels.index(top)
    coefs = model.rule_coef[:, j].tolist()  # one conversion, not one NumPy scalar per input
    parts = [(f, c * feats[f]) for f, c in zip(model.rule_inputs, coefs, strict=True) if f in feats]
    norms = [t.norm for t in s.tokens]
    parts += [(f"'{surface(s, n, norms)}'", w) for n, w in model.top_features(vec, top, k=2)]
    return probs, model.name, sorted((p for p in parts if abs(p[1]) > 1e-6), key=lambda p: -abs(p[1]))


def _noisy_or(weights: Iterable[float]) -> float:
    p = 1.0
    for w in weights:
        p *= 1.0 - w
    return 1.0 - p


def _score(
    dims: dict[str, Dimension],
    probs: dict[str, float],
    feats: dict[str, float],
    w: dict[str, object],
) -> float:
    dim_w: dict[str, float] = w["dimensions"]  # type: ignore[assignment]
    total = sum(dim_w[n] for n, x in dims.items() if x.applicable)
    base = sum(dim_w[n] * (x.score or 0.0) for n, x in dims.items() if x.applicable) / total
    bonus: dict[str, float] = w["stance_bonus"]  # type: ignore[assignment]
    value = 100 * (float(w["base_share"]) * base + sum(bonus[k] * p for k, p in probs.items()))  # type: ignore[arg-type]
    value *= 1.0 - float(w["apathy_penalty"]) * probs["apathy"]  # type: ignore[arg-type]
    return round(max(0.0, min(100.0, value)), 1)
