"""Text features shared by training and inference: words, word pairs and character n-grams.

Words are attune's normalised tokens (lower case, contractions expanded, stemmed), so the
models see text the same way the phrase banks do.
"""

from __future__ import annotations

from functools import lru_cache

from attune.signoff import mask_quoted_and_signature
from attune.text import Token, caps_ratio, exclamations, tokenize


@lru_cache(maxsize=100_000)
def _char_grams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple(f"c:{padded[i : i + n]}" for n in (3, 4, 5) for i in range(len(padded) - n + 1))


def extra_features(tokens: list[Token] | tuple[Token, ...], masked: str) -> list[str]:
    """Whole-text features: shouting, runs of '!!', a question."""
    feats: list[str] = []
    if len(tokens) >= 3 and caps_ratio(masked) >= 0.5:
        feats.append("x:shout")
    if exclamations(masked):
        feats.append("x:bangs")
    if "?" in masked:
        feats.append("x:question")
    return feats


def char_grams(word: str) -> tuple[str, ...]:
    """Character 3-5-grams of a lower-case word padded with spaces (``c:`` features)."""
    return _char_grams(word)


def features_from_tokens(tokens: list[Token] | tuple[Token, ...], masked: str) -> list[str]:
    """Feature strings of a tokenised text (``masked`` is the text the tokens came from)."""
    feats: list[str] = []
    prev: Token | None = None
    for t in tokens:
        feats.append("w:" + t.norm)
        if prev is not None and prev.sentence == t.sentence:
            feats.append(f"b:{prev.norm}_{t.norm}")
        feats.extend(_char_grams(t.low))
        prev = t
    feats.extend(extra_features(tokens, masked))
    return feats


def text_features(text: str) -> list[str]:
    """Features of raw text (used in training; inference reuses the scan's tokens)."""
    masked = mask_quoted_and_signature(text)
    tokens, _ = tokenize(masked)
    return features_from_tokens(tokens, masked)
