"""Stream the records of a JSON export in constant memory, with the line each record starts on.

A helpdesk export is a top-level array of records (a JSON export), one or more objects holding
the records under a key (API pages such as ``{"tickets": [...], "next_page": ...}``, possibly one
page per line), or one record per line (JSONL). :class:`JsonRecords` reads any of these a chunk
at a time and decodes one record at a time with the standard library's C decoder, so memory is
bounded by the largest record, not the file.

Nothing is dropped silently: a malformed record is reported (with its line) and reading resumes
at the next record that decodes; a file that ends inside a record (truncated) is reported too.
Bytes that are not valid UTF-8 are kept as lone surrogates (``surrogateescape``) so that the
importer can report and repair the one field that holds them (:func:`repair_text`).
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from attune.qa.model import Issue

CHUNK = 1 << 20
MAX_RECORD_CHARS = 256 << 20
_DECODER = json.JSONDecoder()
_WS = re.compile(r"[ \t\n\r]*")
#: The end of one object and the start of its next sibling: where a skipped stretch may end.
_NEXT_OBJECT = re.compile(r"\}[ \t\n\r]*,[ \t\n\r]*\{")
_NEXT_LINE_VALUE = re.compile(r"\n[ \t\r]*[\[{]")
_BAD_BYTES = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class Record:
    """One record: its decoded value, where it starts and the page members read before it."""

    value: Any
    line: int
    path: str
    context: Mapping[str, Any]


class _Malformed(Exception):
    def __init__(self, reason: str, pos: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.pos = pos


class _Truncated(Exception):
    pass


class _Stop(Exception):
    """Reading ends here; the reason was reported already."""


def sniff_encoding(head: bytes) -> tuple[str, int]:
    """The encoding a file's byte-order mark names (UTF-8 without one), and the mark's length.

    >>> sniff_encoding(b"\\xef\\xbb\\xbf[")
    ('utf-8', 3)
    """
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return name, len(bom)
    return "utf-8", 0


def repair_text(text: str) -> tuple[str, bool]:
    """Text with each byte that was not valid UTF-8 read as Windows-1252; and whether any was.

    >>> repair_text("caf" + chr(0xDCE9))
    ('café', True)
    """
    if not _BAD_BYTES.search(text):
        return text, False
    fixed = _BAD_BYTES.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", errors="replace"), text)
    return fixed, True


class JsonRecords:
    """The records of a JSON or JSONL export, streamed.

    ``keys`` name the arrays that hold records inside an object (``tickets``); ``single_keys``
    name an object member that is one record (``ticket``); an object with neither is itself a
    record when ``is_record`` says so. Issues go to ``on_issue``.
    """

    def __init__(
        self,
        raw: IO[bytes],
        name: str,
        *,
        keys: Collection[str],
        is_record: Callable[[Any], bool],
        on_issue: Callable[[Issue], None],
        single_keys: Collection[str] = (),
        what: str = "record",
        chunk: int = CHUNK,
    ) -> None:
        self._raw = raw
        self.name = name
        self._keys = frozenset(keys)
        self._single = frozenset(single_keys)
        self._is_record = is_record
        self._on_issue = on_issue
        self._what = what
        self._chunk = chunk
        head = raw.read(4)
        encoding, skip = sniff_encoding(head)
        self._dec = codecs.getincrementaldecoder(encoding)(errors="surrogateescape")
        self.buf = self._dec.decode(head[skip:])
        self.bytes_read = len(head)
        self.pos = 0
        self._base = 0
        self.eof = False
        self._line_pos = 0
        self._line = 1

    # ------------------------------------------------------------------ buffer and positions

    def line_of(self, pos: int) -> int:
        """The 1-based line of buffer index ``pos`` (indices move forward, so this is linear)."""
        if pos >= self._line_pos:
            self._line += self.buf.count("\n", self._line_pos, pos)
        else:
            self._line -= self.buf.count("\n", pos, self._line_pos)
        self._line_pos = pos
        return self._line

    def _fill(self) -> None:
        """Drop what is before ``pos`` and read more (at least as much as is buffered).

        A little before ``pos`` is kept, so that a resync can still see the line break there.
        """
        if self.eof:
            return
        drop = max(0, self.pos - 64)
        self.line_of(drop)
        self.buf = self.buf[drop:]
        self._line_pos -= drop
        self._base += drop
        self.pos -= drop
        if len(self.buf) > MAX_RECORD_CHARS:
            raise _Malformed(f"a single value is larger than {MAX_RECORD_CHARS >> 20} MiB", 0)
        data = self._raw.read(max(self._chunk, len(self.buf)))
        self.bytes_read += len(data)
        if data:
            self.buf += self._dec.decode(data)
        else:
            self.buf += self._dec.decode(b"", final=True)
            self.eof = True

    def _peek(self) -> str:
        while True:
            end = _WS.match(self.buf, self.pos)
            self.pos = end.end() if end else self.pos
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if self.eof:
                return ""
            self._fill()

    def _decode(self) -> Any:
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                near_end = exc.pos >= len(self.buf) - 8 or exc.msg.startswith("Unterminated string")
                if near_end and not self.eof:
                    self._fill()
                    continue
                if near_end:
                    raise _Truncated() from None
                raise _Malformed(exc.msg, exc.pos) from None
            if end >= len(self.buf) and not self.eof:
                self._fill()  # a number may go on in the next chunk
                continue
            self.pos = end
            return value

    def _expect(self, char: str) -> None:
        found = self._peek()
        if found == "":
            raise _Truncated()
        if found != char:
            raise _Malformed(f"expected {char!r}, found {found!r}", self.pos)
        self.pos += 1

    # -------------------------------------------------------------------------------- records

    def __iter__(self) -> Iterator[Record]:
        while True:
            start, start_line = self._base + self.pos, self.line_of(self.pos)
            try:
                char = self._peek()
                if char == "":
                    return
                start_line = self.line_of(self.pos)
                start = self._base + self.pos
                if char == "[":
                    yield from self._array("", {})
                elif char == "{":
                    yield from self._object(start_line)
                else:
                    raise _Malformed(f"expected an array or an object, found {char!r}", self.pos)
            except _Stop:
                return
            except _Truncated:
                self._issue(self.line_of(self.pos), "(file)", "the file ends inside a JSON value (truncated?)")
                return
            except _Malformed as exc:
                # Resume at the next line that starts a value, which may be the line of the error
                # itself when the value before it was cut short (a truncated JSONL line).
                bad = min(exc.pos, len(self.buf))
                resume_from = max(start - self._base + 1, self.buf.rfind("\n", 0, bad), 0)
                self.pos = resume_from
                if not self._skip_to(_NEXT_LINE_VALUE, resume_from, start_line, exc.reason, "(file)", 1):
                    return

    def _object(self, start_line: int) -> Iterator[Record]:
        self._expect("{")
        members: dict[str, Any] = {}
        streamed = False
        while True:
            char = self._peek()
            if char == "}":
                self.pos += 1
                break
            if char == "":
                raise _Truncated()
            if char != '"':
                raise _Malformed(f"expected a member name, found {char!r}", self.pos)
            key = self._decode()
            self._expect(":")
            char = self._peek()
            if key in self._keys and char == "[":
                streamed = True
                yield from self._array(key, dict(members))
            elif key in self._single and char == "{":
                streamed = True
                line = self.line_of(self.pos)
                yield from self._checked(self._decode(), line, key, dict(members))
            else:
                members[key] = self._decode()
            char = self._peek()
            if char == ",":
                self.pos += 1
            elif char == "}":
                self.pos += 1
                break
            elif char == "":
                raise _Truncated()
            else:
                raise _Malformed(f"expected ',' or '}}', found {char!r}", self.pos)
        if not streamed:
            if self._is_record(members):
                yield Record(members, start_line, f"line {start_line}", {})
            else:
                keys = ", ".join(sorted(self._keys)) or "none"
                self._issue(
                    start_line,
                    "(object)",
                    f"an object that is not a {self._what} and holds no array of them (looked for: {keys}); skipped",
                )

    def _array(self, path: str, context: Mapping[str, Any]) -> Iterator[Record]:
        self._expect("[")
        index = 0
        while True:
            char = self._peek()
            if char == "]":
                self.pos += 1
                return
            if char == "":
                raise _Truncated()
            line = self.line_of(self.pos)
            where = f"{path}[{index}]"
            try:
                value = self._decode()
            except _Truncated:
                self._issue(line, where, f"the file ends inside this {self._what} (truncated JSON); it is incomplete")
                raise _Stop() from None
            except _Malformed as exc:
                if not self._skip_to(_NEXT_OBJECT, exc.pos, line, exc.reason, where, 1, resume_inside=True):
                    raise _Stop() from None
                index += 1
                continue
            index += 1
            yield from self._checked(value, line, where, context)
            char = self._peek()
            if char == ",":
                self.pos += 1
            elif char == "]":
                self.pos += 1
                return
            elif char == "":
                raise _Truncated()
            else:
                bad = self.pos
                if not self._skip_to(
                    _NEXT_OBJECT, bad, self.line_of(bad), f"expected ',' or ']', found {char!r}", where, 0, True
                ):
                    raise _Stop() from None

    def _checked(self, value: Any, line: int, where: str, context: Mapping[str, Any]) -> Iterator[Record]:
        if self._is_record(value):
            yield Record(value, line, where, context)
        else:
            kind = type(value).__name__
            self._issue(line, where, f"not a {self._what} (a JSON {kind} without the expected fields); skipped")

    def _skip_to(
        self,
        pattern: re.Pattern[str],
        bad: int,
        line: int,
        reason: str,
        where: str,
        offset: int,
        resume_inside: bool = False,
    ) -> bool:
        """Skip a malformed stretch to the next record that decodes; report the stretch.

        Returns False when the file ends first. Inside an array, a candidate must decode to a
        record (``is_record``), so a nested object (a comment) is not mistaken for one.
        """
        self.pos = bad if not resume_inside else max(bad, self.pos)
        while True:
            found = pattern.search(self.buf, self.pos)
            if found is None:
                if self.eof:
                    self._issue(
                        line,
                        where,
                        f"malformed JSON: {reason}; nothing after it could be read (to the end of the file)",
                    )
                    self.pos = len(self.buf)
                    return False
                self.pos = max(self.pos, len(self.buf) - 4096)
                self._fill()
                continue
            self.pos = found.end() - 1 if resume_inside else found.start() + offset
            if not resume_inside:
                self._report_skip(line, where, reason)
                return True
            candidate = self._base + self.pos  # absolute: decoding may read more and move the buffer
            try:
                value = self._decode()
            except (_Malformed, _Truncated):
                value = None
            self.pos = candidate - self._base
            if not self._is_record(value):
                self.pos += 1
                continue
            self._report_skip(line, where, reason)
            return True

    def _report_skip(self, line: int, where: str, reason: str) -> None:
        resume_line = self.line_of(self.pos)
        span = f"line {line}" if resume_line <= line + 1 else f"lines {line}-{resume_line - 1}"
        self._issue(
            line,
            where,
            f"malformed JSON: {reason}; {span} skipped, reading resumes at line {resume_line}",
        )

    def _issue(self, line: int, where: str, reason: str) -> None:
        self._on_issue(Issue(self.name, line, where, "(json)", reason))
