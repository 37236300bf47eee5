"""Importers: helpdesk exports in, :class:`~attune.qa.model.Conversation` objects out, streamed.

Each shape is a function ``read(raw, name, on_issue) -> Iterator[Conversation]`` over a binary
file; :func:`detect` names the shape of a file from its first bytes, and raises
:class:`~attune.qa.errors.NotAnExportError` for a file that is not an export at all.

>>> sorted(READERS)
['csv', 'freshdesk', 'intercom', 'jsonl', 'parquet', 'zendesk']
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from attune.qa.errors import NotAnExportError
from attune.qa.importers import freshdesk, generic, intercom, zendesk
from attune.qa.jsonstream import sniff_encoding
from attune.qa.model import Conversation, Issue

Reader = Callable[[IO[bytes], str, Callable[[Issue], None]], Iterator[Conversation]]

READERS: dict[str, Reader] = {
    zendesk.SHAPE: zendesk.read,
    freshdesk.SHAPE: freshdesk.read,
    intercom.SHAPE: intercom.read,
    generic.SHAPE_CSV: generic.read_csv,
    generic.SHAPE_JSONL: generic.read_jsonl,
    generic.SHAPE_PARQUET: generic.read_parquet,
}
SHAPES = tuple(READERS)
_HEAD = 1 << 16
_EXPECTED = (
    "expected Zendesk tickets, Freshdesk tickets or Intercom conversations as JSON, or message rows "
    "with the columns conversation_id, role and text as CSV, JSONL or Parquet"
)


def detect(path: Path) -> str:
    """The shape of an export file, from its first 64 KiB.

    Raises :class:`NotAnExportError` naming what was expected when no shape fits.
    """
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD)
    except FileNotFoundError:
        raise NotAnExportError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise NotAnExportError(f"{path} is a folder; give the export files in it") from None
    except OSError as exc:
        raise NotAnExportError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not head.strip():
        raise NotAnExportError(f"{path} is empty; {_EXPECTED}")
    if head.startswith(b"PAR1"):
        return generic.SHAPE_PARQUET
    encoding, skip = sniff_encoding(head)
    # A stray NUL in a text export is a bad row (reported later); many of them mean binary data.
    if encoding == "utf-8" and head.count(b"\x00") > max(1, len(head) // 200):
        raise NotAnExportError(f"{path} looks like a binary file, not an export; {_EXPECTED}")
    text = head[skip:].decode(encoding, errors="replace")
    if encoding.startswith(("utf-16", "utf-32")) and len(head) == _HEAD:
        text = text[:-2]
    start = text.lstrip()[:1]
    if start in ("{", "["):
        return _detect_json(path, text)
    if path.suffix.lower() in (".json", ".jsonl", ".ndjson"):
        raise NotAnExportError(f"{path} is not JSON (it starts with {start!r}); {_EXPECTED}")
    first = text.splitlines()[0] if text.splitlines() else ""
    delimiter = max(",;\t", key=first.count)
    header = [h.strip().strip('"') for h in first.split(delimiter)]
    if first.count(delimiter) and not generic.missing_columns(header):
        return generic.SHAPE_CSV
    found = ", ".join(h for h in header[:8] if h) or "no columns"
    raise NotAnExportError(f"{path} is not an export attune can read (its first line has {found}); {_EXPECTED}")


def _detect_json(path: Path, text: str) -> str:
    scores = {
        zendesk.SHAPE: sum(text.count(m) for m in zendesk.MARKERS),
        freshdesk.SHAPE: sum(text.count(m) for m in freshdesk.MARKERS),
        intercom.SHAPE: sum(text.count(m) for m in intercom.MARKERS),
    }
    # A key that only one shape has decides on its own.
    if '"conversation_parts"' in text or '"conversation.list"' in text:
        return intercom.SHAPE
    if '"description_text"' in text or '"incoming"' in text:
        return freshdesk.SHAPE
    if '"comments"' in text and '"author_id"' in text:
        return zendesk.SHAPE
    first_line = text.lstrip().split("\n", 1)[0]
    try:
        row = json.loads(first_line)
    except ValueError:
        row = None
    if isinstance(row, dict) and not generic.missing_columns(row):
        return generic.SHAPE_JSONL
    best = max(scores, key=lambda k: scores[k])
    if scores[best] >= 2:
        return best
    raise NotAnExportError(f"{path} is JSON but not an export attune can read; {_EXPECTED}")


@dataclass(frozen=True, slots=True)
class Export:
    """One export file and its shape."""

    path: Path
    shape: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    def read(
        self, on_issue: Callable[[Issue], None], progress: Callable[[int], None] | None = None
    ) -> Iterator[Conversation]:
        """The file's conversations; ``progress`` gets the bytes read so far after each."""
        reader = READERS[self.shape]
        with self.path.open("rb") as raw:
            for conv in reader(raw, str(self.path), on_issue):
                if progress is not None:
                    progress(raw.tell())
                yield conv


def open_exports(paths: list[Path], shape: str | None = None) -> list[Export]:
    """Exports for the given files, each file's shape detected (or forced with ``shape``).

    Every file is checked before any is read, so a wrong file fails fast with one clear error.
    """
    if shape is not None and shape not in READERS:
        raise NotAnExportError(f"unknown export shape {shape!r}; use one of {', '.join(SHAPES)}")
    return [Export(p, shape or detect(p)) for p in paths]
