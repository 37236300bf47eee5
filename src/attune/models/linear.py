"""A packaged linear model: TF-IDF weights, coefficients, rule inputs and calibrated thresholds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from attune.errors import DataFileError
from attune.text import Token

Vector = tuple[NDArray[np.int64], NDArray[np.float32]]


@dataclass(frozen=True)
class LinearModel:
    """``p(label) = sigmoid(tfidf(features) @ coef + rules @ rule_coef + intercept)``.

    ``thresholds`` map each label's probability to attune's convention (``>= 0.5`` present) via
    :meth:`calibrate`. ``name`` is the evidence source, e.g. ``model:emotions.v1``.
    """

    name: str
    labels: tuple[str, ...]
    vocab: dict[str, int]
    idf: NDArray[np.float32]
    coef: NDArray[np.float32]
    rule_inputs: tuple[str, ...]
    rule_coef: NDArray[np.float32]
    intercept: NDArray[np.float32]
    thresholds: NDArray[np.float32]

    @property
    def names(self) -> list[str]:
        """Feature names by column (built once per model)."""
        cached: list[str] | None = self.__dict__.get("_names")
        if cached is None:
            cached = sorted(self.vocab, key=self.vocab.__getitem__)
            object.__setattr__(self, "_names", cached)
        return cached

    def vectorize(self, features: Sequence[str] | Mapping[str, int]) -> Vector:
        """Sparse TF-IDF row (indices, values), sublinear tf, L2-normalised, as in training.

        ``features`` may be the feature list or its counts (count once, reuse for every model).
        """
        counts = features if isinstance(features, Mapping) else Counter(features)
        get = self.vocab.get
        pairs = [(i, c) for f, c in counts.items() if (i := get(f)) is not None]
        if not pairs:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
        tf = np.fromiter((c for _, c in pairs), dtype=np.float32, count=len(pairs))
        vals = ((1.0 + np.log(tf)) * self.idf[idx]).astype(np.float32)
        norm = float(np.sqrt(np.dot(vals, vals)))
        return idx, (vals / np.float32(norm) if norm else vals)

    def vectorize_tokens(self, tokens: Sequence[Token], extras: Sequence[str] = ()) -> Vector:
        """The same row as :meth:`vectorize` of :func:`features_from_tokens`, computed from
        per-word column ids cached across texts (support text reuses its words a lot)."""
        from attune.models.features import char_grams

        cache: dict[tuple[str, str], NDArray[np.int64]] = self.__dict__.setdefault("_word_ids", {})
        if len(cache) > 200_000:
            cache.clear()
        get = self.vocab.get
        parts: list[NDArray[np.int64]] = []
        loose: list[int] = []
        prev: Token | None = None
        for t in tokens:
            key = (t.norm, t.low)
            ids = cache.get(key)
            if ids is None:
                found = [i for f in ("w:" + t.norm, *char_grams(t.low)) if (i := get(f)) is not None]
                ids = cache[key] = np.array(found, dtype=np.int64)
            parts.append(ids)
            if prev is not None and prev.sentence == t.sentence:
                i = get(f"b:{prev.norm}_{t.norm}")
                if i is not None:
                    loose.append(i)
            prev = t
        loose.extend(i for f in extras if (i := get(f)) is not None)
        if loose:
            parts.append(np.array(loose, dtype=np.int64))
        if not parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx, counts = np.unique(np.concatenate(parts), return_counts=True)
        if not len(idx):
            return idx.astype(np.int64), np.zeros(0, dtype=np.float32)
        vals = ((1.0 + np.log(counts.astype(np.float32))) * self.idf[idx]).astype(np.float32)
        norm = float(np.sqrt(np.dot(vals, vals)))
        return idx.astype(np.int64), (vals / np.float32(norm) if norm else vals)

    def logits(self, vec: Vector, rules: Mapping[str, float] | None = None) -> NDArray[np.float32]:
        idx, vals = vec
        out = self.intercept + vals @ self.coef[idx] if len(idx) else self.intercept.copy()
        if self.rule_inputs:
            r = np.array([(rules or {}).get(k, 0.0) for k in self.rule_inputs], dtype=np.float32)
            out = out + r @ self.rule_coef
        return np.asarray(out, dtype=np.float32)

    def proba(
        self, features: Sequence[str] | Mapping[str, int] | Vector, rules: Mapping[str, float] | None = None
    ) -> dict[str, float]:
        """Probability of each label for a text's features (or a vector from :meth:`vectorize`)."""
        vec = features if isinstance(features, tuple) else self.vectorize(features)
        z = self.logits(vec, rules)
        p = 1.0 / (1.0 + np.exp(-z))
        return dict(zip(self.labels, (float(x) for x in p), strict=True))

    def calibrate(self, probs: Mapping[str, float]) -> dict[str, float]:
        """Map probabilities so that each label's tuned threshold lands on 0.5 (monotone)."""
        out = {}
        for label, t in zip(self.labels, self.thresholds, strict=True):
            p, t = probs[label], float(t)
            out[label] = 0.5 * p / t if p < t else 0.5 + 0.5 * (p - t) / (1.0 - t)
        return out

    def top_features(
        self, features: Sequence[str] | Mapping[str, int] | Vector, label: str, k: int = 3
    ) -> list[tuple[str, float]]:
        """The word features that pushed ``label`` up most (for evidence)."""
        j = self.labels.index(label)
        idx, vals = features if isinstance(features, tuple) else self.vectorize(features)
        if not len(idx):
            return []
        contrib = vals * self.coef[idx, j]
        names = self.names
        out = []
        for o in np.argsort(-contrib):
            if contrib[o] <= 0:
                break
            name = names[int(idx[o])]
            if name.startswith(("w:", "b:")):
                out.append((name, float(contrib[o])))
                if len(out) >= k:
                    break
        return out

    def save(self, path: Any) -> None:
        np.savez_compressed(
            path,
            name=np.array(self.name),
            labels=np.array(self.labels),
            vocab=np.array(sorted(self.vocab, key=self.vocab.__getitem__)),
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float16),
            rule_inputs=np.array(self.rule_inputs, dtype=str),
            rule_coef=self.rule_coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            thresholds=self.thresholds.astype(np.float32),
        )


def load_model(path: Any) -> LinearModel:
    """Read a model written by :meth:`LinearModel.save` (no pickle involved)."""
    try:
        with np.load(path, allow_pickle=False) as z:
            vocab_list = [str(x) for x in z["vocab"]]
            return LinearModel(
                name=str(z["name"]),
                labels=tuple(str(x) for x in z["labels"]),
                vocab={f: i for i, f in enumerate(vocab_list)},
                idf=z["idf"].astype(np.float32),
                coef=z["coef"].astype(np.float32),
                rule_inputs=tuple(str(x) for x in z["rule_inputs"]),
                rule_coef=z["rule_coef"].astype(np.float32),
                intercept=z["intercept"].astype(np.float32),
                thresholds=z["thresholds"].astype(np.float32),
            )
    except (OSError, KeyError, ValueError) as exc:
        raise DataFileError(f"{path} -> model: cannot be read ({exc}); retrain it with `attune train`") from exc


@cache
def packaged(name: str) -> LinearModel | None:
    """A model shipped in ``attune/data/models`` (``emotions``, ``situations``), if present."""
    from attune.lexicon import data_path

    path = data_path("models", f"{name}.v1.npz")
    if not path.is_file():
        return None
    with path.open("rb") as f:
        return load_model(f)
