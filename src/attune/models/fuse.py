"""Fuse the packaged learned models with the rule scores of a scanned customer message, and read
a reply with the packaged reply models (stance, mechanisms)."""

from __future__ import annotations

from collections.abc import Mapping

from attune.config import get_settings
from attune.models.features import extra_features
from attune.models.linear import LinearModel, Vector, packaged, packaged_space
from attune.scan import Scan
from attune.types import Evidence

#: The EPITOME mechanisms the learned mechanism model judges; its labels are ``{name}>=1``
#: (weak or strong) and ``{name}=2`` (strong) for each.
MECHANISMS = ("emotional_reaction", "interpretation", "exploration")


def available() -> bool:
    """Whether the packaged emotion and situation models are present."""
    return packaged("emotions") is not None and packaged("situations") is not None


def fuse(
    s: Scan, rule_emotions: Mapping[str, float], rule_situations: Mapping[str, float]
) -> tuple[dict[str, float], dict[str, float], dict[str, float], list[Evidence]]:
    """Learned emotions, situations and fine emotions (each 0..1, >= 0.5 present) and evidence."""
    emo, sit, fine = packaged("emotions"), packaged("situations"), packaged("emotions_fine")
    assert emo is not None and sit is not None
    extras = extra_features(s.tokens, s.masked)
    rules = {f"e:{k}": v for k, v in rule_emotions.items()}
    rules.update({f"s:{k}": v for k, v in rule_situations.items()})
    with_fine = fine is not None and get_settings().fine_emotions
    space = packaged_space("emotions", "situations", *(("emotions_fine",) if with_fine else ()))
    assert space is not None
    counted = space.count(s.tokens, extras)
    emo_vec, sit_vec = space.project(counted, 0), space.project(counted, 1)
    emotions = at_least_one({k: round(v, 4) for k, v in emo.calibrate(emo.proba(emo_vec, rules)).items()})
    situations = {k: round(v, 4) for k, v in sit.calibrate(sit.proba(sit_vec, rules)).items()}
    # 'other' holds when no situation does, as in the rules tier
    situations["other"] = round(
        max(situations["other"], 1.0 - max(v for k, v in situations.items() if k != "other")), 4
    )
    fine_scores: dict[str, float] = {}
    if with_fine:
        assert fine is not None
        fine_scores = {k: round(v, 4) for k, v in fine.calibrate(fine.proba(space.project(counted, 2))).items()}
    evidence: list[Evidence] = []
    norms = [t.norm for t in s.tokens]
    for model, vec, scores in ((emo, emo_vec, emotions), (sit, sit_vec, situations)):
        for label, score in scores.items():
            if score >= 0.5 and label not in ("neutral", "other"):
                why = f"learned cue of {label} (model score {score:.2f})"
                evidence.extend(located_evidence(s, model, vec, label, score, label, why, norms))
    return emotions, situations, fine_scores, evidence


def reply_vectors(s: Scan) -> dict[str, Vector]:
    """A reply's feature rows for the packaged reply models (stance, mechanisms), counted once."""
    names = tuple(n for n in ("stance", "mechanisms") if packaged(n) is not None)
    space = packaged_space(*names) if names else None
    if space is None:
        return {}
    counted = space.count(s.tokens, extra_features(s.tokens, s.masked))
    return {name: space.project(counted, k) for k, name in enumerate(names)}


def mechanism_levels(model: LinearModel, vec: Vector, feats: Mapping[str, float]) -> dict[str, tuple[int, float]]:
    """Each mechanism's learned level and the calibrated score behind it (>= 0.5: at least that
    level): 0 unless ``{name}>=1`` holds, 2 when ``{name}=2`` holds too, else 1."""
    p = model.calibrate(model.proba(vec, feats))
    out: dict[str, tuple[int, float]] = {}
    for name in MECHANISMS:
        weak, strong = p[f"{name}>=1"], p[f"{name}=2"]
        out[name] = (0, weak) if weak < 0.5 else (2, strong) if strong >= 0.5 else (1, weak)
    return out


def at_least_one(emotions: dict[str, float]) -> dict[str, float]:
    """Every customer message carries some emotion (``neutral`` included): when no score reaches
    0.5, the likeliest label is raised to 0.5, so it reads as present. Chosen on the inner
    validation split of the CX training set (0.694 -> 0.706 macro-F1; docs/quality.md).

    >>> at_least_one({"anger": 0.1, "disappointment": 0.32, "neutral": 0.05})
    {'anger': 0.1, 'disappointment': 0.5, 'neutral': 0.05}
    >>> at_least_one({"anger": 0.7, "neutral": 0.2})
    {'anger': 0.7, 'neutral': 0.2}
    """
    top = max(emotions, key=emotions.__getitem__)
    if emotions[top] >= 0.5:
        return emotions
    return {**emotions, top: 0.5}


def located_evidence(
    s: Scan,
    model: LinearModel,
    vec: Vector,
    label: str,
    score: float,
    evidence_label: str,
    why: str,
    norms: list[str] | None = None,
) -> list[Evidence]:
    """Evidence for a learned label: the words that pushed it most, located in the text, each
    explained by ``why`` (a word inside a word pair also shown is not shown twice). When no such
    word is in the text (only character n-grams or rule features pushed it), one evidence without
    a span says so. ``norms``: the normalised words of ``s.tokens``, if already at hand."""
    norms = norms if norms is not None else [t.norm for t in s.tokens]
    spans: list[tuple[int, int, float]] = []
    for name, weight in model.top_features(vec, label, k=2):
        span = feature_span(s, name, norms)
        if span is not None:
            spans.append((*span, weight))
    out = [
        Evidence(a, b, s.text[a:b], model.name, round(w, 3), why, evidence_label)
        for a, b, w in spans
        if not any(c <= a and b <= d and (c, d) != (a, b) for c, d, _ in spans)
    ]
    if not out:
        out.append(Evidence(0, 0, "", model.name, round(score, 3), why, evidence_label))
    return out


def feature_span(s: Scan, feature: str, norms: list[str]) -> tuple[int, int] | None:
    """Where a word or word-pair feature (``w:sorri``, ``b:so_sorri``) first occurs in the text
    (``norms``: the normalised words of ``s.tokens``), or ``None``."""
    words = feature[2:].split("_")
    i = _find(norms, words)
    return None if i < 0 else (s.tokens[i].start, s.tokens[i + len(words) - 1].end)


def surface(s: Scan, feature: str, norms: list[str]) -> str:
    """How a word or word-pair feature reads in the text ("so sorry" for ``b:so_sorri``): its
    first occurrence, else its normalised words."""
    span = feature_span(s, feature, norms)
    return feature[2:].replace("_", " ") if span is None else s.text[span[0] : span[1]]


def _find(norms: list[str], words: list[str]) -> int:
    """Where ``words`` first occur in ``norms`` as a run, or -1."""
    n, i = len(words), -1
    while True:
        try:
            i = norms.index(words[0], i + 1)
        except ValueError:
            return -1
        if norms[i : i + n] == words:
            return i
