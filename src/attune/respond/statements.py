"""The statements bank: validated on load, one entry a line after a header."""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from attune.errors import DataFileError
from attune.taxonomy import EMOTIONS, SITUATIONS

SLOTS = frozenset({"name", "detail", "feeling", "count", "wait"})
PRACTICES = frozenset(
    {
        "validation",
        "understanding",
        "apology",
        "ownership",
        "action",
        "expectation",
        "exploration",
        "recognition",
        "closing",
        "condolence",
        "gratitude",
    }
)
_SLOT = re.compile(r"\{([a-z_]*)\}")


class StatementEntry(BaseModel):
    """One statement of ``statements.v1.jsonl``."""

    model_config = ConfigDict(extra="forbid")
    id: str
    text: str = Field(min_length=5, max_length=400)
    situations: list[str]
    emotions: list[str] = []
    practice: str
    weight: float = Field(0.8, ge=0.0, le=1.0)

    @field_validator("situations")
    @classmethod
    def _situations(cls, v: list[str]) -> list[str]:
        bad = [x for x in v if x not in SITUATIONS]
        if bad or not v:
            raise ValueError(f"unknown or missing situation(s) {bad}; use names from the taxonomy")
        return v

    @field_validator("emotions")
    @classmethod
    def _emotions(cls, v: list[str]) -> list[str]:
        bad = [x for x in v if x not in EMOTIONS]
        if bad:
            raise ValueError(f"unknown emotion(s) {bad}")
        return v

    @field_validator("practice")
    @classmethod
    def _practice(cls, v: str) -> str:
        if v not in PRACTICES:
            raise ValueError(f"unknown practice '{v}'; one of {sorted(PRACTICES)}")
        return v

    @field_validator("text")
    @classmethod
    def _slots(cls, v: str) -> str:
        bad = set(_SLOT.findall(v)) - SLOTS
        if bad:
            raise ValueError(f"unknown slot(s) {sorted(bad)}; allowed: {sorted(SLOTS)}")
        return v


def load_statements(path: Any) -> list[dict[str, Any]]:
    """Read and validate the statements bank; each statement gets ``source`` and ``needs``."""
    where = "statements.v1.jsonl"
    out: list[dict[str, Any]] = []
    header: dict[str, Any] | None = None
    seen: set[str] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{where}:{lineno} -> json: {exc.msg}") from exc
        if header is None:
            header = obj
            continue
        try:
            entry = StatementEntry.model_validate(obj)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(x) for x in err["loc"])
            raise DataFileError(f"{where}:{lineno} -> {loc}: {err['msg']}") from exc
        if entry.id in seen:
            raise DataFileError(f"{where}:{lineno} -> id: '{entry.id}' is used twice")
        seen.add(entry.id)
        d = entry.model_dump()
        d["source"] = f"bank:statements.v{header.get('version', 1)}#{lineno}"
        d["needs"] = sorted(set(_SLOT.findall(entry.text)))
        out.append(d)
    return out


@cache
def statement_bank() -> tuple[dict[str, Any], ...]:
    """The packaged statements, loaded once."""
    from attune.lexicon import data_path

    return tuple(load_statements(data_path("statements.v1.jsonl")))
