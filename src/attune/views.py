"""Readable Rich views of the core results, as ``attune analyze|assess|suggest|rewrite|draft``
print them without ``--json``: score bars, the text with its evidence spans highlighted, and a
table of what each span means."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from attune.types import CustomerAnalysis, Draft, Evidence, ReplyAssessment, Rewrite, Suggestion

_PALETTE = (
    "black on yellow",
    "black on cyan",
    "black on green",
    "white on magenta",
    "white on blue",
    "white on red",
    "black on bright_yellow",
    "black on bright_cyan",
    "black on bright_green",
    "black on bright_magenta",
)


def _bar(score: float, width: int = 20) -> Text:
    filled = round(max(0.0, min(1.0, score)) * width)
    return Text("█" * filled + "·" * (width - filled), style="green" if score >= 0.5 else "dim")


def _yes(flag: bool) -> Text:
    return Text("yes", style="bold red") if flag else Text("no")


def _heading(title: str) -> Text:
    return Text(title, style="bold underline")


def _copyable(text: str) -> Text:
    """Text to copy as is: the terminal wraps it, so no line breaks are added."""
    return Text(text, no_wrap=True, overflow="ignore")


def highlighted(text: str, evidence: Sequence[Evidence]) -> Group:
    """``text`` with evidence spans in one colour per label, and a legend of labels and spans."""
    spans = sorted((e for e in evidence if e.end > e.start), key=lambda e: (e.start, -e.end))
    colours: dict[str, str] = {}
    for e in spans:
        colours.setdefault(e.label or e.source, _PALETTE[len(colours) % len(_PALETTE)])
    body = Text(text)
    for e in spans:
        body.stylize(colours[e.label or e.source], e.start, e.end)
    legend = Table(show_header=False, box=None, pad_edge=False)
    legend.add_column(no_wrap=True)
    legend.add_column(overflow="fold")
    legend.add_column(overflow="fold", style="dim")
    for label, colour in colours.items():
        mine = [e for e in spans if (e.label or e.source) == label]
        quoted = ", ".join(dict.fromkeys(f'"{text[e.start : e.end]}"' for e in mine))
        why = "; ".join(dict.fromkeys(e.explanation for e in mine))
        legend.add_row(Text(f" {label} ", style=colour), Text(quoted), Text(why))
    for e in evidence:
        if e.end <= e.start and e.explanation:
            legend.add_row(
                Text(f" {e.label or e.source} ", style="bold"),
                Text("(whole text)"),
                Text(e.explanation),
            )
    return Group(body, Text(), legend)


def render_analysis(a: CustomerAnalysis) -> RenderableType:
    emotions = Table(title="Emotions", title_justify="left", box=None)
    emotions.add_column("emotion")
    emotions.add_column("score", justify="right")
    emotions.add_column("")
    for name, score in a.emotions.items():
        style = "bold" if score >= 0.5 else ""
        emotions.add_row(Text(name, style=style), Text(f"{score:.2f}", style=style), _bar(score))
    facts = Table(show_header=False, box=None)
    facts.add_column(style="bold")
    facts.add_column()
    situations = ", ".join(f"{s} ({a.situations[s]:.2f})" for s in a.present_situations)
    facts.add_row("situations", Text(situations or "none"))
    facts.add_row("urgency", Text(f"{a.urgency:.2f}"))
    facts.add_row("escalation", _yes(a.escalation))
    facts.add_row("abuse", _yes(a.abuse))
    facts.add_row("intensity", Text(f"{a.intensity:.2f}"))
    facts.add_row("name", Text(a.name or "unknown"))
    details = "; ".join(f"{d.kind}: {d.text}" for d in a.details)
    facts.add_row("details", Text(details or "none"))
    return Group(emotions, Text(), facts, Text(), _heading("Evidence"), highlighted(a.text, a.evidence))


def render_assessment(r: ReplyAssessment) -> RenderableType:
    scores = " · ".join(f"{k} {v:.2f}" for k, v in r.stance_scores.items())
    head = Text.assemble(
        ("Stance: ", "bold"),
        (r.stance, "bold magenta"),
        f"  ({scores})\n",
        ("Score: ", "bold"),
        f"{r.score:.1f} / 100",
    )
    checklist = Table(title="Checklist", title_justify="left")
    checklist.add_column("dimension", no_wrap=True)
    checklist.add_column("", justify="center")
    checklist.add_column("level/score", no_wrap=True)
    checklist.add_column("reason", ratio=2)
    checklist.add_column("suggestion", ratio=3)
    for name, d in r.dimensions.items():
        if not d.applicable:
            mark = Text("n/a", style="dim")
        else:
            mark = Text("✓", style="bold green") if d.present else Text("✗", style="bold red")
        if d.level is not None:
            measure = f"level {d.level}/2"
        elif d.score is not None:
            measure = f"{d.score:.2f}"
        else:
            measure = ""
        checklist.add_row(
            Text(name),
            mark,
            Text(measure),
            Text(d.reason),
            Text(d.suggestion or "", style="italic"),
        )
    return Group(head, Text(), checklist, Text(), _heading("Reply"), highlighted(r.text, r.evidence))


def render_suggestions(suggestions: list[Suggestion]) -> RenderableType:
    if not suggestions:
        return Text("No statement fits this message.", style="dim")
    rows: list[RenderableType] = []
    for i, s in enumerate(suggestions, 1):
        rows.append(Text.assemble((f"{i}. ", "bold"), s.text))
        rows.append(Text.assemble("   ", (s.practice, "bold cyan"), " · ", (s.reason, "dim")))
    return Group(*rows)


def render_rewrite(r: Rewrite) -> RenderableType:
    if not r.edits:
        return Group(_copyable(r.text), Text(), Text("No edits: the reply reads well as it is.", style="dim"))
    edits = Table(title="Edits", title_justify="left")
    edits.add_column("kind", no_wrap=True)
    edits.add_column("before", ratio=1)
    edits.add_column("after", ratio=1)
    edits.add_column("reason", ratio=1)
    for e in r.edits:
        edits.add_row(Text(e.kind), Text(e.before, style="red"), Text(e.after, style="green"), Text(e.reason))
    return Group(_heading("Rewritten reply"), _copyable(r.text), Text(), edits)


def render_draft(d: Draft) -> RenderableType:
    left = (
        Text.assemble(("Placeholders to fill: ", "bold"), ", ".join(d.placeholders))
        if d.placeholders
        else Text("No placeholders left.", style="dim")
    )
    return Group(_heading("Draft"), _copyable(d.text), Text(), left)
