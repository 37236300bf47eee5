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
        space: FeatureSpace | None = self.__dict__.get("_space")
        if space is None:
            space = FeatureSpace((self,))
            object.__setattr__(self, "_space", space)
        return space.project(space.count(tokens, extras), 0)

    def logits(self, vec: Vector, rules: Mapping[str, float] | None = None) -> NDArray[np.float32]:
        idx, vals = vec
        out = self.intercept + vals @ self.coef.take(idx, axis=0) if len(idx) else self.intercept.copy()
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
        """The word features that pushed ``label`` up most (for evidence): words and word pairs,
        never character n-grams, and never ones made only of function words (the
        ``function_word`` class of ``classes.json``: 'the' or 'is' explain nothing to a reader)."""
        j = self.labels.index(label)
        idx, vals = features if isinstance(features, tuple) else self.vectorize(features)
        if not len(idx):
            return []
        words: NDArray[np.bool_] | None = self.__dict__.get("_word_columns")
        if words is None:  # computed once per model
            from attune.lexicon import load

            skip = load().classes["function_word"]
            words = np.array(
                [n.startswith(("w:", "b:")) and not all(w in skip for w in n[2:].split("_")) for n in self.names],
                dtype=bool,
            )
            object.__setattr__(self, "_word_columns", words)
        keep = words.take(idx)
        idx, vals = idx[keep], vals[keep]
        contrib = vals * self.coef[idx, j]
        names = self.names
        out = []
        for o in np.argsort(-contrib, kind="stable")[:k]:
            if contrib[o] <= 0:
                break
            out.append((names[int(idx[o])], float(contrib[o])))
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


class FeatureSpace:
    """The union of some models' vocabularies, so that a text's features are counted once for all.

    :meth:`count` reads the tokens once (words, word pairs and character n-grams, with per-word
    ids cached across texts); :meth:`project` turns the counts into one model's TF-IDF row, the
    same row as :meth:`LinearModel.vectorize`. Vocabularies are sorted (as training writes them),
    and so is the union, so a projected row keeps the model's column order.
    """

    _MAX_CACHED_WORDS = 200_000

    def __init__(self, models: Sequence[LinearModel]) -> None:
        self.models = tuple(models)
        names = sorted(set().union(*(m.vocab for m in self.models)))
        self.index = {f: i for i, f in enumerate(names)}
        self.columns: list[NDArray[np.int64]] = []
        for m in self.models:
            cols = np.full(len(names), -1, dtype=np.int64)
            cols[np.fromiter((self.index[f] for f in m.names), dtype=np.int64, count=len(m.vocab))] = np.arange(
                len(m.vocab), dtype=np.int64
            )
            self.columns.append(cols)
        self._words: dict[tuple[str, str], list[int]] = {}

    def count(
        self, tokens: Sequence[Token], extras: Sequence[str] = ()
    ) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Ids of the text's features in this space (sorted) and their counts."""
        from attune.models.features import char_grams

        words = self._words
        if len(words) > self._MAX_CACHED_WORDS:
            words.clear()
        get = self.index.get
        ids: list[int] = []
        add = ids.extend
        prev_norm = ""
        prev_sentence = -1
        for t in tokens:
            norm = t.norm
            key = (norm, t.low)
            found = words.get(key)
            if found is None:
                found = words[key] = [i for f in ("w:" + norm, *char_grams(t.low)) if (i := get(f)) is not None]
            add(found)
            if t.sentence == prev_sentence:
                i = get(f"b:{prev_norm}_{norm}")
                if i is not None:
                    ids.append(i)
            prev_norm, prev_sentence = norm, t.sentence
        ids.extend(i for f in extras if (i := get(f)) is not None)
        if not ids:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        ordered = np.sort(np.fromiter(ids, dtype=np.int64, count=len(ids)))
        first = np.empty(len(ordered), dtype=bool)
        first[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        counts = np.diff(np.append(starts, len(ordered))).astype(np.float32)
        return ordered[starts], counts

    def project(self, counted: tuple[NDArray[np.int64], NDArray[np.float32]], k: int) -> Vector:
        """Model ``k``'s L2-normalised TF-IDF row (sublinear tf) of counted features."""
        ids, counts = counted
        cols = self.columns[k].take(ids)
        keep = cols >= 0
        if not keep.all():
            cols, counts = cols[keep], counts[keep]
        if not len(cols):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        vals = (1.0 + np.log(counts)) * self.models[k].idf.take(cols)
        norm = float(np.sqrt(np.dot(vals, vals)))
        return cols, (vals / np.float32(norm) if norm else vals).astype(np.float32, copy=False)


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


@cache
def packaged_space(*names: str) -> FeatureSpace | None:
    """One feature space over packaged models (``None`` if any is missing), cached per process."""
    models = [packaged(n) for n in names]
    if any(m is None for m in models):
        return None
    return FeatureSpace([m for m in models if m is not None])
