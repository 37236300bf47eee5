"""Text handling shared by both sides: checks, normalisation, tokens, sentences.

Offsets are kept: every token and sentence knows its span in the (NFKC-normalised) text, so
evidence always points at what the user wrote. (A message's frame, its quoted history, sign-off
and the writer's name, is read by :mod:`attune.signoff`.)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

from attune.config import get_settings
from attune.errors import BinaryTextError, EmptyTextError, TextTooLongError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})

#: A request for information that is a question without "?": "could you tell me ...", "please let
#: me know which ...", "I'd like to know ...". Not "let me know if you need anything" (a closing)
#: nor "could you check your spam folder" (an instruction).
_INDIRECT_QUESTION = re.compile(
    r"\W*(?:(?:hi|hello|hey|dear|thanks|thank you)\b[^,.!?]{0,30}[,.!]\s*)?"
    r"(?:(?:and|also|so|but|first|meanwhile|in the meantime)[, ]+)?"
    r"(?:(?:could|can|would|will)\s+you\s+(?:please\s+)?(?:tell|share|send|confirm|describe|explain|clarify|"
    r"give\s+me|provide|walk\s+me|let\s+me\s+know)"
    r"|(?:please\s+|kindly\s+)?(?:let\s+me\s+know|tell\s+me)\s+(?:which|what|when|where|how|why|who|whether|your|the)"
    r"|(?:please|kindly)\s+(?:share|send|confirm|provide|describe)\s+(?:your|the|me|a|us)"
    r"|would\s+you\s+mind\s+(?:sharing|sending|telling|confirming|providing|letting)"
    r"|i(?:'d|\u2019d|\s+would)\s+(?:like|love)\s+to\s+(?:know|hear|understand)"
    r"|i\s+wonder(?:ed)?\s+(?:if|whether|what|which|when|how)"
    r"|(?:what|which|when|where|how|who)(?:'s|\u2019s|\s+(?:is|are|was|were|do|does|did|have|has))\s+(?:the|your|you|it|this))\b",
    re.IGNORECASE,
)

_stemmer = snowballstemmer.stemmer("english")

#: Contractions and shorthand, spelled with or without the apostrophe, to their full words.
CONTRACTIONS: dict[str, tuple[str, ...]] = {
    "i'm": ("i", "am"),
    "im": ("i", "am"),
    "i've": ("i", "have"),
    "ive": ("i", "have"),
    "i'll": ("i", "will"),
    "i'd": ("i", "would"),
    "you're": ("you", "are"),
    "youre": ("you", "are"),
    "you've": ("you", "have"),
    "youve": ("you", "have"),
    "you'll": ("you", "will"),
    "youll": ("you", "will"),
    "you'd": ("you", "would"),
    "we're": ("we", "are"),
    "we've": ("we", "have"),
    "weve": ("we", "have"),
    "we'll": ("we", "will"),
    "we'd": ("we", "would"),
    "they're": ("they", "are"),
    "theyre": ("they", "are"),
    "they've": ("they", "have"),
    "they'll": ("they", "will"),
    "it's": ("it", "is"),
    "that's": ("that", "is"),
    "thats": ("that", "is"),
    "there's": ("there", "is"),
    "theres": ("there", "is"),
    "here's": ("here", "is"),
    "heres": ("here", "is"),
    "what's": ("what", "is"),
    "whats": ("what", "is"),
    "let's": ("let", "us"),
    "can't": ("can", "not"),
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "won't": ("will", "not"),
    "wont": ("will", "not"),
    "don't": ("do", "not"),
    "dont": ("do", "not"),
    "doesn't": ("does", "not"),
    "doesnt": ("does", "not"),
    "didn't": ("did", "not"),
    "didnt": ("did", "not"),
    "isn't": ("is", "not"),
    "isnt": ("is", "not"),
    "aren't": ("are", "not"),
    "arent": ("are", "not"),
    "wasn't": ("was", "not"),
    "wasnt": ("was", "not"),
    "weren't": ("were", "not"),
    "haven't": ("have", "not"),
    "havent": ("have", "not"),
    "hasn't": ("has", "not"),
    "hasnt": ("has", "not"),
    "hadn't": ("had", "not"),
    "shouldn't": ("should", "not"),
    "shouldnt": ("should", "not"),
    "wouldn't": ("would", "not"),
    "wouldnt": ("would", "not"),
    "couldn't": ("could", "not"),
    "couldnt": ("could", "not"),
    "should've": ("should", "have"),
    "would've": ("would", "have"),
    "could've": ("could", "have"),
    "u": ("you",),
    "ur": ("your",),
    "pls": ("please",),
    "plz": ("please",),
    "thx": ("thanks",),
    "ty": ("thanks",),
    "tnx": ("thanks",),
    "msg": ("message",),
    "acct": ("account",),
    "asap": ("as", "soon", "as", "possible"),
    "w/": ("with",),
    "b/c": ("because",),
    "bc": ("because",),
    "cuz": ("because",),
    "coz": ("because",),
    "abt": ("about",),
    "wk": ("week",),
    "wks": ("weeks",),
    "hrs": ("hours",),
    "mins": ("minutes",),
    "tmrw": ("tomorrow",),
    "tmr": ("tomorrow",),
    "apologise": ("apologize",),
    "apologised": ("apologized",),
    "apologies": ("apology",),
    "cancelled": ("canceled",),
    "cancelling": ("canceling",),
}


class Token(NamedTuple):
    """A normalised word with the span of the original word it came from."""

    norm: str
    start: int
    end: int
    raw: str
    sentence: int
    low: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the text with its span."""

    index: int
    start: int
    end: int
    text: str
    #: a question, or a request for information written without its question mark ("Could you
    #: tell me which model you have.", "Let me know when it started"): see :func:`asks`
    asks: bool = False

    @property
    def is_question(self) -> bool:
        return self.text.rstrip().endswith("?")


def asks(sentence: str) -> bool:
    """Whether a sentence asks the reader something, with or without "?".

    >>> asks("Could you tell me which model you have."), asks("Let me know if you need anything.")
    (True, False)
    """
    return sentence.rstrip().endswith("?") or _INDIRECT_QUESTION.match(sentence) is not None


def check(text: object, *, what: str = "text") -> str:
    """Validate and normalise input text; raise a clear error for what cannot be judged.

    >>> check("  Hi there  ")
    'Hi there'
    """
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            from attune.errors import EncodingError

            raise EncodingError(f"{what} is not valid UTF-8 (byte {exc.start}); re-encode it as UTF-8") from exc
    if not isinstance(text, str):
        from attune.errors import InputError

        raise InputError(f"{what} must be a string, got {type(text).__name__}")
    limit = get_settings().max_chars
    if len(text) > limit * 4:
        raise TextTooLongError(_too_long(what, len(text), limit))
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text or len(_CONTROL.findall(text)) > max(3, len(text) // 100):
        raise BinaryTextError(f"{what} holds NUL or control characters; it looks like a binary file, not text")
    text = _CONTROL.sub(" ", text).strip()
    if not text:
        raise EmptyTextError(f"{what} is empty; give the message or reply to judge")
    if len(text) > limit:
        raise TextTooLongError(_too_long(what, len(text), limit))
    return text


def _too_long(what: str, size: int, limit: int) -> str:
    return f"{what} has {size:,} characters, over the limit of {limit:,}; split it, or raise ATTUNE_MAX_CHARS"


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> tuple[str, ...]:
    """Lower-case, expand contractions and shorthand, stem: the form phrase banks match on.

    >>> normalise_word("I'm")
    ('i', 'am')
    >>> normalise_word("Frustrating")
    ('frustrat',)
    """
    w = word.lower().translate(_APOSTROPHES)
    w = _typos().get(w, w)
    if " " in w:
        return tuple(p for part in w.split() for p in normalise_word(part))
    expanded = CONTRACTIONS.get(w)
    if expanded is None and w.endswith("'s"):
        expanded = (w[:-2],)
    if expanded is None:
        expanded = (w.replace("'", ""),)
    return tuple(stem(x) for x in expanded)


@lru_cache(maxsize=1)
def _typos() -> dict[str, str]:
    """Common misspellings (``data/typos.json``), read once."""
    import json
    from importlib import resources

    raw = json.loads(resources.files("attune.data").joinpath("typos.json").read_text(encoding="utf-8"))
    return {k.lower(): v.lower() for k, v in raw["typos"].items()}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball stem of a lower-case word (numbers and short words stay as they are)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return str(_stemmer.stemWord(word))


_WORDS = re.compile(
    r"[^\W_]+(?:['\u2019][^\W_]+)*"  # words, contractions
    r"|[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2764]",  # emoji and symbols
)
#: A sentence ends at . ! ? followed by space or the end (not inside "12.99"), or at a newline.
_BOUNDS = re.compile(r"[.!?]+(?=[\s\"')\]]|$)|\n")


def tokenize(text: str) -> tuple[list[Token], list[Sentence]]:
    """Tokens (normalised, with spans) and sentences of ``text``.

    A sentence ends at sentence punctuation followed by a space, or at a line break (chat lines
    and email lines are judged apart). Each token keeps the span of the word it came from.

    >>> [s.text for s in tokenize("It cost $12.99. Fix it!\\nThanks")[1]]
    ['It cost $12.99.', 'Fix it!', 'Thanks']
    """
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    append = tokens.append
    new = tuple.__new__
    cache = _NORMS
    pos = 0
    for b in (*_BOUNDS.finditer(text), None):
        seg_end = b.start() if b is not None else len(text)
        first = len(tokens)
        index = len(sentences)
        last = 0
        for m in _WORDS.finditer(text, pos, seg_end):
            raw = m.group()
            known = cache.get(raw)
            if known is None:
                if len(cache) > 100_000:  # ids and numbers are endless; keep memory flat
                    cache.clear()
                known = cache[raw] = (normalise_word(raw), raw.lower().replace("\u2019", "'"))
            norms, low = known
            start, last = m.span()
            for norm in norms:
                append(new(Token, (norm, start, last, raw, index, low)))
        if len(tokens) > first:
            begin = tokens[first].start
            stop = b.end() if b is not None and b.group() != "\n" else last
            said = text[begin:stop]
            sentences.append(Sentence(index, begin, stop, said, asks(said)))
        pos = b.end() if b is not None else len(text)
    return tokens, sentences


#: raw word -> (normalised words, lower-case form), shared across texts
_NORMS: dict[str, tuple[tuple[str, ...], str]] = {}


_LETTER_WORDS = re.compile(r"[^\W\d_]{3,}")
_BANGS = re.compile(r"[!?]*![!?]+|!!+")


@lru_cache(maxsize=1024)  # the analysis and the learned features of a text both ask
def caps_ratio(text: str) -> float:
    """Share of words of three or more letters written in capitals (shouting)."""
    words = _LETTER_WORDS.findall(text)
    if not words:
        return 0.0
    return sum(1 for w in words if w.isupper()) / len(words)


@lru_cache(maxsize=1024)
def exclamations(text: str) -> int:
    """Number of runs of two or more '!' (or '?!'), a sign of intensity."""
    return len(_BANGS.findall(text))
