"""Redaction: what is personal data goes, what is a support detail stays, spans map across."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from attune.privacy import iban_ok, luhn_ok, redact

REDACTED = [
    ("Write to dana.k+orders@example.co.uk please", "Write to [EMAIL] please", {"email": 1}),
    ("Call me at +44 20 7946 0958 tomorrow", "Call me at [PHONE] tomorrow", {"phone": 1}),
    ("My number is (555) 123-4567.", "My number is [PHONE].", {"phone": 1}),
    ("reach me on 555-123-4567 or 020 7946 0958", "reach me on [PHONE] or [PHONE]", {"phone": 2}),
    ("my mobile: 6175551234", "my mobile: [PHONE]", {"phone": 1}),
    ("card 4111 1111 1111 1111 was charged", "card [CARD] was charged", {"card": 1}),
    ("card 5500-0000-0000-0004 was charged", "card [CARD] was charged", {"card": 1}),
    ("IBAN DE89 3704 0044 0532 0130 00 and more", "IBAN [IBAN] and more", {"iban": 1}),
    ("iban gb82west12345698765432.", "iban [IBAN].", {"iban": 1}),
    ("I live at 221B Baker Street, London", "I live at [ADDRESS], London", {"address": 1}),
    ("Ship to 42 Elm St. Apt 3B, Springfield", "Ship to [ADDRESS], Springfield", {"address": 1}),
    ("Ship to 1600 Pennsylvania Avenue NW today", "Ship to [ADDRESS] today", {"address": 1}),
    ("Meine Adresse: Hauptstraße 5, 10115 Berlin", "Meine Adresse: [ADDRESS], 10115 Berlin", {"address": 1}),
    ("Livrez au 12 rue de la Paix svp", "Livrez au [ADDRESS] svp", {"address": 1}),
]

KEPT = [
    "Order #123456789 for $45.99 arrived broken",
    "Card ending 4111111111111112 was charged twice",  # fails the Luhn check
    "I waited 3 days and was charged 2 times",
    "Version 1.2.3.4 crashes on 2024-03-12",
    "Invoice INV-2024-00017 is wrong",
    "GB82 WEST 1234 5698 7654 33 is not an IBAN",  # fails mod-97
    "Thanks, but this is the third time I write!",
]


@pytest.mark.parametrize(("text", "expected", "kinds"), REDACTED)
def test_personal_data_is_replaced_by_a_placeholder(text: str, expected: str, kinds: dict[str, int]) -> None:
    r = redact(text)
    assert r.text == expected
    assert r.kinds == kinds


@pytest.mark.parametrize(("text", "expected", "kinds"), REDACTED)
def test_redacting_twice_changes_nothing_more(text: str, expected: str, kinds: dict[str, int]) -> None:
    assert redact(expected).text == expected


@pytest.mark.parametrize("text", KEPT)
def test_support_details_are_kept(text: str) -> None:
    assert redact(text).text == text


def test_found_pieces_say_kind_and_span_but_not_the_value() -> None:
    text = "Mail bo@example.com or call +1 617 555 1234"
    r = redact(text)
    assert [(f.kind, text[f.start : f.end]) for f in r.found] == [
        ("email", "bo@example.com"),
        ("phone", "+1 617 555 1234"),
    ]
    assert all("example" not in str(f.to_dict()) for f in r.found)


def test_offsets_map_onto_the_redacted_text() -> None:
    text = "Hi, bo@example.com here, my parcel is late"
    r = redact(text)
    start = text.index("parcel")
    a, b = r.map_span(start, start + len("parcel"))
    assert r.text[a:b] == "parcel"
    a, b = r.map_span(text.index("bo@"), text.index(" here"))
    assert r.text[a:b] == "[EMAIL]"


def test_checksums() -> None:
    assert luhn_ok("79927398713") and not luhn_ok("79927398710")
    assert iban_ok("NL91ABNA0417164300") and not iban_ok("NL91ABNA0417164301")


@given(st.text(max_size=300))
def test_redaction_is_total_and_maps_every_offset(text: str) -> None:
    r = redact(text)
    previous = 0
    for i in range(len(text) + 1):
        j = r.map_offset(i)
        assert previous <= j <= len(r.text)
        previous = j
