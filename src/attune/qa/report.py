"""The HTML report: one self-contained file (styles and SVG charts inline) from ``summary.json``.

The template is plain Jinja (``templates/report.html.j2``, packaged); charts come from
:mod:`attune.qa.charts`. Evidence is rendered from the stored spans, never recomputed.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

from attune.qa import charts
from attune.qa.errors import require
from attune.taxonomy import DIMENSIONS

#: Hours into the day with fewer replies than this are left off the fatigue curve.
MIN_CURVE_TURNS = 5
DIMENSION_NAMES = {
    "emotional_reaction": "Validates feelings",
    "interpretation": "Shows understanding",
    "exploration": "Asks / explores",
    "personalization": "Uses the name",
    "ownership": "Takes ownership",
    "apology": "Sincere apology",
    "action": "Concrete action",
    "expectation": "Sets expectations",
    "tone": "Warm, plain tone",
    "closing": "Inviting close",
}


def duration(seconds: float | None) -> str:
    """A short readable duration.

    >>> duration(59), duration(3 * 3600 + 300), duration(2 * 86400 + 3600), duration(None)
    ('59 s', '3 h 5 min', '2 d 1 h', '–')
    """
    if seconds is None:
        return "–"
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min"
    if s < 86400:
        return f"{s // 3600} h {s % 3600 // 60} min"
    return f"{s // 86400} d {s % 86400 // 3600} h"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def highlight(text: str, spans: list[list[Any]]) -> str:
    """The reply as HTML with each evidence span marked, its rule and explanation as a tooltip."""
    out: list[str] = []
    pos = 0
    for start, end, label, why in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < pos or end > len(text):
            continue  # overlapping spans: the first one wins
        out.append(escape(text[pos:start]))
        kind = "bad" if str(label).startswith(("apathy", "tone", "deflect")) or "canned" in str(why) else "good"
        out.append(
            f'<mark class="{kind}" title="{escape(str(label))}: {escape(str(why))}">{escape(text[start:end])}</mark>'
        )
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def when(ts: float | None) -> str:
    if ts is None:
        return ""
    return dt.datetime.fromtimestamp(ts, tz=dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _short(period: str) -> str:
    """A period label short enough for an axis: ``03-04`` for a day, ``W10`` for a week."""
    if len(period) == 10:
        return period[5:]
    return period.split("-", 1)[1] if "-W" in period else period


def _card_charts(card: dict[str, Any], team: dict[str, Any] | None, name: str) -> dict[str, str]:
    rates = card["dimension_rates"]
    team_rates = team["dimension_rates"] if team else {}
    notes = [f"(team {percent(team_rates.get(d))})" if team else "" for d in DIMENSIONS]
    return {
        "histogram": charts.histogram(card["histogram"], label=f"Score distribution of {name}"),
        "stances": charts.stacked(card["stances"], label=f"Stance mix of {name}"),
        "dimensions": charts.bars(
            [(DIMENSION_NAMES[d], None if rates[d] is None else 100 * rates[d]) for d in DIMENSIONS],
            maximum=100,
            unit="%",
            label=f"How often each element is present in replies by {name}",
            notes=notes,
        ),
        "trend": charts.line(
            [(_short(t["period"]), t["mean_score"]) for t in card["trend"]], label=f"Mean score over time, {name}"
        ),
    }


def build_context(summary: dict[str, Any]) -> dict[str, Any]:
    """What the template shows: the summary plus charts and readable figures."""
    overall = summary["overall"]
    conv = summary["conversations"]
    agents = summary["agents"]
    ranked = sorted(agents.items(), key=lambda kv: -(kv[1]["mean_score"] or 0.0))
    cards: list[dict[str, Any]] = []
    for name, card in ranked:
        cards.append(
            {"name": name, "card": card, "charts": _card_charts(card, overall, name), "anchor": f"agent-{len(cards)}"}
        )
    fairness = {
        "emotion": charts.bars(
            [(g["group"], g["mean_score"]) for g in overall["by_emotion"]],
            maximum=100,
            label="Mean reply score by the customer's main emotion",
            notes=[f"n={g['turns']}" for g in overall["by_emotion"]],
        ),
        "channel": charts.bars(
            [(g["group"], g["mean_score"]) for g in overall["by_channel"]],
            maximum=100,
            label="Mean reply score by channel",
            notes=[f"n={g['turns']}" for g in overall["by_channel"]],
        ),
    }

    def gap(groups: list[dict[str, Any]]) -> float | None:
        values = [g["mean_score"] for g in groups if g["turns"] >= 5 and g["mean_score"] is not None]
        return round(max(values) - min(values), 1) if len(values) >= 2 else None

    csat_bands = conv["csat_by_score"]
    main = {
        "histogram": charts.histogram(overall["histogram"], label="Score distribution, all replies"),
        "stances": charts.stacked(overall["stances"], label="Stance mix, all replies"),
        "dimensions": charts.bars(
            [
                (
                    DIMENSION_NAMES[d],
                    None if overall["dimension_rates"][d] is None else 100 * overall["dimension_rates"][d],
                )
                for d in DIMENSIONS
            ],
            maximum=100,
            unit="%",
            label="How often each element of an empathetic reply is present",
        ),
        "trend": charts.line(
            [(_short(t["period"]), t["mean_score"]) for t in overall["trend"]], label="Mean reply score over time"
        ),
        "agents": charts.bars(
            [(name, card["mean_score"]) for name, card in ranked],
            maximum=100,
            label="Mean reply score by agent",
            notes=[f"n={card['turns']}" for _, card in ranked],
        ),
        "fatigue": charts.line(
            [(f"+{p['hour']}h", p["mean_score"]) for p in summary["fatigue_curve"] if p["turns"] >= MIN_CURVE_TURNS],
            label="Mean reply score by hours into the agent's day",
        ),
        "csat": charts.bars(
            [(f"score {b['band']}", None if b["csat"] is None else 100 * b["csat"]) for b in csat_bands],
            maximum=100,
            unit="%",
            label="CSAT (share satisfied) by the conversation's mean reply score",
            notes=[f"n={b['conversations']}" for b in csat_bands],
        ),
        "arcs": charts.stacked(
            {k: conv["arcs"].get(k, 0) for k in ("improved", "steady", "worsened", "single", "none")},
            label="How the customer's mood moved from first to last message",
        ),
        "promises": charts.stacked(
            {k: conv["promises"][k] for k in ("kept", "late", "broken", "open", "untimed")},
            label="Promises made by agents and whether they were kept",
        ),
        "situations": charts.bars(
            [(k.replace("_", " "), float(v)) for k, v in list(conv["situations"].items())[:10]],
            label="Situations customers wrote about (conversations)",
        ),
    }
    teams = [
        {"name": name, "card": card, "charts": _card_charts(card, overall, name)}
        for name, card in summary["teams"].items()
    ]
    return {
        "s": summary,
        "run": summary["run"],
        "imp": summary["import"],
        "overall": overall,
        "conv": conv,
        "repeat": summary["repeat_contacts"],
        "agents": cards,
        "teams": teams,
        "charts": main,
        "fairness": fairness,
        "emotion_gap": gap(overall["by_emotion"]),
        "channel_gap": gap(overall["by_channel"]),
        "flagged": [c for c in cards if c["card"]["fatigue"]["flag"]],
        "dimension_names": DIMENSION_NAMES,
        "dimensions": DIMENSIONS,
    }


def render(summary: dict[str, Any]) -> str:
    """The report's HTML."""
    require("jinja2", "qa")
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("attune.qa", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(duration=duration, percent=percent, when=when)
    env.globals.update(highlight=lambda text, spans: Markup(highlight(text, spans)), svg=Markup, percent=percent)
    return env.get_template("report.html.j2").render(**build_context(summary))


def write_report(summary: dict[str, Any], path: Path) -> Path:
    """Write the report to ``path`` and return it."""
    path.write_text(render(summary), encoding="utf-8")
    return path
