"""Fine-tuning the top layers of MiniLM, with a softmax layer over its embedding for one-label
classification (the reply's stance) or a sigmoid layer for multi-label (the customer's emotions),
on the CPU.

Only the top ``top`` transformer layers and the softmax layer learn; the embeddings and lower
layers stay as released, so what ships is a few layers (:attr:`Tuned.layers`, float16) that
:class:`~attune.neural.encoder.Encoder` lays over the packaged weights. The embedding is the
encoder's own (mean-pooled, L2-normalised), so a tuned head reads exactly what the run-time tier
computes. Deterministic for a given thread count: seed 13, a fixed batch order.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from attune.neural.encoder import DIM, Encoder, Text, text_length

SEED = 13
#: Chosen on the reply corpus' validation split (docs/quality.md, "Neural tier"): the top two of
#: six layers, three epochs, AdamW at 5e-5 (layers) and 1e-3 (softmax), batches of 16.
TOP_LAYERS = 2
EPOCHS = 3
LR = 5e-5
HEAD_LR = 1e-3
BATCH = 16


@dataclass(frozen=True)
class Tuned:
    """The outcome of :func:`finetune`: the tuned layers (state-dict name -> float16 array) and
    the softmax layer (``w`` of shape (384, labels), ``b``)."""

    layers: dict[str, NDArray[np.float16]]
    w: NDArray[np.float32]
    b: NDArray[np.float32]


def _batches(order: list[int], texts: Sequence[Text], size: int, rng: random.Random) -> list[list[int]]:
    """Batches of similar length (less padding), in a shuffled order."""
    out: list[list[int]] = []
    for start in range(0, len(order), 16 * size):
        chunk = sorted(order[start : start + 16 * size], key=lambda i: text_length(texts[i]))
        out += [chunk[k : k + size] for k in range(0, len(chunk), size)]
    rng.shuffle(out)
    return out


def finetune(
    encoder: Encoder,
    texts: Sequence[Text],
    labels: Sequence[int] | NDArray[Any],
    n_labels: int,
    *,
    top: int = TOP_LAYERS,
    epochs: int = EPOCHS,
    log: Callable[[str], None] = lambda _m: None,
) -> Tuned:
    """Fine-tune ``encoder``'s top ``top`` layers and an output layer on ``texts`` (prepared as the
    tier prepares them; ``(text, context)`` pairs as :class:`~attune.neural.encoder.Encoder` reads
    them). ``labels``: one class a text (0..n_labels-1; softmax, class-balanced cross-entropy), or a
    0/1 matrix of shape (texts, n_labels) (sigmoids, binary cross-entropy with each label's
    positives weighted by its negatives over its positives). The encoder is changed in place (pass
    a fresh one) and left in evaluation mode."""
    torch: Any = encoder.torch
    torch.manual_seed(SEED)
    model = encoder.model
    layers = model.encoder.layer
    if not 1 <= top <= len(layers):
        raise ValueError(f"top: {top} is not between 1 and {len(layers)}")
    tuned = layers[len(layers) - top :]
    for p in model.parameters():
        p.requires_grad = False
    for layer in tuned:
        for p in layer.parameters():
            p.requires_grad = True
    head = torch.nn.Linear(DIM, n_labels)
    opt = torch.optim.AdamW(
        [
            {"params": [p for p in model.parameters() if p.requires_grad], "lr": LR},
            {"params": list(head.parameters()), "lr": HEAD_LR},
        ],
        weight_decay=0.01,
    )
    y = np.asarray(labels)
    loss_fn: Any
    if y.ndim == 2:  # multi-label
        y = y.astype(np.float32)
        pos = y.sum(axis=0)
        pos_weight = torch.tensor((len(y) - pos) / np.maximum(pos, 1.0), dtype=torch.float32)
        loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    else:
        y = y.astype(np.int64)
        counts = np.bincount(y, minlength=n_labels).astype(np.float32)
        weight = torch.tensor(len(y) / (n_labels * np.maximum(counts, 1.0)), dtype=torch.float32)
        loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
    model.train()
    try:
        for epoch in range(epochs):
            total, batches = 0.0, _batches(list(range(len(texts))), texts, BATCH, random.Random(SEED + epoch))
            for b in batches:
                loss = loss_fn(head(encoder.forward([texts[i] for i in b])), torch.from_numpy(y[b]))
                opt.zero_grad()
                loss.backward()
                opt.step()
                total += float(loss.item())
            log(f"fine-tune: epoch {epoch + 1}/{epochs}, mean loss {total / max(1, len(batches)):.4f}")
    finally:
        model.eval()
        for p in model.parameters():
            p.requires_grad = False
    first = len(layers) - top
    state = {
        k: v.detach().numpy().astype(np.float16)
        for k, v in model.state_dict().items()
        if k.startswith("encoder.layer.") and int(k.split(".")[2]) >= first
    }
    return Tuned(
        state,
        head.weight.detach().numpy().T.astype(np.float32).copy(),
        head.bias.detach().numpy().astype(np.float32).copy(),
    )


def probabilities(
    encoder: Encoder, texts: Sequence[Text], w: NDArray[np.float32], b: NDArray[np.float32], *, multilabel: bool = False
) -> NDArray[np.float32]:
    """Probabilities of ``texts`` under a tuned output layer ``(w, b)`` over ``encoder``'s
    embeddings: softmax, or one sigmoid a label when ``multilabel``."""
    z = encoder.embed(list(texts)) @ w + b
    if multilabel:
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float32)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)
