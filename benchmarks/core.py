"""Throughput of attune's core (``analyze`` + ``assess``) against VADER, on varied support pairs.

Run by hand from the repository root (VADER comes with the test extra,
``pip install -e '.[test]'``)::

    python benchmarks/core.py                 # 10,000 pairs, prints a table
    python benchmarks/core.py --pairs 2000    # quicker
    python benchmarks/core.py --json          # the same figures as JSON
    python benchmarks/core.py --profile       # cProfile over 2,000 pairs, top 20 by tottime

Each pair is a customer message and an agent reply, built deterministically
(``random.Random(42)``) from the building blocks below: openings for ten support situations with
slots for order numbers, amounts, products and days; mood modifiers; lengths from a one-line chat
to a three-paragraph email with a signature; and reply fragments of every stance combined one to
four per reply. Every text carries its own id, so no two texts in a run are equal and no
whole-text cache inside attune can make a repeat free (word-level caches still warm up, as they
would in a service).

attune does, per pair: ``a = analyze(customer); assess(reply, customer=a)``.
VADER does, per pair: ``polarity_scores(customer); polarity_scores(reply)``.
The third row is a floor for any tier: attune's first step alone, ``scan`` of both texts (quoted
text and signature masked, tokens, every phrase-bank match), judging nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import os
import platform
import pstats
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

SEED = 42
WARMUP = 200
PROFILE_PAIRS = 2000

# --------------------------------------------------------------------------------------------
# Building blocks: customer messages
# --------------------------------------------------------------------------------------------
# Slots: {order} {amount} {product} {days} {date} {ticket} {account} {app_version} {device}
# Every opening carries one id slot ({order}, {ticket} or {account}) so every message differs.

OPENINGS: dict[str, list[str]] = {
    "late_delivery": [
        "My order {order} was supposed to arrive {days} days ago and it still hasn't shown up.",
        "Where is my {product}? Order {order} has said 'out for delivery' for {days} days.",
        "The tracking for order {order} hasn't moved since {date}.",
        "I paid {amount} for express shipping on order {order} and it's now {days} days late.",
        "Order {order} still isn't here and I needed the {product} for a birthday this weekend.",
    ],
    "double_charge": [
        "I was charged twice for order {order}, {amount} each time.",
        "My bank statement shows two payments of {amount} for the same {product} (order {order}).",
        "You billed me {amount} on {date} and again the next day for order {order}.",
        "There is a duplicate charge of {amount} on my card for order {order}.",
        "Why have I been charged {amount} twice? My account number is {account}.",
    ],
    "broken_product": [
        "The {product} from order {order} arrived broken.",
        "My {product} stopped working after {days} days. Order {order}.",
        "The {product} I received (order {order}) has a cracked screen straight out of the box.",
        "Order {order}: the {product} won't even turn on.",
        "Half the parts for the {product} in order {order} are missing and one is snapped in two.",
    ],
    "app_crash": [
        "The app crashes every time I open checkout. Ticket {ticket}, version {app_version}.",
        "Since the update to {app_version} the app closes as soon as I log in (ticket {ticket}).",
        "The app froze on my {device} while paying; I don't know if order {order} went through.",
        "The app keeps crashing on my {device} when I try to upload a photo. Ticket {ticket}.",
        "I can't use the app at all, it shows a blank screen and quits. Ref {ticket}.",
    ],
    "locked_account": [
        "My account {account} has been locked and I can't log in.",
        "I've been locked out of account {account} for {days} days now.",
        "The password reset email never arrives, so account {account} is stuck.",
        "Your system says my account {account} is suspended for 'unusual activity', but it was me.",
        "I can't access account {account} and my subscription renews tomorrow.",
    ],
    "refund": [
        "I returned the {product} on {date} and still have not had my {amount} back ({order}).",
        "You promised a refund of {amount} for order {order} {days} days ago. Where is it?",
        "I'd like a refund for order {order}, the {product} isn't what was described.",
        "The refund for order {order} came back as {amount} short.",
        "How long does a refund take? I sent order {order} back {days} days ago.",
    ],
    "cancellation": [
        "Please cancel order {order}, I ordered the wrong {product}.",
        "I want to cancel my subscription on account {account} before the next charge of {amount}.",
        "I tried to cancel order {order} within the hour and it shipped anyway.",
        "I cancelled account {account} on {date} but you charged me {amount} again.",
        "How do I cancel order {order}? The button is greyed out.",
    ],
    "bereavement": [
        "My husband passed away last month and I need to close his account {account}.",
        "My mother died on {date}. Her account {account} is still being charged {amount} a month.",
        "I'm writing on behalf of my late father about account {account}.",
        "We lost my brother recently and his order {order} arrived here. Can it be returned?",
        "My wife passed away and I can't get into account {account} to stop the payments.",
    ],
    "praise": [
        "Just wanted to say the {product} from order {order} arrived early and it's perfect!",
        "Thank you so much, the replacement for order {order} came in {days} days.",
        "Your colleague on ticket {ticket} was brilliant, please pass on my thanks.",
        "Order {order} was wrapped beautifully, my daughter loved the {product}.",
        "Great service on account {account} today, the refund of {amount} came through in minutes.",
    ],
    "howto": [
        "How do I change the delivery address on order {order}?",
        "Can I add a gift note to order {order} after checkout?",
        "Is there a way to export my invoices from account {account}?",
        "How do I set up two-factor login on account {account}?",
        "Which charger fits the {product} I bought in order {order}?",
    ],
}

# Extra sentences for short messages and emails, per situation.
DETAILS: dict[str, list[str]] = {
    "late_delivery": [
        "The courier website just says 'exception' with no explanation.",
        "I stayed home all day {date} waiting for it.",
        "Your site promised delivery within {days} working days.",
        "Nobody has told me what is going on.",
    ],
    "double_charge": [
        "That has put my account into overdraft.",
        "I only placed one order, I have the confirmation email.",
        "I need the extra {amount} back as soon as possible.",
        "My bank says it is not their mistake.",
    ],
    "broken_product": [
        "The box was crushed on one corner when it arrived.",
        "I've attached photos of the damage.",
        "It cost {amount} so I expected better.",
        "I followed the setup guide exactly.",
    ],
    "app_crash": [
        "I've reinstalled it twice and restarted my {device}.",
        "It worked fine before the last update.",
        "I lost everything in my basket when it crashed.",
        "Other apps work fine on the same {device}.",
    ],
    "locked_account": [
        "I have tried the reset link {days} times.",
        "All my saved addresses and orders are in that account.",
        "The chat bot just loops back to the login page.",
        "I need my invoices for my tax return.",
    ],
    "refund": [
        "The return was signed for, I have the receipt.",
        "Your returns page still says 'processing'.",
        "That {amount} is a lot of money for me right now.",
        "I was told it would take five working days.",
    ],
    "cancellation": [
        "I don't want to be charged for something I never used.",
        "I found the same {product} cheaper elsewhere.",
        "I've already sent the cancellation form once.",
        "Please confirm in writing that it's cancelled.",
    ],
    "bereavement": [
        "This has been a very hard few weeks for the family.",
        "I have the death certificate if you need it.",
        "I don't know his password and I don't want to keep explaining this.",
        "I'd be grateful if this could be handled gently.",
    ],
    "praise": [
        "It's rare to get service like this these days.",
        "I'll definitely be ordering again.",
        "The {product} works beautifully.",
        "I've already recommended you to friends.",
    ],
    "howto": [
        "I looked in the help centre but couldn't find it.",
        "I'm not very good with computers.",
        "I'm using the app on a {device}.",
        "It's not urgent, just curious.",
    ],
}

HISTORY = [
    "I already contacted you on {date} and was told it would be sorted.",
    "This is my fourth email and ticket {ticket} is still open.",
    "I phoned on {date} and waited 40 minutes before being cut off.",
    "Your agent promised me a call back within 24 hours, that was {days} days ago.",
    "I've been a customer for {years} years and never had a problem before.",
    "I was given reference {ticket} but nobody seems to be able to find it.",
]

ASKS = [
    "Please let me know what happens next.",
    "Can someone please sort this out today?",
    "I want this resolved by the end of the week or I will go to my bank.",
    "Could you confirm the next steps by email?",
    "If this isn't fixed I'll be leaving a review.",
    "I'd appreciate a reply when you have a moment.",
]

GREETINGS = [
    "Hi,",
    "Hello,",
    "Hello support team,",
    "Dear Sir or Madam,",
    "Hi there,",
    "To whom it may concern,",
]
SIGNOFFS = ["Best regards,", "Thanks,", "Kind regards,", "Regards,", "Cheers,", "Sincerely,"]
FIRST_NAMES = [
    "Maria",
    "James",
    "Aisha",
    "Tom",
    "Priya",
    "Lukas",
    "Chen",
    "Fatima",
    "Oliver",
    "Sofia",
    "Daniel",
    "Grace",
    "Mohammed",
    "Elena",
    "Kwame",
    "Hannah",
]
SURNAMES = [
    "Okafor",
    "Smith",
    "Novak",
    "Garcia",
    "Nguyen",
    "Kowalski",
    "Brown",
    "Rossi",
    "Patel",
    "Muller",
]
PRODUCTS = [
    "blender",
    "laptop stand",
    "coffee machine",
    "phone case",
    "desk lamp",
    "rain jacket",
    "headphones",
    "baby monitor",
    "air fryer",
    "winter boots",
    "smart watch",
    "kettle",
    "office chair",
    "yoga mat",
    "vacuum cleaner",
    "printer",
]
DEVICES = ["iPhone 13", "Pixel 7", "Galaxy S22", "iPad", "Android tablet", "old iPhone 8"]
MONTHS = [
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

# Mood modifiers (applied to the whole message, or to its opening).
POLITE_REPEAT = [
    "Thanks, but this is the third time I'm asking about this.",
    "Thanks, but this is the third time I've had to write in.",
    "I appreciate the replies so far, but this is the third time I'm explaining it.",
]
SARCASM = {
    "late_delivery": [
        "Great, another delay.",
        "Wonderful, still waiting.",
        "Fantastic, just what I needed.",
    ],
    "double_charge": [
        "Great, paying twice for one thing.",
        "Lovely, another surprise on my statement.",
    ],
    "broken_product": ["Great, another broken one.", "Brilliant quality control."],
    "app_crash": [
        "Great, another update that breaks everything.",
        "Love how the app crashes every day.",
    ],
    "locked_account": ["Great, locked out again.", "Super helpful security, thanks."],
    "refund": [
        "Great, another week without my money.",
        "Amazing how fast you take payments and how slow refunds are.",
    ],
    "cancellation": [
        "Great, another charge I didn't agree to.",
        "Nice to see cancelling is so easy.",
    ],
    "howto": ["Great, another feature nobody can find."],
}
MOODS_FOR = {  # which moods make sense for each situation
    "bereavement": ["plain", "plain", "polite_repeat"],
    "praise": ["plain", "plain", "exclaim"],
    "howto": ["plain", "plain", "polite_repeat", "sarcasm"],
}
DEFAULT_MOODS = ["plain", "plain", "caps", "exclaim", "polite_repeat", "sarcasm"]

# --------------------------------------------------------------------------------------------
# Building blocks: agent replies, by stance
# --------------------------------------------------------------------------------------------
# Slots: {name} {order} {ticket} {days} {amount} {agent}

REPLY_FRAGMENTS: dict[str, list[str]] = {
    "empathy": [
        "I can hear how frustrating this has been, {name}, especially after waiting {days} days.",
        "I completely understand why you're upset; you paid for something and it hasn't arrived.",
        "That sounds really stressful, and I'm sorry you've had to chase us.",
        "You're right to be annoyed, having to write in three times isn't acceptable.",
        "I'm so sorry for your loss, {name}. Please take all the time you need.",
        "I understand how worrying it is to see {amount} taken twice from your account.",
        "It must be disappointing to open the box and find it damaged.",
        "Being locked out of your own account is infuriating, and I want to get you back in today.",
        "I've personally refunded {amount} for order {order}; you'll see it within 3 working days.",
        "I've taken ownership of ticket {ticket} and I'll email you by 5pm tomorrow.",
        "Thank you for telling us, {name}, it really means a lot to the team.",
        "I see this is the third time you've contacted us, and I'll make sure it's the last.",
    ],
    "sympathy": [
        "Sorry for any inconvenience caused.",
        "We apologise for the delay with order {order}.",
        "We regret any inconvenience this may have caused.",
        "Sorry to hear that.",
        "We're sorry you feel that way.",
        "Unfortunately delays can happen during busy periods.",
        "We apologise if this has caused any frustration.",
        "Sorry about that, {name}.",
        "We are sorry for the trouble with ticket {ticket}.",
        "Apologies for the wait.",
    ],
    "neutral": [
        "Thank you for contacting us about order {order}.",
        "Your reference number is {ticket}.",
        "Refunds are processed within 5-10 working days.",
        "Please reply with a photo of the item and the packaging.",
        "You can change your address under Account > Orders.",
        "I have forwarded ticket {ticket} to the relevant team.",
        "Order {order} is currently with the courier.",
        "Please clear the app cache and reinstall version 4.2.",
        "Our records show one payment of {amount} on order {order}.",
        "To reset your password, use the 'Forgot password' link on the login page.",
        "Kind regards, {agent}",
        "Hi {name},",
    ],
    "apathy": [
        "There's nothing I can do.",
        "As per our policy, we cannot help with this.",
        "That's not our responsibility, please contact the courier.",
        "You'll have to wait like everyone else.",
        "I've already explained this in ticket {ticket}.",
        "Please read the FAQ before contacting us.",
        "The system shows no problem with order {order}.",
        "We don't offer refunds on sale items.",
        "It's out of my hands.",
        "Whatever the case, the {amount} charge stands.",
    ],
}
STANCES = list(REPLY_FRAGMENTS)
REF_FORMS = ["Ref: {ref}", "(case {ref})", "Case #{ref}", "[ticket {ref}]", "Ticket ID {ref}"]
AGENT_NAMES = ["Sam", "Alex", "Jordan", "Priya", "Ben", "Leah", "Marco", "Nina"]


# --------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    customer: str
    reply: str
    situation: str
    mood: str
    length: str
    stance: str  # the stance the reply was built mostly from (not attune's verdict)
    fragments: int


class _Ids:
    """Unique 6-digit numbers drawn without replacement: every text gets its own."""

    def __init__(self, rng: random.Random, n: int) -> None:
        self._pool = rng.sample(range(100_000, 1_000_000), n)

    def take(self) -> int:
        return self._pool.pop()


def _slots(rng: random.Random, ids: _Ids) -> dict[str, str]:
    uid = ids.take()
    return {
        "order": rng.choice(["#{}", "{}", "A-{}", "ORD-{}"]).format(uid),
        "ticket": rng.choice(["T{}", "#{}", "CS-{}"]).format(uid),
        "account": rng.choice(["{}", "ACC-{}", "no. {}"]).format(uid),
        "amount": rng.choice(["${:.2f}", "£{:.2f}", "€{:.2f}", "{:.2f} USD"]).format(rng.uniform(4, 900)),
        "product": rng.choice(PRODUCTS),
        "days": str(rng.randint(2, 21)),
        "years": str(rng.randint(2, 15)),
        "date": f"{rng.randint(1, 28)} {rng.choice(MONTHS)}",
        "app_version": f"{rng.randint(3, 6)}.{rng.randint(0, 12)}.{rng.randint(0, 9)}",
        "device": rng.choice(DEVICES),
    }


def _customer(rng: random.Random, ids: _Ids) -> tuple[str, str, str, str, str]:
    """(text, situation, mood, length, first name)."""
    situation = rng.choice(list(OPENINGS))
    s = _slots(rng, ids)
    first = rng.choice(FIRST_NAMES)
    mood = rng.choice(MOODS_FOR.get(situation, DEFAULT_MOODS))
    length = rng.choices(["chat", "short", "email"], weights=[4, 3, 3])[0]

    opening = rng.choice(OPENINGS[situation]).format(**s)
    details = [d.format(**s) for d in rng.sample(DETAILS[situation], rng.randint(1, 3))]

    if mood == "caps":
        opening = opening.upper()
    elif mood == "exclaim":
        opening = opening.rstrip(".!?") + "!!!"
    lead: list[str] = []
    if mood == "polite_repeat":
        lead.append(rng.choice(POLITE_REPEAT))
    elif mood == "sarcasm":
        lead.append(rng.choice(SARCASM[situation]))

    if length == "chat":
        parts = [*lead, opening] if rng.random() < 0.5 else [opening, *lead]
        text = " ".join(parts)
        if rng.random() < 0.3:
            text = text.lower()
        return text, situation, mood, length, first

    if length == "short":
        text = " ".join([*lead, opening, *details[:2]])
        return text, situation, mood, length, first

    # Email: greeting, three paragraphs, sign-off and a signature block.
    history = [h.format(**s) for h in rng.sample(HISTORY, rng.randint(1, 3))]
    p1 = " ".join([opening, *details])
    p2 = " ".join([*lead, *history])
    if mood == "caps":
        p2 = p2.upper()
    p3 = rng.choice(ASKS)
    surname = rng.choice(SURNAMES)
    signature = [rng.choice(SIGNOFFS), f"{first} {surname}"]
    if rng.random() < 0.5:
        signature.append(f"+44 7{rng.randint(100, 999)} {rng.randint(100000, 999999)}")
    if rng.random() < 0.3:
        signature.append("Sent from my phone")
    text = "\n\n".join([rng.choice(GREETINGS), p1, p2, p3, "\n".join(signature)])
    return text, situation, mood, length, first


def _reply(rng: random.Random, ids: _Ids, name: str) -> tuple[str, str, int]:
    """(text, dominant stance, fragment count): 1-4 fragments, mostly of one stance."""
    s = _slots(rng, ids)
    s["name"] = name
    s["agent"] = rng.choice(AGENT_NAMES)
    stance = rng.choice(STANCES)
    k = rng.randint(1, 4)
    chosen: list[str] = []
    for _ in range(k):
        pool = REPLY_FRAGMENTS[stance if rng.random() < 0.75 else rng.choice(STANCES)]
        frag = rng.choice(pool)
        if frag not in chosen:
            chosen.append(frag)
    # Greetings first, sign-offs last, whatever order they were drawn in.
    chosen.sort(key=lambda f: 0 if f.startswith("Hi ") else 2 if f.startswith("Kind regards") else 1)
    body = " ".join(f.format(**s) for f in chosen)
    ref = rng.choice(REF_FORMS).format(ref=ids.take())
    text = f"{body} {ref}" if rng.random() < 0.7 else f"{ref} {body}"
    return text, stance, len(chosen)


def make_pairs(n: int, seed: int = SEED) -> list[Pair]:
    """``n`` varied pairs, the same for the same ``n`` and seed; no text appears twice."""
    rng = random.Random(seed)
    ids = _Ids(rng, 3 * n)
    pairs: list[Pair] = []
    seen: set[str] = set()
    for _ in range(n):
        customer, situation, mood, length, first = _customer(rng, ids)
        reply, stance, frags = _reply(rng, ids, first)
        pairs.append(Pair(customer, reply, situation, mood, length, stance, frags))
        seen.add(customer)
        seen.add(reply)
    if len(seen) != 2 * n:  # ids are unique by construction; this guards edits to the blocks
        raise AssertionError(f"only {len(seen)} distinct texts in {n} pairs")
    return pairs


# --------------------------------------------------------------------------------------------
# Measurement
# --------------------------------------------------------------------------------------------


def pin_to_one_core() -> str:
    try:
        os.sched_setaffinity(0, {0})
    except (AttributeError, OSError) as exc:  # not Linux, or not allowed
        return f"not pinned ({type(exc).__name__}: {exc})"
    return "pinned to CPU 0 (os.sched_setaffinity)"


def _percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, round(q / 100 * len(sorted_values) + 0.5 - 1e-9))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def _timed(fn: Callable[[Pair], object], pairs: list[Pair]) -> tuple[float, list[float]]:
    """Wall time over the whole loop, and each pair's latency (seconds)."""
    lat = [0.0] * len(pairs)
    clock = time.perf_counter
    gc.collect()
    start = clock()
    for i, p in enumerate(pairs):
        t0 = clock()
        fn(p)
        lat[i] = clock() - t0
    return clock() - start, lat


def _pkg_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def _engines() -> tuple[Callable[[Pair], object], Callable[[Pair], object]]:
    from attune import analyze, assess

    try:
        from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]
            SentimentIntensityAnalyzer,
        )
    except ImportError:
        sys.exit("vaderSentiment is not installed: pip install -e '.[test]'")
    vader = SentimentIntensityAnalyzer()
    polarity = vader.polarity_scores

    def attune_pair(p: Pair) -> object:
        a = analyze(p.customer)
        return assess(p.reply, customer=a)

    def vader_pair(p: Pair) -> object:
        polarity(p.customer)
        return polarity(p.reply)

    return attune_pair, vader_pair


def _summary(name: str, wall: float, lat: list[float], n: int) -> dict[str, Any]:
    lat = sorted(lat)
    return {
        "engine": name,
        "pairs": n,
        "wall_s": wall,
        "pairs_per_s": n / wall,
        "texts_per_s": 2 * n / wall,
        "p50_ms": _percentile(lat, 50) * 1000,
        "p99_ms": _percentile(lat, 99) * 1000,
        "mean_ms": statistics.fmean(lat) * 1000,
    }


def run_benchmark(n: int) -> dict[str, object]:
    pinning = pin_to_one_core()
    attune_pair, vader_pair = _engines()
    from attune.config import get_settings

    pairs = make_pairs(n + WARMUP)
    warm, measured = pairs[:WARMUP], pairs[WARMUP:]

    for p in warm:  # loads phrase banks and models, fills word-level caches
        attune_pair(p)
    a_wall, a_lat = _timed(attune_pair, measured)

    for p in warm:
        vader_pair(p)
    v_wall, v_lat = _timed(vader_pair, measured)

    # the floor: the first step of every tier alone (quoted text and signature masked, tokens,
    # every phrase-bank match of both texts), uncached, judging nothing
    from attune.lexicon import load
    from attune.scan import scan

    lexicon = load()

    def scan_pair(p: Pair) -> object:
        scan(p.customer, lexicon)
        return scan(p.reply, lexicon)

    s_wall, s_lat = _timed(scan_pair, measured)

    attune_row = _summary("attune analyze+assess", a_wall, a_lat, n)
    vader_row = _summary("VADER polarity_scores x2", v_wall, v_lat, n)
    scan_row = _summary("attune scan only (its first step)", s_wall, s_lat, n)
    chars = [len(p.customer) + len(p.reply) for p in measured]
    return {
        "benchmark": "attune core: analyze + assess vs VADER polarity_scores",
        "command": " ".join(["python", "benchmarks/core.py", *sys.argv[1:]]),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpus_used": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "pinning": pinning,
        "attune_version": _pkg_version("attune"),
        "attune_tier": get_settings().tier,
        "vader_version": _pkg_version("vaderSentiment"),
        "seed": SEED,
        "pairs": n,
        "warmup_pairs": WARMUP,
        "distinct_texts": len({t for p in measured for t in (p.customer, p.reply)}),
        "mean_chars_per_pair": statistics.fmean(chars),
        "max_chars_per_pair": max(chars),
        "mix": {
            "situation": dict(sorted(Counter(p.situation for p in measured).items())),
            "mood": dict(sorted(Counter(p.mood for p in measured).items())),
            "length": dict(sorted(Counter(p.length for p in measured).items())),
            "reply_stance_built_from": dict(sorted(Counter(p.stance for p in measured).items())),
            "reply_fragments": dict(sorted(Counter(p.fragments for p in measured).items())),
        },
        "results": [attune_row, vader_row, scan_row],
        "ratio_attune_over_vader": attune_row["pairs_per_s"] / vader_row["pairs_per_s"],
    }


def print_table(r: dict[str, object]) -> None:
    results = r["results"]
    assert isinstance(results, list)
    ratio = r["ratio_attune_over_vader"]
    assert isinstance(ratio, float)
    mix = r["mix"]
    assert isinstance(mix, dict)

    def fmt_mix(d: dict[object, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in d.items())

    print(f"# {r['benchmark']}")
    print()
    print(f"command : {r['command']}")
    print(f"date    : {r['date']}")
    print(f"python  : {r['python']} on {r['platform']}")
    print(f"cpus    : {r['cpu_count']} (os.cpu_count); {r['pinning']}; single process")
    print(f"versions: attune {r['attune_version']} (tier {r['attune_tier']}), vaderSentiment {r['vader_version']}")
    print(
        f"pairs   : {r['pairs']} measured + {r['warmup_pairs']} warm-up (not counted), "
        f"random.Random({r['seed']}); {r['distinct_texts']} distinct texts; "
        f"{r['mean_chars_per_pair']:.0f} chars/pair on average (max {r['max_chars_per_pair']})"
    )
    print(f"lengths : {fmt_mix(mix['length'])}")
    print(f"moods   : {fmt_mix(mix['mood'])}")
    print(
        f"replies : built mostly from {fmt_mix(mix['reply_stance_built_from'])}; "
        f"fragments {fmt_mix(mix['reply_fragments'])}"
    )
    print()
    header = ("engine", "pairs/s", "texts/s", "p50 ms/pair", "p99 ms/pair", "wall s")
    rows = [
        (
            str(x["engine"]),
            f"{x['pairs_per_s']:,.0f}",
            f"{x['texts_per_s']:,.0f}",
            f"{x['p50_ms']:.3f}",
            f"{x['p99_ms']:.3f}",
            f"{x['wall_s']:.2f}",
        )
        for x in results
    ]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(header)]

    def line(cells: tuple[str, ...]) -> str:
        out = [cells[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return "| " + " | ".join(out) + " |"

    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line(row))
    print()
    print(
        f"ratio attune/VADER (pairs/s): {ratio:.3f}  (attune spends {1 / ratio:.1f}x VADER's "
        "time per pair; VADER scores sentiment only)"
    )


def run_profile(n: int, top: int = int(os.environ.get("PROFILE_TOP", "20"))) -> None:
    pinning = pin_to_one_core()
    attune_pair, _ = _engines()
    pairs = make_pairs(n + WARMUP)
    for p in pairs[:WARMUP]:
        attune_pair(p)
    measured = pairs[WARMUP:]
    prof = cProfile.Profile()
    gc.collect()
    prof.enable()
    for p in measured:
        attune_pair(p)
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats(os.environ.get("PROFILE_SORT", "tottime")).print_stats(top)
    print(f"# cProfile: attune analyze+assess over {n} pairs (after {WARMUP} warm-up), top {top} by tottime")
    print(f"# {platform.python_implementation()} {platform.python_version()}, {pinning}")
    print(buf.getvalue().rstrip())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--pairs", type=int, default=10_000, help="measured pairs (default 10000)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument(
        "--profile",
        action="store_true",
        help=f"instead of timing, run cProfile over {PROFILE_PAIRS} pairs and print the top 20 functions by tottime",
    )
    args = ap.parse_args(argv)
    if args.pairs < 1:
        ap.error("--pairs must be at least 1")
    if args.profile:
        run_profile(PROFILE_PAIRS)
        return
    result = run_benchmark(args.pairs)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
