"""Synthetic helpdesk conversations: the packaged demo and the benchmark's archives.

Conversations are built deterministically (``random.Random(seed)``) from building blocks kept as
data (``attune/data/demo/blocks.v1.json``),
all written for attune: for each of the thirteen situations, customer openings and
follow-ups, and agent replies of every stance (empathy, sympathy, neutral, apathy), some with a
promise and a time frame. Agents have a style (how often they answer with empathy) and some tire
over a shift; customers come back within the week; CSAT follows how the conversation went. Slots
such as ``{order}`` take ids, amounts and products, so texts rarely repeat.

Conversations are generated one at a time; :mod:`attune.qa.exports` writes them in a
helpdesk's export shape as they come, so an export of a million messages is never held in memory.

>>> convs = list(conversations(3, seed=1))
>>> len(convs), convs[0].messages[0].role
(3, 'customer')
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from attune.qa.model import Conversation, Message, Role

START = dt.datetime(2024, 3, 4, tzinfo=dt.UTC)  # a Monday

PRODUCTS = (
    "standing desk",
    "espresso machine",
    "noise-cancelling headphones",
    "running shoes",
    "kettle",
    "office chair",
    "phone case",
    "backpack",
    "smart watch",
    "air purifier",
    "blender",
    "winter jacket",
)
PLANS = ("Basic plan", "Pro plan", "Family plan", "Team plan")
FIRST_NAMES = (
    "Dana",
    "Priya",
    "Tomás",
    "Aisha",
    "Ben",
    "Chloé",
    "Mateo",
    "Yuki",
    "Olu",
    "Grace",
    "Henrik",
    "Leila",
    "Marcus",
    "Nina",
    "Omar",
    "Paula",
    "Ravi",
    "Sofia",
    "Theo",
    "Uma",
    "Victor",
    "Wen",
    "Zara",
    "Ines",
    "Jamal",
    "Kasia",
    "Liam",
    "Mei",
    "Noor",
    "Oscar",
    "Pia",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
    "Ugo",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


@dataclass(frozen=True, slots=True)
class Agent:
    """A synthetic agent: name, team, and how likely each stance is (tired: later in a shift)."""

    name: str
    team: str
    style: tuple[float, float, float, float]  # empathy, sympathy, neutral, apathy
    tires: bool = False
    shift_start: int = 8
    load: float = 1.0


AGENTS = (
    Agent("Sam Rivera", "Orders", (0.75, 0.1, 0.12, 0.03), shift_start=7),
    Agent("Priya Nair", "Billing", (0.85, 0.05, 0.08, 0.02), shift_start=9),
    Agent("Jonas Weber", "Tech support", (0.2, 0.15, 0.6, 0.05), shift_start=8),
    Agent("Alex Kim", "Orders", (0.25, 0.55, 0.15, 0.05), shift_start=10),
    Agent("Morgan Lee", "Tech support", (0.7, 0.1, 0.15, 0.05), tires=True, shift_start=8, load=2.5),
    Agent("Chris Doyle", "Billing", (0.15, 0.2, 0.35, 0.3), shift_start=12),
    Agent("Ana Costa", "Orders", (0.6, 0.15, 0.2, 0.05), tires=True, shift_start=13, load=1.5),
    Agent("Felix Braun", "Tech support", (0.45, 0.2, 0.3, 0.05), shift_start=6),
)
STANCES = ("empathy", "sympathy", "neutral", "apathy")

WHENS = ("by Friday", "tomorrow", "within 24 hours", "by end of day", "within 2 business days", "by Monday")
CHANNEL_WEIGHTS = (("email", 0.45), ("chat", 0.3), ("web", 0.12), ("social", 0.08), ("phone", 0.05))
SITUATION_WEIGHTS = {
    "delay": 14,
    "defect": 10,
    "technical_issue": 12,
    "billing_error": 10,
    "how_to": 9,
    "feedback": 5,
    "repeat_contact": 6,
    "cancellation": 6,
    "refund": 9,
    "account_access": 7,
    "bereavement": 3,
    "praise": 5,
    "other": 4,
}


def _pick(rng: random.Random, weighted: dict[str, int] | tuple[tuple[str, float], ...]) -> str:
    items = list(weighted.items()) if isinstance(weighted, dict) else list(weighted)
    return rng.choices([k for k, _ in items], weights=[w for _, w in items])[0]


def _stance(rng: random.Random, agent: Agent, hour_into_shift: float) -> str:
    weights = list(agent.style)
    if agent.tires and hour_into_shift > 3:
        # Tired late in the shift: empathy gives way to canned and transactional replies.
        shift = min(0.85, 0.18 * (hour_into_shift - 3))
        moved = weights[0] * shift
        weights[0] -= moved
        weights[1] += moved * 0.6
        weights[2] += moved * 0.4
    return rng.choices(STANCES, weights=weights)[0]


class _Filler(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, slots: dict[str, str]) -> str:
    return template.format_map(_Filler(slots))


@cache
def blocks() -> dict[str, Any]:
    """The building blocks, from ``attune/data/demo/blocks.v1.json``."""
    text = (resources.files("attune.data") / "demo" / "blocks.v1.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def conversations(
    n: int, *, seed: int = 42, days: int = 28, start: dt.datetime = START, long: bool = False
) -> Iterator[Conversation]:
    """``n`` synthetic conversations, deterministic for a seed, spread over ``days`` days.

    ``long`` adds one to four more exchanges to each (about ten messages a conversation, as in
    email threads), for benchmarks.
    """
    rng = random.Random(seed)
    customers: list[tuple[str, str]] = []
    for i in range(n):
        yield _Builder(rng, i, seed, long).build(days, start, customers)


class _Builder:
    """Builds one conversation turn by turn."""

    def __init__(self, rng: random.Random, i: int, seed: int, long: bool = False) -> None:
        self.long = long
        self.rng = rng
        self.i = i
        self.seed = seed
        self.msgs: list[Message] = []
        self.slots: dict[str, str] = {}
        self.t = START
        self.k = 0
        self.situation = "other"

    def say(self, role: Role, text: str, author: str, gap_minutes: float) -> None:
        self.t = self.t + dt.timedelta(minutes=gap_minutes)
        self.msgs.append(
            Message(role, _fill(text, self.slots), author, self.t.timestamp(), f"{self.i}-{len(self.msgs) + 1}")
        )

    def block(self, kind: str) -> str:
        # Replies and follow-ups are written to match the opening with the same index.
        options: list[str] = blocks()["situations"][self.situation][kind]
        return options[self.k % len(options)]

    def build(self, days: int, start: dt.datetime, customers: list[tuple[str, str]]) -> Conversation:
        rng, i = self.rng, self.i
        data = blocks()
        self.situation = situation = _pick(rng, SITUATION_WEIGHTS)
        agent = rng.choices(AGENTS, weights=[a.load for a in AGENTS])[0]
        day = rng.randrange(days)
        if day % 7 >= 5 and rng.random() < 0.7:
            day -= 2  # fewer tickets at weekends
        hour_into = rng.uniform(0, 8.5)
        channel = _pick(rng, CHANNEL_WEIGHTS)
        fast = channel in ("chat", "social", "phone")
        reply_gap = rng.uniform(1, 12) if fast else rng.uniform(20, 600)
        shift_at = start + dt.timedelta(days=max(0, day), hours=agent.shift_start)
        # The agent's first reply falls in their shift; the customer wrote some time before it.
        opened = shift_at + dt.timedelta(hours=hour_into, minutes=-reply_gap)
        if customers and rng.random() < 0.12:
            cid, cname = rng.choice(customers[-40:])  # a customer coming back
        else:
            cid, cname = f"c{self.seed}-{i}", rng.choice(FIRST_NAMES)
        customers.append((cid, cname))
        self.slots = {
            "name": cname,
            "agent": agent.name.split()[0],
            "order": f"#{rng.randrange(10000, 99999)}-{i}",
            "ticket": f"T-{rng.randrange(100000, 999999)}",
            "amount": f"${rng.randrange(9, 400)}.{rng.randrange(0, 99):02d}",
            "product": rng.choice(PRODUCTS),
            "days": str(rng.randrange(3, 15)),
            "plan": rng.choice(PLANS),
            "card": str(rng.randrange(1000, 9999)),
            "when": rng.choice(WHENS),
        }
        self.t = opened
        self.k = rng.randrange(len(data["situations"][situation]["open"]))
        customer_text = self.block("open")
        if rng.random() < 0.05:
            customer_text = customer_text.upper()
        self.say("customer", customer_text, cname, 0)
        if fast and rng.random() < 0.3:
            self.say("bot", data["bot"], "Answer Bot", 0.2)
        stance = _stance(rng, agent, hour_into)
        first_reply = self.block(stance)
        self.say("agent", first_reply, agent.name, reply_gap)
        promised = "{when}" in first_reply and stance == "empathy"
        if rng.random() < 0.15:
            self.say("note", rng.choice(data["notes"]), agent.name, 2)
        good = stance == "empathy"
        mood = 1.0 if good else 0.0
        if rng.random() < (0.55 if good else 0.75):
            self.say(
                "customer",
                self.block("follow_good" if good else "follow_bad"),
                cname,
                rng.uniform(2, 30) if fast else rng.uniform(30, 900),
            )
            gap = rng.uniform(1, 15) if fast else rng.uniform(20, 400)
            into = ((self.t - shift_at).total_seconds() / 3600 + gap / 60) % 24
            second = _stance(rng, agent, into)
            if not good and second != "empathy" and rng.random() < 0.5:
                second = "empathy"  # the agent recovers
            if second == "empathy":
                text = self.block("resolve") if stance == "empathy" else self.block("empathy")
            else:
                text = rng.choice(data["situations"][situation][second])
            self.say("agent", text, agent.name, gap)
            mood = 0.5 * mood + (0.6 if second == "empathy" else 0.0)
            promised = promised or ("{when}" in text)
        if promised:
            if rng.random() < 0.7:
                self.say("agent", self.block("resolve"), agent.name, rng.uniform(60, 60 * 20))
                mood += 0.2
            else:
                self.slots["weekday"] = rng.choice(WEEKDAYS)
                self.say("customer", rng.choice(data["broken_follow"]), cname, 60 * 24 * rng.uniform(2.5, 4))
                self.say("agent", self.block("resolve"), agent.name, rng.uniform(60, 600))
                mood -= 0.3
        elif rng.random() < 0.5:
            self.say("agent", self.block("resolve"), agent.name, rng.uniform(30, 60 * 24))
        for _ in range(rng.randint(1, 4) if self.long else 0):
            good = rng.random() < 0.5
            self.say("customer", self.block("follow_good" if good else "follow_bad"), cname, rng.uniform(5, 600))
            more = _stance(rng, agent, ((self.t - shift_at).total_seconds() / 3600) % 24)
            self.say("agent", rng.choice(data["situations"][situation][more]), agent.name, rng.uniform(5, 300))
        resolved = self.t + dt.timedelta(minutes=rng.uniform(1, 60))
        csat: float | None = None
        if rng.random() < 0.6:
            csat = 1.0 if rng.random() < min(0.95, max(0.08, 0.25 + 0.6 * mood)) else 0.0
        nps: int | None = None
        if rng.random() < 0.25:
            nps = max(0, min(10, round(rng.gauss(4 + 5 * min(1.0, mood), 1.8))))
        return Conversation(
            id=str(100000 + i) if self.seed == 42 else f"{self.seed}-{i}",
            source="synthetic",
            messages=tuple(self.msgs),
            channel=channel,
            customer_id=cid,
            customer_name=cname,
            agent=agent.name,
            team=agent.team,
            subject=f"{situation.replace('_', ' ')}: {self.slots['product']}",
            created_at=opened.timestamp(),
            resolved_at=resolved.timestamp(),
            status="solved",
            csat=csat,
            nps=nps,
            tags=(situation,),
        )
