"""The frame of a message: quoted history and signature masked, the writer's name."""

from __future__ import annotations

import pytest

from attune.signoff import find_name, mask_quoted_and_signature


def test_quoted_history_and_signature_are_masked_without_moving_offsets() -> None:
    text = "My card was charged twice.\n\nThanks,\nPriya\n\nOn Mon, 3 Jun, Support <s@x.com> wrote:\n> old"
    masked = mask_quoted_and_signature(text)
    assert len(masked) == len(text)
    assert masked.startswith("My card was charged twice.")
    assert "Priya" not in masked and "old" not in masked


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("It broke again.\n\nThanks,\nPriya Shah", "Priya"),
        ("Can you fix it? Thanks, Ben", "Ben"),
        ("Hello, my name is Dana and my card was charged twice.", "Dana"),
        ("Best regards,\nKenji Watanabe\nAcme Ltd", "Kenji"),
        ("where is my order", None),
        ("Thanks for the help, it works now.", None),
        ("You charged me twice. I need this fixed now. - Maria", "Maria"),
        ("You charged me twice. Fix it now. - Thanks", None),
        ("My order is late.\n\nRegards,\nDr. Sarah Jones", "Sarah"),
        ("My order is late.\n\nKind regards,\nMrs Patel", "Mrs Patel"),
        ("Still broken.\n-- Mr. Okafor", "Mr. Okafor"),
    ],
)
def test_customer_name_from_sign_off_or_introduction(text: str, name: str | None) -> None:
    found = find_name(text)
    assert (found[0] if found else None) == name
    if found:
        assert text[found[1] : found[2]] == name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hello. I am Mrs. Patricia Okafor and I want to complain.", "Patricia"),
        ("My name is Mr. Chen.", "Mr. Chen"),
        ("Hi it's Kate again, still no parcel", "Kate"),
        ("Hello, this is Fatima Al-Sayed, my order is late.", "Fatima"),
        ("My order is late, please help.\n\nPriyanka Sharma\nSent from my iPhone", "Priyanka"),
        ("The invoice is wrong.\n-- \nJohn Smith | Procurement Manager", "John"),
        ("Still waiting.\nBest,\nJ. Alvarez", None),
        ("It's Monday again and nothing works.", None),
        ("It is wrong.\nYours faithfully, Mr. R. Patel", "Mr. Patel"),
        ("It is wrong.\nCheers, JOHN", "John"),
        ("It is wrong.\n\nYours sincerely,\nMr Smith", "Mr Smith"),
        ("The PO is short.\n- Carla, Finance Director", "Carla"),
    ],
)
def test_names_with_titles_introductions_and_signature_lines(text: str, name: str | None) -> None:
    found = find_name(text)
    assert (found[0] if found else None) == name


def test_a_phone_signature_line_is_masked() -> None:
    text = "It broke again.\nSent from my iPhone"
    assert mask_quoted_and_signature(text).rstrip() == "It broke again."


@pytest.mark.parametrize(
    "text",
    [
        "Hi\n\nDana Smith\nAcme Ltd",
        "Still waiting for my parcel.\nRoyal Mail",
        "Thanks,\nApple Support",
        "It broke.\n-- \nAcme Ltd | Registered in England",
        "It stopped working. Best Buy",
        "It's Christmas again and my order still hasn't arrived.",
        "I'm British and I expect better service.",
        "Where is my refund? Seriously",
    ],
)
def test_companies_products_and_exclamations_are_not_names(text: str) -> None:
    found = find_name(text)
    assert found is None or found[0] == "Dana", found


def test_a_line_that_starts_like_a_phone_footer_but_says_more_is_kept() -> None:
    text = "Where is my refund?\nSent from my bank 3 weeks ago and still nothing"
    assert "3 weeks ago" in mask_quoted_and_signature(text)
