"""The public surface stays small and explicit."""

from __future__ import annotations

import attune

EXPECTED = {
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
}


def test_all_is_exactly_the_public_api() -> None:
    assert set(attune.__all__) == EXPECTED


def test_every_exported_name_exists_and_is_documented() -> None:
    for name in attune.__all__:
        obj = getattr(attune, name)
        if name != "__version__":
            assert obj.__doc__, f"{name} has no docstring"
            assert getattr(obj, "__module__", "").startswith("attune"), name
