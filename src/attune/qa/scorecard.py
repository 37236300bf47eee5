"""Scorecards: streaming statistics of scored turns and conversations, per agent, team and overall.

Everything here is an accumulator fed one result at a time, so memory grows with the number of
agents, teams, days and distinct customers, never with the number of turns. Medians come from a
seeded reservoir sample (exact up to :data:`RESERVOIR` values, and the same on every run).

Fatigue: for each agent and UTC day with at least :data:`FATIGUE_MIN_TURNS` scored replies over
three or more active hours, the replies of the first third of those hours are "early" and those of
the last third "late". Pooled over the days, the drop is the early mean minus the late mean; an
agent is flagged when it is at least :data:`FATIGUE_DROP` points over two or more days, with at
least :data:`FATIGUE_MIN_GROUP` replies on each side, and clear of noise (Welch's t of 2 or more).
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import json
import math
import random
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from attune.qa.score import ConversationResult
from attune.taxonomy import DIMENSIONS, EMOTIONS, STANCES

RESERVOIR = 10_000
KEEP_EXAMPLES = 3
FATIGUE_MIN_TURNS = 6
FATIGUE_DROP = 8.0
FATIGUE_MIN_GROUP = 8
FATIGUE_T = 2.0
REPEAT_WINDOW_SECONDS = 7 * 86400
SCORE_BANDS = ((0, 20), (20, 40), (40, 60), (60, 80), (80, 101))
MIN_GROUP = 5  # fewer turns than this in a fairness group are shown but not compared


class Reservoir:
    """A uniform sample of at most ``size`` values, seeded so that runs repeat."""

    def __init__(self, size: int = RESERVOIR, seed: int = 7) -> None:
        self.size = size
        self.values = array("d")
        self.seen = 0
        self._rng = random.Random(seed)

    def add(self, value: float) -> None:
        self.seen += 1
        if len(self.values) < self.size:
            self.values.append(value)
        else:
            j = self._rng.randrange(self.seen)
            if j < self.size:
                self.values[j] = value

    def quantile(self, q: float) -> float | None:
        if not self.values:
            return None
        ordered = sorted(self.values)
        k = (len(ordered) - 1) * q
        lo, hi = math.floor(k), math.ceil(k)
        return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


@dataclass(slots=True)
class Mean:
    total: float = 0.0
    n: int = 0
    squares: float = 0.0

    def add(self, value: float) -> None:
        self.total += value
        self.n += 1
        self.squares += value * value

    def merge(self, other: Mean) -> None:
        self.total += other.total
        self.n += other.n
        self.squares += other.squares

    @property
    def variance(self) -> float:
        if self.n < 2:
            return 0.0
        return max(0.0, (self.squares - self.total * self.total / self.n) / (self.n - 1))

    @property
    def value(self) -> float | None:
        return round(self.total / self.n, 2) if self.n else None


def _example(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "conversation_id": row["conversation_id"],
        "turn": row["turn"],
        "agent": row["agent"],
        "score": row["score"],
        "stance": row["stance"],
        "timestamp": row["timestamp"],
        "channel": row["channel"],
        "customer_emotion": row["customer_emotion"],
        "customer": row.get("customer_excerpt", ""),
        "reply": row["reply"][:2000],
        "evidence": json.loads(row["evidence"]),
    }


@dataclass(slots=True)
class TurnStats:
    """Statistics of the scored turns of one group (an agent, a team, or everyone)."""

    n: int = 0
    score: Mean = field(default_factory=Mean)
    histogram: list[int] = field(default_factory=lambda: [0] * 10)
    stances: Counter[str] = field(default_factory=Counter)
    applicable: Counter[str] = field(default_factory=Counter)
    present: Counter[str] = field(default_factory=Counter)
    by_day: dict[str, Mean] = field(default_factory=lambda: defaultdict(Mean))
    by_emotion: dict[str, Mean] = field(default_factory=lambda: defaultdict(Mean))
    by_channel: dict[str, Mean] = field(default_factory=lambda: defaultdict(Mean))
    response: Reservoir = field(default_factory=Reservoir)
    best: list[tuple[Any, ...]] = field(default_factory=list)
    worst: list[tuple[Any, ...]] = field(default_factory=list)
    _seq: int = 0

    def add(self, row: dict[str, Any]) -> None:
        score = float(row["score"])
        self.n += 1
        self.score.add(score)
        self.histogram[min(9, int(score // 10))] += 1
        self.stances[row["stance"]] += 1
        for d in DIMENSIONS:
            value = row[f"dim_{d}"]
            if value is not None:
                self.applicable[d] += 1
                if value >= 0.5:
                    self.present[d] += 1
        if row["timestamp"] is not None:
            self.by_day[_day(row["timestamp"])].add(score)
        self.by_emotion[row["customer_emotion"] or "unknown"].add(score)
        self.by_channel[row["channel"]].add(score)
        if row["response_seconds"] is not None:
            self.response.add(row["response_seconds"])
        # Ties broken by order of arrival, which both engines keep, so examples are stable.
        self._seq += 1
        key = (row["conversation_id"], row["turn"])
        self._push(self.best, (score, -self._seq, key, row))
        self._push(self.worst, (-score, -self._seq, key, row))

    @staticmethod
    def _push(heap: list[tuple[Any, ...]], item: tuple[Any, ...]) -> None:
        if len(heap) < KEEP_EXAMPLES:
            heapq.heappush(heap, (item[0], item[1], item[2], _example(item[3])))
        elif item[:2] > heap[0][:2]:
            heapq.heapreplace(heap, (item[0], item[1], item[2], _example(item[3])))

    def to_dict(self, period: str) -> dict[str, Any]:
        rates = {d: round(self.present[d] / self.applicable[d], 4) if self.applicable[d] else None for d in DIMENSIONS}
        trend: dict[str, Mean] = defaultdict(Mean)
        for day, m in self.by_day.items():
            bucket = trend[_period(day, period)]
            bucket.total += m.total
            bucket.n += m.n
        return {
            "turns": self.n,
            "mean_score": self.score.value,
            "histogram": self.histogram,
            "stances": {s: self.stances.get(s, 0) for s in STANCES},
            "dimension_rates": rates,
            "trend": [{"period": k, "mean_score": v.value, "turns": v.n} for k, v in sorted(trend.items())],
            "by_emotion": _groups(self.by_emotion, [*EMOTIONS, "unknown"]),
            "by_channel": _groups(self.by_channel, None),
            "median_response_seconds": self.response.quantile(0.5),
            "best": [e[3] for e in sorted(self.best, key=lambda e: (-e[0], -e[1]))],
            "weakest": [e[3] for e in sorted(self.worst, key=lambda e: (-e[0], -e[1]))],
        }


def _groups(groups: dict[str, Mean], order: list[str] | None) -> list[dict[str, Any]]:
    names = [n for n in order if n in groups] if order else sorted(groups, key=lambda n: -groups[n].n)
    return [{"group": n, "mean_score": groups[n].value, "turns": groups[n].n} for n in names]


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, tz=dt.UTC).date().isoformat()


def _period(day: str, period: str) -> str:
    if period == "day":
        return day
    d = dt.date.fromisoformat(day)
    if period == "month":
        return d.strftime("%Y-%m")
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(slots=True)
class ConversationStats:
    """Statistics of the conversations of one group."""

    n: int = 0
    arcs: Counter[str] = field(default_factory=Counter)
    escalated: int = 0
    abuse: int = 0
    first_response: Reservoir = field(default_factory=Reservoir)
    resolution: Reservoir = field(default_factory=Reservoir)
    csat: Mean = field(default_factory=Mean)
    nps: Counter[str] = field(default_factory=Counter)
    promises: Counter[str] = field(default_factory=Counter)
    situations: Counter[str] = field(default_factory=Counter)
    csat_by_band: dict[str, Mean] = field(default_factory=lambda: defaultdict(Mean))
    pairs: list[float] = field(default_factory=lambda: [0.0] * 6)  # n, sx, sy, sxx, syy, sxy

    def add(self, s: dict[str, Any], promise_statuses: Iterable[str]) -> None:
        self.n += 1
        self.arcs[s["arc"]] += 1
        self.escalated += bool(s["escalated"])
        self.abuse += bool(s["abuse"])
        if s["first_response_seconds"] is not None:
            self.first_response.add(s["first_response_seconds"])
        if s["resolution_seconds"] is not None:
            self.resolution.add(s["resolution_seconds"])
        for name in filter(None, s["situations"].split(",")):
            self.situations[name] += 1
        self.promises.update(promise_statuses)
        if s["nps"] is not None:
            self.nps["promoter" if s["nps"] >= 9 else "passive" if s["nps"] >= 7 else "detractor"] += 1
        csat = s["csat"]
        if csat is not None:
            self.csat.add(csat)
            if s["mean_score"] is not None:
                x = float(s["mean_score"])
                band = next(f"{lo}-{min(hi, 100)}" for lo, hi in SCORE_BANDS if lo <= x < hi)
                self.csat_by_band[band].add(csat)
                for i, v in enumerate((1.0, x, csat, x * x, csat * csat, x * csat)):
                    self.pairs[i] += v

    def to_dict(self) -> dict[str, Any]:
        n, sx, sy, sxx, syy, sxy = self.pairs
        corr = None
        if n >= 3:
            vx, vy = n * sxx - sx * sx, n * syy - sy * sy
            if vx > 1e-9 and vy > 1e-9:
                corr = round((n * sxy - sx * sy) / math.sqrt(vx * vy), 3)
        nps_n = sum(self.nps.values())
        total_promises = sum(self.promises.values())
        checked = sum(self.promises[k] for k in ("kept", "late", "broken"))
        return {
            "conversations": self.n,
            "arcs": dict(sorted(self.arcs.items())),
            "escalated": self.escalated,
            "abuse": self.abuse,
            "median_first_response_seconds": self.first_response.quantile(0.5),
            "median_resolution_seconds": self.resolution.quantile(0.5),
            "csat": self.csat.value,
            "csat_responses": self.csat.n,
            "nps": round(100 * (self.nps["promoter"] - self.nps["detractor"]) / nps_n, 1) if nps_n else None,
            "nps_responses": nps_n,
            "promises": {
                "total": total_promises,
                **{k: self.promises.get(k, 0) for k in ("kept", "late", "broken", "open", "untimed")},
            },
            "promise_kept_rate": round(self.promises["kept"] / checked, 4) if checked else None,
            "situations": dict(self.situations.most_common()),
            "csat_by_score": [
                {
                    "band": f"{lo}-{min(hi, 100)}",
                    "csat": self.csat_by_band[f"{lo}-{min(hi, 100)}"].value,
                    "conversations": self.csat_by_band[f"{lo}-{min(hi, 100)}"].n,
                }
                for lo, hi in SCORE_BANDS
            ],
            "empathy_csat_correlation": corr,
        }


@dataclass(slots=True)
class Fatigue:
    """Scores by agent, UTC day and hour: the material of the fatigue signal."""

    hours: dict[tuple[str, str], dict[int, Mean]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Mean))
    )

    def add(self, row: dict[str, Any]) -> None:
        if row["timestamp"] is None:
            return
        when = dt.datetime.fromtimestamp(row["timestamp"], tz=dt.UTC)
        self.hours[(row["agent"], when.date().isoformat())][when.hour].add(float(row["score"]))

    def result(self) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
        """Per agent: days judged, mean drop, flag; and overall: mean score by hour into the shift."""
        early: dict[str, Mean] = defaultdict(Mean)
        late: dict[str, Mean] = defaultdict(Mean)
        days: Counter[str] = Counter()
        into_shift: dict[int, Mean] = defaultdict(Mean)
        for (agent, _), hours in sorted(self.hours.items()):
            active = sorted(hours)
            for h in active:
                into_shift[h - active[0]].merge(hours[h])
            turns = sum(hours[h].n for h in active)
            if turns < FATIGUE_MIN_TURNS or len(active) < 3:
                continue
            third = max(1, len(active) // 3)
            days[agent] += 1
            for h in active[:third]:
                early[agent].merge(hours[h])
            for h in active[-third:]:
                late[agent].merge(hours[h])
        agents = {}
        for agent in sorted({a for a, _ in self.hours}):
            e, lt = early.get(agent, Mean()), late.get(agent, Mean())
            drop = t = None
            if e.n and lt.n:
                drop = round(e.total / e.n - lt.total / lt.n, 2)
                se = math.sqrt(e.variance / e.n + lt.variance / lt.n)
                t = round(drop / se, 2) if se > 0 else None
            agents[agent] = {
                "days_judged": days[agent],
                "early_mean": e.value,
                "late_mean": lt.value,
                "early_replies": e.n,
                "late_replies": lt.n,
                "mean_drop": drop,
                "t": t,
                "flag": (
                    days[agent] >= 2
                    and min(e.n, lt.n) >= FATIGUE_MIN_GROUP
                    and (drop or 0.0) >= FATIGUE_DROP
                    and (t or 0.0) >= FATIGUE_T
                ),
            }
        curve = [{"hour": h, "mean_score": into_shift[h].value, "turns": into_shift[h].n} for h in sorted(into_shift)]
        return agents, curve


@dataclass(slots=True)
class Scorecards:
    """Everything the report shows, accumulated from :class:`ConversationResult` objects."""

    period: str = "auto"
    overall: TurnStats = field(default_factory=TurnStats)
    agents: dict[str, TurnStats] = field(default_factory=lambda: defaultdict(TurnStats))
    teams: dict[str, TurnStats] = field(default_factory=lambda: defaultdict(TurnStats))
    conversations: ConversationStats = field(default_factory=ConversationStats)
    agent_conversations: dict[str, ConversationStats] = field(default_factory=lambda: defaultdict(ConversationStats))
    fatigue: Fatigue = field(default_factory=Fatigue)
    customers: dict[str, array[float]] = field(default_factory=dict)
    first_day: str | None = None
    last_day: str | None = None
    broken: list[dict[str, Any]] = field(default_factory=list)
    unscored_turns: int = 0

    def add(self, result: ConversationResult) -> None:
        for row in result.turns:
            self.overall.add(row)
            self.agents[row["agent"]].add(row)
            if row["team"]:
                self.teams[row["team"]].add(row)
            self.fatigue.add(row)
            if row["timestamp"] is not None:
                day = _day(row["timestamp"])
                self.first_day = min(self.first_day or day, day)
                self.last_day = max(self.last_day or day, day)
        s = result.summary
        statuses = [p.status for p in result.promises]
        self.conversations.add(s, statuses)
        if s["agent"]:
            self.agent_conversations[s["agent"]].add(s, statuses)
        self.unscored_turns += s["agent_turns"] - s["scored_turns"]
        for p in result.promises:
            if p.status in ("broken", "late") and len(self.broken) < 50:
                self.broken.append(p.to_dict())
        if s["customer_id"] and s["created_at"] is not None:
            self.customers.setdefault(s["customer_id"], array("d")).append(s["created_at"])

    def _period(self) -> str:
        if self.period != "auto":
            return self.period
        if self.first_day is None or self.last_day is None:
            return "week"
        span = (dt.date.fromisoformat(self.last_day) - dt.date.fromisoformat(self.first_day)).days
        return "day" if span <= 31 else "week" if span <= 366 else "month"

    def repeat_contacts(self) -> dict[str, Any]:
        """Customers who wrote again within a week, and conversations per issue."""
        conversations = repeats = issues = customers_back = 0
        for times in self.customers.values():
            ordered = sorted(times)
            conversations += len(ordered)
            issues += 1
            back = False
            for prev, cur in itertools.pairwise(ordered):
                if cur - prev <= REPEAT_WINDOW_SECONDS:
                    repeats += 1
                    back = True
                else:
                    issues += 1
            customers_back += back
        return {
            "customers": len(self.customers),
            "conversations_with_customer": conversations,
            "repeat_contacts": repeats,
            "customers_with_repeat": customers_back,
            "contacts_per_issue": round(conversations / issues, 3) if issues else None,
            "repeat_rate": round(repeats / conversations, 4) if conversations else None,
        }

    def to_dict(self) -> dict[str, Any]:
        period = self._period()
        fatigue, curve = self.fatigue.result()
        agents = {}
        for name in sorted(self.agents):
            card = self.agents[name].to_dict(period)
            card["conversations"] = (
                self.agent_conversations[name].to_dict() if name in self.agent_conversations else None
            )
            card["fatigue"] = fatigue.get(name, {"days_judged": 0, "mean_drop": None, "flag": False})
            agents[name] = card
        return {
            "period": period,
            "first_day": self.first_day,
            "last_day": self.last_day,
            "overall": self.overall.to_dict(period),
            "conversations": self.conversations.to_dict(),
            "repeat_contacts": self.repeat_contacts(),
            "agents": agents,
            "teams": {name: self.teams[name].to_dict(period) for name in sorted(self.teams)},
            "fatigue_curve": curve,
            "broken_promises": self.broken,
            "unscored_turns": self.unscored_turns,
        }
