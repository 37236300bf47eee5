"""Text checks, normalisation, tokens and sentences."""

from __future__ import annotations

import pytest

from attune.config import settings_context
from attune.errors import (
    BinaryTextError,
    EmptyTextError,
    EncodingError,
    InputError,
    TextTooLongError,
)
from attune.text import check, normalise_word, tokenize


@pytest.mark.parametrize("bad", ["", "   ", "\n\t\n"])
def test_empty_text_is_a_clear_error(bad: str) -> None:
    with pytest.raises(EmptyTextError, match="empty"):
        check(bad)


def test_text_over_the_limit_names_the_limit_and_the_fix() -> None:
    with (
        settings_context(max_chars=1000),
        pytest.raises(TextTooLongError, match="ATTUNE_MAX_CHARS"),
    ):
        check("a" * 1001)


def test_binary_and_bad_encoding_are_refused() -> None:
    with pytest.raises(BinaryTextError):
        check("PK\x03\x04\x00\x00binary")
    with pytest.raises(EncodingError, match="UTF-8"):
        check(b"caf\xe9 is late")
    with pytest.raises(InputError, match="must be a string"):
        check(42)


def test_unicode_is_normalised_and_bytes_decoded() -> None:
    assert check("ｆｕｌｌ width") == "full width"
    assert check(b"thank you") == "thank you"


@pytest.mark.parametrize(
    ("word", "norm"),
    [
        ("I'm", ("i", "am")),
        ("Im", ("i", "am")),
        ("I\u2019m", ("i", "am")),
        ("can't", ("can", "not")),
        ("cannot", ("can", "not")),
        ("sory", ("sorri",)),
        ("Frustrated", ("frustrat",)),
        ("frustrating", ("frustrat",)),
    ],
)
def test_words_normalise_across_contractions_typos_and_inflection(word: str, norm: tuple[str, ...]) -> None:
    assert normalise_word(word) == norm


def test_tokens_keep_spans_and_sentences_split_on_punctuation_and_lines() -> None:
    text = "Hi!! I'm SO upset.\nWhere is it"
    tokens, sentences = tokenize(text)
    assert [s.text for s in sentences] == ["Hi!!", "I'm SO upset.", "Where is it"]
    for t in tokens:
        assert text[t.start : t.end] == t.raw


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        ("Could you tell me which model you have.", True),
        ("Please let me know when it started", True),
        ("I'd like to understand what happened.", True),
        ("Where is it?", True),
        ("Let me know if you need anything else.", False),
        ("Could you check your spam folder.", False),
        ("I'll tell you when it ships.", False),
    ],
)
def test_a_request_for_information_asks_without_a_question_mark(sentence: str, asks: bool) -> None:
    assert tokenize(sentence)[1][0].asks is asks
