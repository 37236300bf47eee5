"""Neural heads over MiniLM embeddings, blended with the learned tier's scores.

A head is a logistic layer (one sigmoid a label, or a softmax for stance) over the 384-float
embedding. Its probability is blended, per label, with the learned tier's score:
``q = alpha * learned + (1 - alpha) * neural``, and ``q`` is mapped so that a threshold tuned on
data the learned models were not fitted on lands on 0.5 (attune's convention). Heads are ``.npz``
files (no pickle) in ``attune/data/models`` or a folder the caller names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from attune.errors import DataFileError

HEADS = ("emotions", "situations", "stance")
#: Prefix of the tuned encoder layers' names in a head file.
ENCODER_KEY = "encoder:"


@dataclass(frozen=True)
class Head:
    """``neural = act(x @ w + b)``; ``x`` is the text's embedding (``inputs == "text"``), or, for
    ``inputs == "reply|customer"``, the reply's embedding as read together with the customer's
    message it answers (a sentence pair, pooled over the reply: :mod:`attune.neural.encoder`).
    ``encoder``: top layers of MiniLM
    fine-tuned with this head (state-dict name -> float16 array); when present, the text is
    embedded by the encoder with these layers in place of the released ones. ``encoder_from``:
    instead of layers of its own, the head reads the embedding by head ``encoder_from``'s tuned
    encoder (one encoder pass serves both), and ``encoder_digest`` is :func:`layers_digest` of
    the layers it was fitted over, so a retrained source head cannot silently change its input."""

    name: str
    labels: tuple[str, ...]
    kind: str  # "sigmoid" (multi-label) or "softmax" (one label)
    inputs: str  # "text" or "reply|customer"
    w: NDArray[np.float32]
    b: NDArray[np.float32]
    alpha: NDArray[np.float32]
    thresholds: NDArray[np.float32]
    encoder: Mapping[str, NDArray[np.float16]] = field(default_factory=dict)
    encoder_from: str = ""
    encoder_digest: str = ""

    def neural(self, x: NDArray[np.float32]) -> NDArray[np.float32]:
        """Head probabilities for rows of inputs ``x`` (shape (n, in)) -> (n, labels)."""
        z = x @ self.w + self.b
        if self.kind == "softmax":
            z = z - z.max(axis=1, keepdims=True)
            e = np.exp(z)
            return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float32)

    def blend(self, learned: NDArray[np.float32], neural: NDArray[np.float32]) -> NDArray[np.float32]:
        """Blend with the learned tier's scores and calibrate (threshold -> 0.5); same shapes."""
        q = self.alpha * learned + (1.0 - self.alpha) * neural
        if self.kind == "softmax":
            return np.asarray(q / q.sum(axis=-1, keepdims=True), dtype=np.float32)
        t = self.thresholds
        return np.asarray(np.where(q < t, 0.5 * q / t, 0.5 + 0.5 * (q - t) / (1.0 - t)), dtype=np.float32)

    def scores(self, x: NDArray[np.float32], learned: Mapping[str, float]) -> dict[str, float]:
        """Blended, calibrated scores of one text (``x`` one input row)."""
        row = np.array([learned[k] for k in self.labels], dtype=np.float32)
        out = self.blend(row, self.neural(x[None, :])[0])
        return {k: round(float(v), 4) for k, v in zip(self.labels, out, strict=True)}

    def save(self, path: Any) -> None:
        arrays: dict[str, Any] = {
            "name": np.array(self.name),
            "labels": np.array(self.labels),
            "kind": np.array(self.kind),
            "inputs": np.array(self.inputs),
            "w": self.w.astype(np.float32),
            "b": self.b.astype(np.float32),
            "alpha": self.alpha.astype(np.float32),
            "thresholds": self.thresholds.astype(np.float32),
        }
        if self.encoder_from:
            arrays.update(encoder_from=np.array(self.encoder_from), encoder_digest=np.array(self.encoder_digest))
        arrays.update({f"{ENCODER_KEY}{k}": v.astype(np.float16) for k, v in self.encoder.items()})
        np.savez_compressed(path, **arrays)


def load_head(path: Any) -> Head:
    """Read a head written by :meth:`Head.save` (no pickle involved)."""
    try:
        with np.load(path, allow_pickle=False) as z:
            return Head(
                name=str(z["name"]),
                labels=tuple(str(x) for x in z["labels"]),
                kind=str(z["kind"]),
                inputs=str(z["inputs"]),
                w=z["w"].astype(np.float32),
                b=z["b"].astype(np.float32),
                alpha=z["alpha"].astype(np.float32),
                thresholds=z["thresholds"].astype(np.float32),
                encoder={k[len(ENCODER_KEY) :]: z[k] for k in z.files if k.startswith(ENCODER_KEY)},
                encoder_from=str(z["encoder_from"]) if "encoder_from" in z.files else "",
                encoder_digest=str(z["encoder_digest"]) if "encoder_digest" in z.files else "",
            )
    except (OSError, KeyError, ValueError) as exc:
        raise DataFileError(
            f"{path} -> neural head: cannot be read ({exc}); retrain with `attune train neural`"
        ) from exc


def layers_digest(layers: Mapping[str, NDArray[Any]]) -> str:
    """SHA-256 of tuned layers as a head stores them (float16, by name): what a head that shares
    another head's encoder records of the layers it was fitted over."""
    h = hashlib.sha256()
    for name in sorted(layers):
        h.update(name.encode())
        h.update(np.ascontiguousarray(layers[name], dtype=np.float16).tobytes())
    return h.hexdigest()


def head_path(name: str, folder: Path | None = None) -> Path:
    """Where head ``name`` lives: ``folder`` if given, else the package's ``data/models``."""
    if folder is not None:
        return folder / f"{name}.neural.v1.npz"
    from attune.lexicon import data_path

    return Path(str(data_path("models", f"{name}.neural.v1.npz")))


def heads_folder() -> Path | None:
    """A folder of retrained heads (the ``neural_dir`` setting, ``ATTUNE_NEURAL_DIR``); ``None``
    means the heads shipped in the package."""
    from attune.config import get_settings

    value = get_settings().neural_dir
    return Path(value).expanduser() if value else None


def packaged_head(name: str) -> Head | None:
    """Head ``name`` from :func:`heads_folder`, else shipped in ``attune/data/models``, if present."""
    return load_cached_head(name, heads_folder())


@cache
def load_cached_head(name: str, folder: Path | None) -> Head | None:
    """Head ``name`` from ``folder`` (``None``: the package's), read once a process; ``None`` if absent."""
    path = head_path(name, folder)
    if not path.is_file():
        return None
    with path.open("rb") as f:
        return load_head(f)
