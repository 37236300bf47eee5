"""A message's frame: quoted email history, the sign-off and signature, and the writer's name.

Quoted history and signatures are masked with spaces rather than cut, so every offset still
points at what the user wrote.
"""

from __future__ import annotations

import re

from attune.config import get_settings
from attune.text import CONTRACTIONS

_QUOTE_HEADER = re.compile(
    r"^(?:On .{4,200}wrote:|-{2,}\s*Original Message\s*-{2,}|From: .+\n(?:Sent|Date): .+)",
    re.MULTILINE | re.IGNORECASE,
)
_QUOTED_LINE = re.compile(r"^[ \t]*>.*$", re.MULTILINE)
#: Titles a customer may sign or be addressed with ("Dr. Sarah Jones", "Mrs Patel")
TITLES = r"Mr|Mrs|Ms|Miss|Mx|Dr|Prof"
_SIGNOFF = re.compile(
    r"(?:^|(?<=[.!?])[ \t]+)[ \t]*(?:thanks(?: again| in advance)?|thank you|many thanks|best(?: regards| wishes)?|"
    r"kind regards|regards|cheers|sincerely|warm regards|all the best|thx|br|"
    r"yours(?: truly| sincerely| faithfully)?|sincerely yours|merci|danke|gracias|grazie|obrigad[oa]|cordialement)"
    rf"[ \t]*[,.!-]?[ \t]*(?:(?P<title>(?-i:{TITLES})\.?)[ \t]+(?-i:[A-Z]\.[ \t]*)?)?"
    r"(?P<name>[A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+){0,2})?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
#: A title before a name, maybe with an initial ("Mr. R. Patel"), and a name of one or two words
_TITLE = rf"(?:(?P<title>{TITLES})\.?[ \t]+(?:[A-Z]\.[ \t]*)?)?"
_FULL_NAME = rf"{_TITLE}(?P<name>[A-Z][\w'-]+(?:[ \t]+[A-Z][\w'-]+)?)"
_DASH_NAME = re.compile(rf"^[ \t]*(?:-{{1,2}}|\u2014)[ \t]*{_FULL_NAME}[ \t]*(?:[,|]|$)", re.M)
_NAME_LINE = re.compile(rf"{_FULL_NAME}[ \t]*(?:\n|$)")
#: A lone capitalised word closing a message after a sentence or a line, maybe after a dash
#: ("... this month. Dana", "... fixed now. - Dana").
_LAST_WORD_NAME = re.compile(
    rf"(?:(?<!\b[A-Z])[.!?]\s+|\n\s*)(?:(?:-{{1,2}}|\u2014)[ \t]*)?{_TITLE}"
    r"(?P<name>[A-Z][a-z'-]{1,20})$"
)
_SIG_DELIM = re.compile(r"^-- ?$", re.MULTILINE)
#: the first line of a signature after "-- ": "John Smith | Procurement Manager"
_DELIM_NAME = re.compile(rf"^-- ?\n[ \t]*{_FULL_NAME}[ \t]*(?:[|,\u2013-]|$)", re.M)
#: a last line of two or three capitalised words: "Priyanka Sharma"
_NAME_LAST_LINE = re.compile(rf"\n[ \t]*{_TITLE}(?P<name>[A-Z][a-z'-]+(?:[ \t]+[A-Z][\w'-]+){{1,2}})[ \t]*$")
#: what a phone or mail app appends: "Sent from my iPhone", "Get Outlook for iOS"
_DEVICE_LINE = re.compile(
    r"^[ \t]*(?:sent from my (?:[\w'-]+ ){0,2}(?:iphone|ipad|android|phone|mobile|smartphone|tablet|device|galaxy|"
    r"pixel|samsung|huawei|blackberry|xiaomi|oneplus)\b[\w .'-]{0,30}|sent from (?:mail|outlook|yahoo mail|gmail|aol)"
    r"(?: for [\w ]{2,20})?|get outlook for \w+)[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_SELF_NAME = re.compile(
    rf"\b(?i:my name is|my name's|this is|i am|i'm)\s+{_TITLE}"
    r"(?P<name>[A-Z][a-z']+(?:-[A-Z]?[a-z']+)?(?:\s+[A-Z][\w'-]+)?)"
    r"(?=\s*(?:[,.!]|and\b|from\b|here\b|$))"
    r"|\b(?i:it's|it is)\s+(?P<again>[A-Z][a-z']+)(?=\s+(?i:again|here)\b)",
)
_NOT_NAMES = frozenset(
    [
        "I",
        "The",
        "A",
        "An",
        "This",
        "That",
        "My",
        "Your",
        "Our",
        "We",
        "You",
        "It",
        "Hi",
        "Hello",
        "Hey",
        "Dear",
        "Team",
        "Support",
        "Customer",
        "Service",
        "Sorry",
        "Please",
        "Thanks",
        "Thank",
        "Regards",
        "Best",
        "Sent",
        "Order",
        "Account",
        "Still",
        "Not",
        "Very",
        "Really",
        "So",
        "Just",
        # words that close a message as often as a name does ("Regards,\nDisappointed")
        "Urgent",
        "Asap",
        "Help",
        "Anonymous",
        "Disappointed",
        "Frustrated",
        "Angry",
        "Confused",
        "Worried",
        "Furious",
        "Waiting",
        "Again",
        "Now",
        "Today",
        "Manager",
        "Accounts",
        "Billing",
        "Sales",
        "Admin",
        "Finance",
        "Office",
        "Management",
        "Director",
        "Owner",
        "Kind",
        "Cheers",
        "Sincerely",
        "Yours",
        "Everyone",
        "All",
        "New",
        "Sir",
        "Madam",
        # words that close or open a message as a name would ("Best Buy", "Apple Support", "Acme Ltd",
        # "This is Ridiculous", "I'm British", "Where is my refund? Seriously")
        "Buy",
        "Ltd",
        "Inc",
        "Llc",
        "Plc",
        "Limited",
        "Mail",
        "Media",
        "Prime",
        "Member",
        "Subscriber",
        "Loyal",
        "Premium",
        "General",
        "Me",
        "Christmas",
        "Easter",
        "Weekend",
        "British",
        "American",
        "Canadian",
        "Australian",
        "English",
        "Ridiculous",
        "Unacceptable",
        "Seriously",
        "Unbelievable",
        "Amazing",
        "Bye",
        "Cheers",
        "Ok",
        "Okay",
        "Shocking",
        "Disgusting",
        "Pathetic",
        # days and months open sentences too ("It's Monday again")
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)


def mask_quoted_and_signature(text: str) -> str:
    """Blank out quoted email history and a trailing signature, keeping every offset.

    >>> mask_quoted_and_signature("Fix it.\\nOn Mon, Ann wrote:\\n> old").rstrip()
    'Fix it.'
    """
    settings = get_settings()
    out = mask_quoted(text)
    if settings.strip_signature:
        out = _DEVICE_LINE.sub(lambda m: " " * len(m.group()), out)
        delim = _SIG_DELIM.search(out)
        if delim and delim.start() > 0:
            out = out[: delim.start()] + _blank(out[delim.start() :])
        sig = _signoff(out)
        if sig is not None:
            out = out[:sig] + _blank(out[sig:])
    if not out.strip():
        return text  # the whole text looked quoted: judge it as it is rather than nothing
    return out


def mask_quoted(text: str) -> str:
    """Blank out quoted email history ("On Mon, Ann wrote:", "-----Original Message-----", "> ..."),
    keeping every offset; the text as it is when ``strip_quoted`` is off."""
    if not get_settings().strip_quoted:
        return text
    out = text
    header = _QUOTE_HEADER.search(out)
    if header and header.start() > 0:
        out = out[: header.start()] + _blank(out[header.start() :])
    return _QUOTED_LINE.sub(lambda m: " " * len(m.group()), out)


def _signoff(text: str) -> int | None:
    """Start of a trailing sign-off block ("Thanks,\\nDana"), if the text ends with one."""
    tail_start = max(0, len(text.rstrip()) - 200)
    for m in _SIGNOFF.finditer(text, tail_start):
        rest = text[m.end() :].strip()
        if m.start() == 0:
            return None
        # a sign-off followed by at most three short lines (name, title, company)
        lines = [ln for ln in rest.splitlines() if ln.strip()]
        if len(lines) <= 3 and all(len(ln) <= 60 for ln in lines):
            return m.start()
    return None


def _blank(s: str) -> str:
    return re.sub(r"[^\n]", " ", s)


def find_name(text: str) -> tuple[str, int, int] | None:
    """The writer's first name from a sign-off or a self-introduction, with its span. A title
    with a surname alone is kept whole, as the customer would be addressed ("Mrs Patel").

    >>> find_name("It broke again.\\n\\nThanks,\\nPriya Shah")
    ('Priya', 25, 30)
    >>> find_name("It broke again.\\n\\nRegards,\\nDr. Sarah Jones")[0], find_name("Still broken.\\n-- Mrs Patel")[0]
    ('Sarah', 'Mrs Patel')
    """
    device = _DEVICE_LINE.search(text) is not None
    text = _DEVICE_LINE.sub(lambda m: " " * len(m.group()), text)
    tail_start = max(0, len(text.rstrip()) - 200)
    for m in _SIGNOFF.finditer(text, tail_start):
        found: re.Match[str] | None = m if m.group("name") else None
        if found is None:
            after = text[m.end() :].lstrip("\n \t")
            found = _NAME_LINE.match(text, len(text) - len(after))
        hit = _addressed(found) if found else None
        if hit and found is not None and _plausible(found.group("name")):
            return hit
    for pattern in (_DASH_NAME, _DELIM_NAME):
        lines = list(pattern.finditer(text, tail_start))
        if lines and _plausible(lines[-1].group("name")):
            return _addressed(lines[-1])
    # a two-word last line is a name only above a phone's "Sent from my iPhone" (else: "Acme Ltd")
    last = _NAME_LAST_LINE.search(text.rstrip(), tail_start) if device else None
    if last and len(text.split()) > 3 and _plausible(last.group("name")):
        return _addressed(last)
    one = _LAST_WORD_NAME.search(text.rstrip())
    if one and one.group("name") not in _NOT_NAMES and len(text.split()) > 3:
        return _addressed(one)
    intro = _SELF_NAME.search(text)
    if intro and intro.group("again"):
        if intro.group("again") not in _NOT_NAMES:
            return intro.group("again"), intro.start("again"), intro.end("again")
    elif intro and _plausible(intro.group("name").split()[0]):
        return _addressed(intro)
    return None


def _plausible(name: str) -> bool:
    """A found name none of whose words is a common capitalised word ("Thanks", "Urgent", "Support",
    "Ltd") and that is no contraction."""
    words = name.replace(".", " ").split()
    return bool(words) and not any(w in _NOT_NAMES for w in words) and name.lower() not in CONTRACTIONS


def _addressed(m: re.Match[str]) -> tuple[str, int, int]:
    """The name a sign-off match is addressed by: the first name, or title and surname when
    there is no first name ("Mrs Patel"), with its span."""
    words = m.group("name").split()
    if m.group("title") and len(words) == 1:  # "Mr. R. Patel" is addressed as "Mr. Patel"
        return (
            f"{m.group('title')}{'.' if m.string[m.end('title')] == '.' else ''} {words[0]}",
            m.start("title"),
            m.end("name"),
        )
    first = words[0].capitalize() if words[0].isupper() or words[0].islower() else words[0]  # "JOHN", "dana"
    return first, m.start("name"), m.start("name") + len(first)
