"""Fuse the packaged learned models with the rule scores of a scanned customer message."""

from __future__ import annotations

from collections.abc import Mapping

from attune.config import get_settings
from attune.models.features import extra_features
from attune.models.linear import LinearModel, Vector, packaged
from attune.scan import Scan
from attune.types import Evidence


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
    emo_vec, sit_vec = emo.vectorize_tokens(s.tokens, extras), sit.vectorize_tokens(s.tokens, extras)
    emotions = {k: round(v, 4) for k, v in emo.calibrate(emo.proba(emo_vec, rules)).items()}
    situations = {k: round(v, 4) for k, v in sit.calibrate(sit.proba(sit_vec, rules)).items()}
    # 'other' holds when no situation does, as in the rules tier
    situations["other"] = round(
        max(situations["other"], 1.0 - max(v for k, v in situations.items() if k != "other")), 4
    )
    fine_scores: dict[str, float] = {}
    if fine is not None and get_settings().fine_emotions:
        fine_scores = {
            k: round(v, 4) for k, v in fine.calibrate(fine.proba(fine.vectorize_tokens(s.tokens, extras))).items()
        }
    evidence: list[Evidence] = []
    for model, vec, scores in ((emo, emo_vec, emotions), (sit, sit_vec, situations)):
        for label, score in scores.items():
            if score >= 0.5 and label not in ("neutral", "other"):
                evidence.extend(_spans(s, model, vec, label, score))
    return emotions, situations, fine_scores, evidence


def _spans(s: Scan, model: LinearModel, vec: Vector, label: str, score: float) -> list[Evidence]:
    """Evidence for a learned label: the words that pushed it most, located in the text."""
    out: list[Evidence] = []
    top = model.top_features(vec, label, k=2)
    norms = [t.norm for t in s.tokens]
    for name, weight in top:
        words = name[2:].split("_")
        for i, t in enumerate(s.tokens):
            if norms[i : i + len(words)] == words:
                end = s.tokens[i + len(words) - 1].end
                out.append(
                    Evidence(
                        t.start,
                        end,
                        s.text[t.start : end],
                        model.name,
                        round(weight, 3),
                        f"learned cue of {label} (model score {score:.2f})",
                        label,
                    )
                )
                break
    if not out:
        out.append(Evidence(0, 0, "", model.name, round(score, 3), f"learned: {label} ({score:.2f})", label))
    return out
