"""Redaction of personal data: emails, phone numbers, card numbers, IBANs and street addresses.

:func:`redact` is pure: it returns the redacted text and what it replaced (kind and span, never
the value), so a caller can store or log the text and still map spans of the original onto it.
Card numbers must pass the Luhn check and IBANs the ISO 13616 mod-97 check, so order numbers and
amounts stay readable.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final, Literal

Kind = Literal["email", "phone", "card", "iban", "address"]

KINDS: Final[tuple[Kind, ...]] = ("email", "iban", "card", "phone", "address")

#: What each kind is replaced with.
PLACEHOLDERS: Final[dict[Kind, str]] = {
    "email": "[EMAIL]",
    "phone": "[PHONE]",
    "card": "[CARD]",
    "iban": "[IBAN]",
    "address": "[ADDRESS]",
}


@dataclass(frozen=True, slots=True)
class Redacted:
    """One replaced piece: its kind, its span in the original and its span in the redacted text."""

    kind: Kind
    start: int
    end: int
    new_start: int
    new_end: int

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Redaction:
    """The result of :func:`redact`: the redacted ``text`` and the ``found`` pieces, in order."""

    original_length: int
    text: str
    found: tuple[Redacted, ...]

    @property
    def kinds(self) -> dict[str, int]:
        """How many pieces of each kind were replaced."""
        out: dict[str, int] = {}
        for r in self.found:
            out[r.kind] = out.get(r.kind, 0) + 1
        return out

    def map_offset(self, i: int) -> int:
        """Where offset ``i`` of the original lands in the redacted text.

        An offset inside a replaced piece lands at the start of its placeholder when it is the
        piece's start, else at the placeholder's end, so a span that touches a piece covers the
        whole placeholder.

        >>> r = redact("mail bo@example.com now")
        >>> r.text[r.map_offset(20):]
        'now'
        """
        i = max(0, min(i, self.original_length))
        starts = [r.start for r in self.found]
        k = bisect.bisect_right(starts, i) - 1
        if k < 0:
            return i
        piece = self.found[k]
        if i == piece.start:
            return piece.new_start
        if i < piece.end:
            return piece.new_end
        return piece.new_end + (i - piece.end)

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the original mapped onto the redacted text (see :meth:`map_offset`)."""
        new_start = self.map_offset(start)
        return new_start, max(new_start, self.map_offset(end))


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}\b")

# 13..19 digits, optionally grouped by single spaces or dashes.
_CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")

# Country code, check digits, then 11..30 letters or digits, optionally in groups of four; the
# longest prefix that passes the check is taken, so words after the IBAN are not swallowed.
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}", re.IGNORECASE)

_PHONE = re.compile(
    r"""
    (?<![\w+#/.-])
    (?:
        \+\d{1,3}[ .-]?(?:\(0?\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}   # +44 20 7946 0958
      | \(\d{2,5}\)[ .-]?\d{2,4}(?:[ .-]?\d{2,4}){1,3}                           # (555) 123-4567
      | 0\d{1,4}(?:[ .-]\d{2,4}){2,4}                                            # 020 7946 0958
      | \d{3}[.-]\d{3}[.-]\d{4}                                                  # 555-123-4567
      | 0\d{9,10}                                                                # 07946095812
    )
    (?![\w-]|\.\d)
    """,
    re.VERBOSE,
)
# Bare digit runs count as phone numbers only after a word that says so.
_PHONE_CUE = re.compile(
    r"\b(?:phone|tel|telephone|mobile|cell|call(?:\s+me)?(?:\s+(?:at|on))?|whatsapp|sms|text\s+me(?:\s+(?:at|on))?|"
    r"number(?:\s+is)?)\s*[:#]?\s*(\+?\d[\d .()-]{6,18}\d)",
    re.IGNORECASE,
)

_SUFFIXES = (
    r"street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|"
    r"close|crescent|square|sq|highway|hwy|parkway|pkwy|circle|cir|trail|row|walk|grove|gardens|mews"
)
_ADDRESS_EN = re.compile(
    rf"""
    \b\d{{1,5}}[A-Za-z]?,?\s+                        # house number
    (?:(?:[NSEW]|North|South|East|West)\.?\s+)?      # direction
    (?:[A-Z][\w'.-]*\s+){{0,3}}[A-Z][\w'.-]*\s+      # street name, capitalised words
    (?i:{_SUFFIXES})\b\.?(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?
    (?:,?\s+(?i:apt|apartment|unit|suite|ste|flat|fl|floor|\#)\.?\s*[\w-]{{1,6}})?
    """,
    re.VERBOSE,
)
_ADDRESS_EU = re.compile(
    r"""
    \b[A-ZÄÖÜ][\wäöüßéèà'-]*(?:stra(?:ß|ss)e|str\.|weg|gasse|allee|platz|laan|straat|gracht|vej|gatan|gata)
    \s+\d{1,5}[a-zA-Z]?\b
    | \b\d{1,5}[a-zA-Z]?,?\s+(?:rue|avenue|boulevard|chemin|place|calle|avenida|via|viale|piazza)
    (?:\s+(?:de|du|des|la|le|del|della|di)\b){0,2}(?:\s+[A-Z][\w'-]*){1,4}
    | \b(?:rue|calle|via|viale|avenida)\s+(?:[a-z]{1,4}\s+)?(?:[A-Z][\w'-]*\s+){1,3}\d{1,5}\b
    """,
    re.VERBOSE,
)


def luhn_ok(digits: str) -> bool:
    """True when a digit string passes the Luhn check of card numbers.

    >>> luhn_ok("4111111111111111"), luhn_ok("4111111111111112")
    (True, False)
    """
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = ord(ch) - 48
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    """True when ``iban`` (spaces allowed) passes the ISO 13616 mod-97 check.

    >>> iban_ok("GB82 WEST 1234 5698 7654 32"), iban_ok("GB82 WEST 1234 5698 7654 33")
    (True, False)
    """
    s = iban.replace(" ", "").upper()
    if not (15 <= len(s) <= 34) or not s.isalnum():
        return False
    moved = s[4:] + s[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def _candidates(text: str) -> list[tuple[int, int, Kind]]:
    found: list[tuple[int, int, Kind]] = []
    found.extend((m.start(), m.end(), "email") for m in _EMAIL.finditer(text))
    for m in _IBAN.finditer(text):
        start = m.start()
        for end in range(m.end(), start + 14, -1):
            at_boundary = end == len(text) or not text[end].isalnum()
            if at_boundary and text[end - 1] != " " and iban_ok(text[start:end]):
                found.append((start, end, "iban"))
                break
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and luhn_ok(digits) and len(set(digits)) > 1:
            found.append((m.start(), m.end(), "card"))
    for m in _PHONE.finditer(text):
        if 7 <= sum(ch.isdigit() for ch in m.group()) <= 15:
            found.append((m.start(), m.end(), "phone"))
    for m in _PHONE_CUE.finditer(text):
        if 7 <= sum(ch.isdigit() for ch in m.group(1)) <= 15:
            found.append((m.start(1), m.end(1), "phone"))
    found.extend((m.start(), m.end(), "address") for m in _ADDRESS_EN.finditer(text))
    found.extend((m.start(), m.end(), "address") for m in _ADDRESS_EU.finditer(text))
    return found


def redact(text: str) -> Redaction:
    """Replace personal data in ``text`` with placeholders such as ``[EMAIL]``.

    Where two findings overlap, the one of the earlier kind in :data:`KINDS` wins, then the
    longer one.

    >>> r = redact("Card 4111 1111 1111 1111, mail dana@example.com, order 123456789")
    >>> r.text
    'Card [CARD], mail [EMAIL], order 123456789'
    >>> [(f.kind, f.start, f.end) for f in r.found]
    [('card', 5, 24), ('email', 31, 47)]
    """
    rank = {k: i for i, k in enumerate(KINDS)}
    chosen: list[tuple[int, int, Kind]] = []
    for start, end, kind in sorted(_candidates(text), key=lambda c: (rank[c[2]], -(c[1] - c[0]), c[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, kind))
    chosen.sort()
    pieces: list[str] = []
    found: list[Redacted] = []
    pos = 0
    out_len = 0
    for start, end, kind in chosen:
        pieces.append(text[pos:start])
        out_len += start - pos
        placeholder = PLACEHOLDERS[kind]
        found.append(Redacted(kind, start, end, out_len, out_len + len(placeholder)))
        pieces.append(placeholder)
        out_len += len(placeholder)
        pos = end
    pieces.append(text[pos:])
    return Redaction(len(text), "".join(pieces), tuple(found))


__all__ = ["KINDS", "PLACEHOLDERS", "Redacted", "Redaction", "iban_ok", "luhn_ok", "redact"]
