"""attune: an empathy engine for customer support.

>>> from attune import analyze, assess
>>> assess("There's nothing I can do.", customer="My order is two weeks late!").stance
'apathy'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from attune.assess import assess
from attune.errors import AttuneError
from attune.perceive import analyze
from attune.respond.draft import draft
from attune.respond.rewrite import rewrite
from attune.respond.suggest import suggest
from attune.types import (
    CustomerAnalysis,
    Dimension,
    Draft,
    Edit,
    Evidence,
    ReplyAssessment,
    Rewrite,
    Suggestion,
)

try:
    __version__ = version("attune")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "AttuneError",
    "CustomerAnalysis",
    "Dimension",
    "Draft",
    "Edit",
    "Evidence",
    "ReplyAssessment",
    "Rewrite",
    "Suggestion",
    "__version__",
    "analyze",
    "assess",
    "draft",
    "rewrite",
    "suggest",
]
