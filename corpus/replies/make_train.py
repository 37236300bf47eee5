"""Build corpus/replies/train.jsonl: composed replies plus the hand-written training replies.

Run from anywhere:  python corpus/replies/make_train.py      (deterministic, seed 7)

How a composed reply is made
----------------------------
1. Pick a scenario from train_pools.SCENARIOS (round robin over a seeded shuffle), one of its
   hand-written customer messages, a customer name (or none: about 30%) and a channel (the
   message's own channel).  Slots ({order}, {amount}, {product}, ...) are filled once and used
   for both the message and the reply.
2. Pick a target pattern (empathy / sympathy / neutral / apathy, several sub-patterns each)
   and draw fragments by role.  Fragments that mention specifics are taken from the
   scenario's own pools and only if every slot and tag they need is present in the message.
3. Derive the labels from the roles of the fragments actually used (never from the target).

Labels from roles
-----------------
emotional_reaction  2 if a `validate` fragment (names the customer's specific feeling);
                    else 1 if a canned feeling / canned apology / canned condolence /
                    canned positive line, a sincere apology, or a "sorry, but" line; else 0.
interpretation      2 if a `paraphrase` fragment (restates the customer's specifics or takes
                    their perspective); else 1 if a canned "I understand" line; else 0.
exploration         2 if a scenario `question`; 1 if a generic "tell me more" question; else 0.
                    A closing "anything else?" never counts.
personalization     null if the name is unknown; 1 if the greeting uses it; else 0.
ownership           null if there is nothing to act on (praise, thanks); 1 if a first-person
                    `action` fragment ("I've refunded ..."); else 0 (passive or nothing).
apology             null if the company did not err (praise, how-to, feedback, bereavement,
                    the customer's own slip); 1 if a sincere first-person `apology` that names
                    the error; else 0 (canned "sorry for any inconvenience" does not count).
action              null if nothing to act on; 1 if a first-person or passive concrete action;
                    else 0.
expectation         null if nothing to act on; 1 if a `time` fragment with a real time frame;
                    else 0 ("as soon as possible", "in due course" do not count).
tone                0 if jargon, blame, a "sorry, but" line, shouting in capitals, or
                    cheerfulness towards an upset or grieving customer; else 1.
closing             1 if a closing line inviting more contact; else 0 (a sign-off is not one).

Stance rule (the same rule is used to label the hand-written replies)
----------------------------------------------------------------------
    real_help = action == 1 and ownership == 1          (True when nothing to act on)
    feel = max(emotional_reaction, interpretation)
    if an apathy marker is present (indifference "nothing I can do", policy-hiding,
       deflection elsewhere, blame, dismissive one-worders, shouting) and not
       (action == 1 and ownership == 1):                      -> apathy
    elif feel == 2 and real_help:                              -> empathy
    elif feel >= 1 and not real_help:                          -> sympathy
    else:                                                      -> neutral

So sympathy is feeling addressed without real help: "sorry from the sidelines" (canned
apology, "that must be hard", "I understand") with passive, vague or no help, and also a
specific validation that comes with no first-person action.  Neutral is transactional: no
feeling addressed, or only a generic courtesy ("sorry for the wait", "glad to hear it")
around real first-person help.  A sincere apology counts as a weak emotional reaction
(level 1); on its own it does not make a reply empathetic.

Output: train.jsonl = composed replies (ids r-0xxxx) + handwritten_train.jsonl (ids r-1xxxx),
shuffled with the same seed.  The hand-written test set (test.jsonl, ids r-2xxxx) is never
read here except to check that none of its reply texts leaked into train.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import train_pools as P  # noqa: E402

SEED = 7
N_COMPOSED = 1760
MAX_SAME_REPLY = 2

SLOT_RE = re.compile(r"\{(\w+)\}")
TAG_RE = re.compile(r"^\[([\w ]+)\]\s*")

APATHY_ROLES = {"apathetic", "deflect", "blame", "dismissive", "shout", "sorry_but_policy"}
ER1_ROLES = {"canned_feel", "canned_apology", "canned_positive", "apology", "sorry_but",
             "sorry_but_policy"}
TONE0_ROLES = {"jargon", "blame", "sorry_but", "sorry_but_policy", "shout"}

PRAISE_DEFLECT = [
    "Please submit feedback through the survey link in your confirmation email.",
    "We don't handle compliments on this channel, please use the feedback form.",
]

CURRENCY = {"retail": ["$", "\u00a3", "\u20ac"], "software": ["$", "\u20ac"], "telecom": ["\u00a3", "\u20ac", "$"],
            "banking": ["\u00a3", "$", "\u20ac"], "travel": ["\u20ac", "\u00a3", "$"]}
AIRLINES = ["BA", "FR", "LH", "KL", "AZ", "TP", "EI", "U2", "AF"]


# ----------------------------------------------------------------------- helpers
def split_tags(text: str) -> tuple[set[str], str]:
    m = TAG_RE.match(text)
    if not m:
        return set(), text
    return set(m.group(1).split()), text[m.end():]


def slots_of(text: str) -> set[str]:
    return set(SLOT_RE.findall(text))


def fits(fragment: str, msg_tags: set[str], msg_slots: set[str]) -> bool:
    tags, body = split_tags(fragment)
    return tags <= msg_tags and slots_of(body) <= (msg_slots | P.FREE_SLOTS)


def usable(pool: list[str], msg_tags: set[str], msg_slots: set[str]) -> list[str]:
    return [split_tags(f)[1] for f in pool if fits(f, msg_tags, msg_slots)]


def fill_slots(rng: random.Random, sc: dict[str, Any]) -> dict[str, str]:
    dom = sc["domain"]
    cur = rng.choice(CURRENCY[dom])
    amt = rng.choice([rng.randint(12, 99) + rng.choice([0, 0.5, 0.99]), rng.randint(100, 640) + rng.choice([0, 0.49])])
    amount = f"{cur}{amt:,.2f}".replace(".00", "") if cur != "\u20ac" or rng.random() < 0.6 else f"{amt:,.2f} EUR"
    day, fday = rng.sample(P.SLOT_POOLS["fday"], 2)
    vals = {
        "order": rng.choice(["#", "#", "", "no. "]) + str(rng.randint(10000, 9999999)),
        "amount": amount,
        "day": rng.choice(P.SLOT_POOLS["day"]) if rng.random() < 0.3 else day,
        "fday": fday,
        "hours": rng.choice(P.SLOT_POOLS["hours"]),
        "n": str(rng.randint(3, 9)),
        "ref": rng.choice(["#", "", "CS-", "REF"]) + str(rng.randint(100000, 999999)),
        "ticket": str(rng.randint(1000000, 9999999)),
        "flight": rng.choice(AIRLINES) + str(rng.randint(100, 8999)),
        "agent": rng.choice(P.AGENT_NAMES),
    }
    for key, pool in sc["slots"].items():
        choice = rng.choice(pool)
        if "+" in key:
            for k, v in zip(key.split("+"), choice, strict=True):
                vals[k] = v
        else:
            vals[key] = choice
    return vals


def render(text: str, vals: dict[str, str]) -> str:
    return SLOT_RE.sub(lambda m: vals[m.group(1)], text)


# ------------------------------------------------------------------ composing
class Builder:
    def __init__(self, rng: random.Random, sc: dict[str, Any], tags: set[str], mslots: set[str],
                 channel: str, name: str | None) -> None:
        self.rng, self.sc, self.tags, self.mslots = rng, sc, tags, mslots
        self.channel, self.name = channel, name
        self.parts: list[tuple[str, str]] = []

    def pool(self, key: str) -> list[str]:
        return usable(list(self.sc.get(key, [])), self.tags, self.mslots)

    def add(self, role: str, pool: list[str]) -> bool:
        pool = [p for p in pool if p not in {t for _, t in self.parts}]
        if not pool:
            return False
        self.parts.append((role, self.rng.choice(pool)))
        return True

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # roles that draw from scenario pools
    def validate(self) -> bool:
        return self.add("validate", self.pool("validate"))

    def paraphrase(self) -> bool:
        return self.add("paraphrase", self.pool("paraphrase"))

    def question(self) -> bool:
        return self.add("question", self.pool("question"))

    def apology(self) -> bool:
        return bool(self.sc["erred"]) and self.add("apology", self.pool("apology"))

    def action(self) -> bool:
        return self.add("action", self.pool("action"))

    def passive_action(self) -> bool:
        return self.add("passive_action", self.pool("passive_action"))

    def time(self) -> bool:
        return self.add("time", self.pool("time"))

    def canned(self) -> None:
        kind = self.sc["kind"]
        if kind == "loss":
            self.add("canned_feel", list(self.sc.get("canned_feel", P.CANNED_LOSS)))
            return
        if kind == "praise":
            self.add("canned_positive", P.CANNED_POSITIVE)
            return
        r = self.rng.random()
        if kind == "howto":
            if r < 0.5:
                self.add("canned_apology", ["Sorry for any confusion.", "Apologies for the confusion."])
            else:
                self.add("canned_understand", P.CANNED_UNDERSTAND[:4])
            return
        if r < 0.4:
            self.add("canned_feel", P.CANNED_FEEL)
        elif r < 0.75:
            self.add("canned_apology", P.CANNED_APOLOGY)
        else:
            self.add("canned_understand", P.CANNED_UNDERSTAND)
        if self.chance(0.3):
            self.add("canned_understand" if r < 0.75 else "canned_feel",
                     P.CANNED_UNDERSTAND if r < 0.75 else P.CANNED_FEEL)

    def closing(self, p: float) -> None:
        if self.chance(p):
            self.add("closing", P.CLOSING[self.channel])

    def deflect(self) -> None:
        self.add("deflect", P.DEFLECT[self.sc["domain"]] + P.DEFLECT["any"])

    # patterns -------------------------------------------------------------
    def empathy(self) -> None:
        sc = self.sc
        r = self.rng.random()
        if sc["kind"] == "loss":
            self.validate()
            if self.chance(0.4):
                self.paraphrase()
        elif r < 0.4:
            self.validate() or self.paraphrase()
        elif r < 0.7:
            self.paraphrase() or self.validate()
        else:
            self.paraphrase()
            self.validate()
        if self.chance(0.6):
            self.apology()
        if self.chance(0.35):
            self.question()
        if sc["act"]:
            self.action()
            if self.channel == "email" and self.chance(0.35):
                self.action()
            if self.chance(0.7):
                self.time()
        elif self.chance(0.5):
            self.add("extra", P.PRAISE_EXTRA)
        if self.chance(0.07):
            if sc["upset"] or sc["kind"] == "loss":
                self.add("cheery", P.CHEERY)
            elif sc["act"]:
                self.add("jargon", P.JARGON)
        self.closing({"email": 0.65, "chat": 0.5, "social": 0.4}[self.channel])

    def sympathy(self) -> None:
        sc = self.sc
        if sc["kind"] == "praise":
            self.canned()
            if self.chance(0.3):
                self.add("extra", P.PRAISE_EXTRA)
            self.closing(0.4)
            return
        r = self.rng.random()
        if r < 0.3:                                    # sorry from the sidelines
            self.canned()
            if self.chance(0.5):
                self.add("passive", P.PASSIVE)
            if self.chance(0.4):
                self.add("vague_time", P.VAGUE_TIME)
        elif r < 0.45:                                 # canned + vague question
            self.canned()
            self.add("q_generic", P.Q_GENERIC)
        elif r < 0.55:                                 # canned + a specific question, no help
            self.canned()
            self.question() or self.add("q_generic", P.Q_GENERIC)
        elif r < 0.72 and sc["kind"] != "howto":       # specific feeling, no help
            self.validate() or self.canned()
            x = self.rng.random()
            if x < 0.4:
                self.add("passive", P.PASSIVE)
            elif x < 0.7:
                self.add("vague_time", P.VAGUE_TIME)
        elif r < 0.86:                                 # sorry, but ...
            self.canned()
            self.add("sorry_but", P.SORRY_BUT)
            if self.chance(0.5):
                self.add("passive", P.PASSIVE)
        else:                                          # canned + passive help
            self.canned()
            self.passive_action()
            if self.chance(0.5):
                self.time()
        if self.chance(0.06) and (sc["upset"] or sc["kind"] == "loss"):
            self.add("cheery", P.CHEERY)
        self.closing({"email": 0.55, "chat": 0.45, "social": 0.35}[self.channel])

    def neutral(self) -> None:
        sc = self.sc
        if sc["kind"] == "praise":
            self.add("neutral_ack", P.NEUTRAL_ACK)
            self.closing(0.4)
            return
        r = self.rng.random()
        if r < 0.15:                                   # generic courtesy + real help
            self.canned()
            if self.chance(0.3):
                self.apology()
            self.action()
            if self.chance(0.6):
                self.time()
        elif r < 0.3:
            self.question() or self.add("q_generic", P.Q_GENERIC)
        elif r < 0.6:
            if self.chance(0.3):
                self.question()
            self.action()
            if self.channel == "email" and self.chance(0.3):
                self.action()
            if self.chance(0.7):
                self.time()
        elif r < 0.78:
            self.passive_action()
            if self.chance(0.6):
                self.time()
        elif r < 0.88:
            self.add("passive", P.PASSIVE)
            if self.chance(0.6):
                self.add("vague_time", P.VAGUE_TIME)
        else:
            self.add("jargon", P.JARGON)
            if not self.passive_action():
                self.add("passive", P.PASSIVE)
        self.closing({"email": 0.5, "chat": 0.45, "social": 0.3}[self.channel])

    def apathy(self) -> None:
        sc = self.sc
        if sc["kind"] == "praise":
            if self.chance(0.5):
                self.add("dismissive", P.DISMISSIVE[:3])
            else:
                self.add("deflect", PRAISE_DEFLECT)
            return
        r = self.rng.random()
        gentle = sc["kind"] in ("loss",)
        if r < 0.2:
            self.add("apathetic", P.APATHETIC)
            if self.chance(0.3):
                self.add("apathetic", P.APATHETIC)
        elif r < 0.35:
            self.canned()
            self.add("apathetic", P.APATHETIC)
        elif r < 0.55:
            self.deflect()
            if self.chance(0.35):
                self.add("apathetic", P.APATHETIC)
        elif r < 0.68 and not gentle:
            self.add("blame", P.BLAME)
            if self.chance(0.5):
                self.add("apathetic", P.APATHETIC)
        elif r < 0.8:
            self.add("sorry_but_policy", P.SORRY_BUT_POLICY)
            if self.chance(0.4):
                self.deflect()
        elif r < 0.88 and not gentle:
            self.add("dismissive", P.DISMISSIVE)
            return
        elif r < 0.93 and not gentle:
            self.add("shout", P.SHOUT)
            self.deflect()
        else:
            self.add("jargon", P.JARGON)
            self.add("apathetic", P.APATHETIC)
            if self.chance(0.5):
                self.deflect()
        if self.chance(0.15):
            self.add("vague_time", P.VAGUE_TIME)
        self.closing(0.2)


def labels_from(parts: list[tuple[str, str]], sc: dict[str, Any], name: str | None) -> dict[str, Any]:
    roles = [r for r, _ in parts]
    rs = set(roles)
    er = 2 if "validate" in rs else (1 if rs & ER1_ROLES else 0)
    ip = 2 if "paraphrase" in rs else (1 if "canned_understand" in rs else 0)
    ex = 2 if "question" in rs else (1 if "q_generic" in rs else 0)
    act, erred = bool(sc["act"]), bool(sc["erred"])
    lab: dict[str, Any] = {
        "emotional_reaction": er,
        "interpretation": ip,
        "exploration": ex,
        "personalization": None if name is None else int("greet_name" in rs),
        "ownership": int("action" in rs) if act else None,
        "apology": int("apology" in rs) if erred else None,
        "action": int(bool(rs & {"action", "passive_action"})) if act else None,
        "expectation": int("time" in rs) if act else None,
        "tone": 0 if (rs & TONE0_ROLES or ("cheery" in rs and (sc["upset"] or sc["kind"] == "loss"))) else 1,
        "closing": int("closing" in rs),
    }
    lab["label"] = stance_rule(lab, bool(rs & APATHY_ROLES))
    return lab


def stance_rule(lab: dict[str, Any], apathy_marker: bool) -> str:
    helped = lab["action"] == 1 and lab["ownership"] == 1
    real_help = helped if lab["action"] is not None else True
    feel = max(lab["emotional_reaction"], lab["interpretation"])
    if apathy_marker and not helped:
        return "apathy"
    if feel == 2 and real_help:
        return "empathy"
    if feel >= 1 and not real_help:
        return "sympathy"
    return "neutral"


def assemble(rng: random.Random, parts: list[tuple[str, str]], channel: str) -> str:
    greet = [t for r, t in parts if r in ("greet_name", "greet_plain") and t]
    body = [(r, t) for r, t in parts if r not in ("greet_name", "greet_plain", "signoff")]
    # cheerful openers go first, right after the greeting
    body = [p for p in body if p[0] == "cheery"] + [p for p in body if p[0] != "cheery"]
    sign = [t for r, t in parts if r == "signoff"]
    if channel == "email":
        groups: list[list[str]] = []
        cur: list[str] = []
        for i, (r, t) in enumerate(body):
            cur.append(t)
            nxt = body[i + 1][0] if i + 1 < len(body) else None
            if nxt is None or (r in ("validate", "paraphrase", "canned_feel", "canned_apology", "canned_understand",
                                     "apology", "canned_positive") and nxt in ("question", "action", "passive_action", "closing",
                                                                                "passive", "q_generic", "jargon", "deflect")) \
                    or nxt == "closing" or (r == "question" and nxt in ("action", "passive_action")):
                groups.append(cur)
                cur = []
        paras = [" ".join(g) for g in groups if g]
        if len(paras) > 1 and rng.random() < 0.25:
            paras = [" ".join(paras)]
        text = "\n\n".join(greet + paras + sign)
    else:
        sep = "\n" if channel == "chat" and rng.random() < 0.2 else " "
        text = sep.join(t for _, t in body)
        if greet:
            text = greet[0] + ("\n" if greet[0].endswith(",") else " ") + text
    return text.strip()


TYPO_SWAPS = [("you're", "your"), ("it's", "its"), ("I'm", "Im"), ("I've", "Ive"), ("don't", "dont"),
              ("received", "recieved"), ("definitely", "definately"), ("I'll", "Ill"), ("the ", "teh ")]


def add_noise(rng: random.Random, text: str) -> str:
    """Light, label-preserving typos in agent text (a few % of replies)."""
    for a, b in rng.sample(TYPO_SWAPS, 3):
        if a in text and rng.random() < 0.7:
            text = text.replace(a, b, 1)
    if rng.random() < 0.3:
        text = text[0].lower() + text[1:]
    return text


def customer_text(rng: random.Random, msg: str, channel: str, name: str | None) -> str:
    if name and channel == "email" and rng.random() < 0.5:
        if msg.rstrip().endswith(("Regards", "Thanks", "Thank you")):
            return msg.rstrip() + "\n" + name
        return msg.rstrip() + "\n\n" + rng.choice(["Thanks,\n", "Best,\n", "- ", "Regards,\n", ""]) + name
    return msg


def compose(rng: random.Random) -> list[dict[str, Any]]:
    scenarios = list(P.SCENARIOS)
    out: list[dict[str, Any]] = []
    seen: Counter[str] = Counter()
    targets = ["empathy", "sympathy", "neutral", "apathy"]
    i = 0
    while len(out) < N_COMPOSED:
        if i % len(scenarios) == 0:
            rng.shuffle(scenarios)
        sc = scenarios[i % len(scenarios)]
        i += 1
        msg = rng.choice(sc["msgs"])
        channel, mtext = msg[0], msg[1]
        mtags = set(msg[2].split()) if len(msg) > 2 else set()
        mslots = slots_of(mtext)
        name = rng.choice(P.CUSTOMER_NAMES) if rng.random() < 0.7 else None
        vals = fill_slots(rng, sc)
        if name:
            vals["name"] = name
        target = targets[len(out) % 4]
        b = Builder(rng, sc, mtags, mslots, channel, name)
        if name and rng.random() < (0.8 if target == "empathy" else 0.55):
            b.add("greet_name", P.GREET_NAME[channel])
        elif rng.random() < 0.75:
            b.add("greet_plain", P.GREET_PLAIN[channel])
        getattr(b, target)()
        if channel == "email" and rng.random() < 0.85:
            b.add("signoff", P.SIGNOFF)
        body_roles = {r for r, _ in b.parts} - {"greet_name", "greet_plain", "signoff", "closing"}
        if not body_roles:
            continue
        lab = labels_from(b.parts, sc, name)
        reply = render(assemble(rng, b.parts, channel), vals)
        if rng.random() < 0.06:
            reply = add_noise(rng, reply)
        if seen[reply] >= MAX_SAME_REPLY:
            continue
        seen[reply] += 1
        cust = render(customer_text(rng, mtext, channel, name), vals)
        out.append({
            "id": f"r-{len(out) + 1:05d}",
            "customer": cust,
            "customer_name": name,
            "reply": reply,
            "label": lab["label"],
            **{k: lab[k] for k in DIMS},
            "channel": channel,
            "domain": sc["domain"],
        })
    return out


DIMS = ["emotional_reaction", "interpretation", "exploration", "personalization", "ownership",
        "apology", "action", "expectation", "tone", "closing"]
FIELDS = ["id", "customer", "customer_name", "reply", "label", *DIMS, "channel", "domain"]


def main() -> None:
    rng = random.Random(SEED)
    composed = compose(rng)
    hand = [json.loads(line) for line in (HERE / "handwritten_train.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    rows = composed + hand
    random.Random(SEED).shuffle(rows)
    with (HERE / "train.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({k: r[k] for k in FIELDS}, ensure_ascii=False) + "\n")
    print(f"composed {len(composed)} + handwritten {len(hand)} = {len(rows)} train replies")
    print("stances:", dict(Counter(r["label"] for r in rows)))
    test_path = HERE / "test.jsonl"
    if test_path.exists():  # only to prove the held-out test set did not leak into train
        test_replies = {json.loads(line)["reply"].strip() for line in test_path.read_text(encoding="utf-8").splitlines()
                        if line.strip()}
        leaked = sum(r["reply"].strip() in test_replies for r in rows)
        if leaked:
            raise SystemExit(f"{leaked} train replies are identical to test replies")
        print("no test reply text appears in train")


if __name__ == "__main__":
    main()
