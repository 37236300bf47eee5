"""The neural tier at run time: the one place analyze and assess call into."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from attune.errors import DataFileError
from attune.models.fuse import at_least_one
from attune.neural.encoder import INSTALL_HINT, Encoder, NeuralUnavailableError, Text, encoder, neural_installed
from attune.neural.heads import Head, head_path, heads_folder, layers_digest, load_cached_head, packaged_head
from attune.scan import Scan
from attune.types import CustomerAnalysis, Evidence


def require() -> None:
    """Raise a clear error unless the neural extra and its heads are installed."""
    if not neural_installed():
        raise NeuralUnavailableError(INSTALL_HINT)
    if packaged_head("emotions") is None and packaged_head("stance") is None:
        raise NeuralUnavailableError(
            "the neural tier has no trained heads in this install (they ship only where they beat the "
            "learned tier, see docs/quality.md); use ATTUNE_TIER=learned, or train them with `attune train neural`"
        )


def model_input(text: str) -> str:
    """The text the encoder sees: masked quoted history and signature removed, spaces collapsed."""
    return " ".join(text.split())


def _model_inputs(text: Text) -> Text:
    return model_input(text) if isinstance(text, str) else (model_input(text[0]), model_input(text[1]))


@lru_cache(maxsize=4096)
def embedding(text: Text) -> NDArray[np.float32]:
    """The embedding of one (masked) text, or (text, context) pair; cached, since a customer
    message is judged per reply."""
    vec: NDArray[np.float32] = encoder().embed([_model_inputs(text)])[0]
    vec.flags.writeable = False
    return vec


@cache
def tuned_encoder(name: str, folder: Path | None) -> Encoder:
    """The encoder with head ``name``'s fine-tuned top layers (from ``folder``, else shipped)."""
    head = load_cached_head(name, folder)
    return Encoder(layers=head.encoder if head is not None else None)


@lru_cache(maxsize=4096)
def tuned_embedding(text: Text, name: str, folder: Path | None) -> NDArray[np.float32]:
    """The embedding of one (masked) text, or of a (text, context) pair, by :func:`tuned_encoder`;
    cached like :func:`embedding`."""
    vec: NDArray[np.float32] = tuned_encoder(name, folder).embed([_model_inputs(text)])[0]
    vec.flags.writeable = False
    return vec


@cache
def shared_encoder_source(name: str, source: str, digest: str, folder: Path | None) -> str:
    """Check that head ``source`` in ``folder`` carries the tuned encoder head ``name`` was fitted
    over (``Head.encoder_from`` and ``Head.encoder_digest``) and return ``source``: a clear error,
    not a silently different input, when it is missing, frozen, or was retrained since."""
    found = load_cached_head(source, folder)
    where = head_path(source, folder)
    retrain = f"refit both with `attune train neural --out {where.parent}`"
    if found is None:
        raise DataFileError(f"{where} -> neural head: missing; the {name} head reads its tuned encoder ({retrain})")
    if not found.encoder:
        raise DataFileError(
            f"{where} -> neural head: has no tuned layers (a frozen head), and the {name} head reads its "
            f"tuned encoder ({retrain})"
        )
    if layers_digest(found.encoder) != digest:
        raise DataFileError(
            f"{where} -> neural head: its tuned encoder is not the one the {name} head was fitted over "
            f"(retrained since?); {retrain}"
        )
    return source


def head_input(head: Head, name: str, text: Text) -> NDArray[np.float32]:
    """What head ``name`` reads of a (masked) text or (text, context) pair: the embedding by its
    own fine-tuned layers if it ships some, by another head's if it shares that head's encoder (one
    pass serves both, the embedding cached), else by the released encoder."""
    folder = heads_folder()
    if head.encoder:
        return tuned_embedding(text, name, folder)
    if head.encoder_from:
        source = shared_encoder_source(name, head.encoder_from, head.encoder_digest, folder)
        return tuned_embedding(text, source, folder)
    return embedding(text)


def _apply(head: Head | None, name: str, s: Scan, learned: Mapping[str, float]) -> dict[str, float] | None:
    return None if head is None else head.scores(head_input(head, name, s.masked), learned)


def refine_analysis(
    s: Scan, emotions: dict[str, float], situations: dict[str, float]
) -> tuple[dict[str, float], dict[str, float], list[Evidence]]:
    """The learned tier's emotions and situations blended with the neural heads' (when shipped)."""
    require()
    emo_head, sit_head = packaged_head("emotions"), packaged_head("situations")
    if emo_head is None and sit_head is None:
        return emotions, situations, []
    evidence: list[Evidence] = []
    new_emotions = at_least_one(_apply(emo_head, "emotions", s, emotions) or emotions)
    new_situations = _apply(sit_head, "situations", s, situations) or situations
    if sit_head is not None:  # 'other' holds when no situation does, as in the other tiers
        top = max(v for k, v in new_situations.items() if k != "other")
        new_situations["other"] = round(max(new_situations["other"], 1.0 - top), 4)
    for head, scores in ((emo_head, new_emotions), (sit_head, new_situations)):
        if head is None:
            continue
        for label, score in scores.items():
            if score >= 0.5 and label not in ("neutral", "other"):
                evidence.append(
                    Evidence(0, 0, "", head.name, round(score, 3), f"neural blend: {label} ({score:.2f})", label)
                )
    return new_emotions, new_situations, evidence


def refine_stance(
    s: Scan, customer: CustomerAnalysis | None, probs: dict[str, float], model_id: str
) -> tuple[dict[str, float], str]:
    """The learned stance probabilities blended with the neural stance head's (when shipped)."""
    require()
    head = packaged_head("stance")
    if head is None:
        return probs, model_id
    reply: Text = s.masked
    if head.inputs == "reply|customer" and customer is not None:  # the reply read with the message it answers
        from attune.signoff import mask_quoted_and_signature

        reply = (s.masked, mask_quoted_and_signature(customer.text))
    return head.scores(head_input(head, "stance", reply), probs), f"{model_id}+{head.name}"
