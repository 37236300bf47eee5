"""Charts as inline SVG, drawn here: no chart library, no script, nothing fetched.

Each function returns one ``<svg class="chart">`` element with a ``<title>`` and an
``aria-label`` that say what it shows, so the report reads from disk, offline, in any browser.

>>> "<rect" in bars([("email", 62.0), ("chat", 48.5)])
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

COLORS = {
    "empathy": "#2e7d32",
    "sympathy": "#f9a825",
    "neutral": "#90a4ae",
    "apathy": "#c62828",
    "bar": "#3f51b5",
    "line": "#3f51b5",
    "grid": "#e0e0e0",
    "text": "#37474f",
    "kept": "#2e7d32",
    "late": "#f9a825",
    "broken": "#c62828",
    "open": "#90a4ae",
    "untimed": "#cfd8dc",
}
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _svg(width: int, height: int, label: str, body: list[str]) -> str:
    text = escape(label)
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{text}"><title>{text}</title>'
        + "".join(body)
        + "</svg>"
    )


def _fmt(value: float, unit: str) -> str:
    return f"{value:.0f}{unit}" if abs(value) >= 10 or value == int(value) else f"{value:.2f}{unit}"


def bars(
    items: Sequence[tuple[str, float | None]],
    *,
    maximum: float | None = None,
    unit: str = "",
    label: str = "bar chart",
    color: str = COLORS["bar"],
    notes: Sequence[str] | None = None,
    width: int = 520,
) -> str:
    """Horizontal bars, one per item; ``None`` values show as "n/a"."""
    row, left, right = 24, 150, 120
    top = max((v for _, v in items if v is not None), default=0.0) or 1.0
    maximum = maximum or top
    body = []
    for i, (name, value) in enumerate(items):
        y = i * row + 4
        body.append(
            f'<text x="{left - 8}" y="{y + 14}" text-anchor="end" {FONT} fill="{COLORS["text"]}">{escape(name)}</text>'
        )
        body.append(
            f'<rect x="{left}" y="{y}" width="{width - left - right}" height="{row - 8}" fill="{COLORS["grid"]}"/>'
        )
        if value is None:
            shown = "n/a"
        else:
            w = max(0.0, min(1.0, value / maximum)) * (width - left - right)
            body.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{row - 8}" fill="{color}"/>')
            shown = _fmt(value, unit)
        note = f" {notes[i]}" if notes and i < len(notes) and notes[i] else ""
        body.append(
            f'<text x="{width - right + 6}" y="{y + 14}" {FONT} fill="{COLORS["text"]}">{escape(shown + note)}</text>'
        )
    return _svg(width, max(row, len(items) * row + 8), label, body)


def histogram(counts: Sequence[int], *, label: str = "score distribution", width: int = 420, height: int = 160) -> str:
    """Vertical bars of counts over ten score bands, 0-10 to 90-100."""
    top = max(counts, default=0) or 1
    bottom, left = height - 22, 28
    step = (width - left - 8) / max(1, len(counts))
    body = [f'<line x1="{left}" y1="{bottom}" x2="{width - 8}" y2="{bottom}" stroke="{COLORS["grid"]}"/>']
    for i, n in enumerate(counts):
        h = (bottom - 14) * n / top
        x = left + i * step
        color = COLORS["apathy"] if i < 3 else COLORS["sympathy"] if i < 6 else COLORS["empathy"]
        body.append(
            f'<rect x="{x + 2:.1f}" y="{bottom - h:.1f}" width="{step - 4:.1f}" height="{h:.1f}" fill="{color}"/>'
        )
        if n:
            body.append(
                f'<text x="{x + step / 2:.1f}" y="{bottom - h - 3:.1f}" text-anchor="middle" {FONT} '
                f'fill="{COLORS["text"]}">{n}</text>'
            )
        body.append(
            f'<text x="{x + step / 2:.1f}" y="{height - 6}" text-anchor="middle" {FONT} '
            f'fill="{COLORS["text"]}">{i * 10}</text>'
        )
    return _svg(width, height, label, body)


def stacked(parts: Mapping[str, int], *, label: str = "mix", width: int = 520) -> str:
    """One bar split into parts (such as the stance mix), with a legend of counts and shares."""
    total = sum(parts.values()) or 1
    inner = width - 8
    x = 4.0
    body = []
    for name, n in parts.items():
        w = inner * n / total
        if w > 0:
            body.append(
                f'<rect x="{x:.1f}" y="4" width="{w:.1f}" height="22" fill="{COLORS.get(name, COLORS["bar"])}">'
                f"<title>{escape(name)}: {n}</title></rect>"
            )
        x += w
    lx, ly = 4, 36
    for name, n in parts.items():
        text = f"{name} {n} ({100 * n / total:.0f}%)"
        item = 14 + 7 * len(text) + 16
        if lx > 4 and lx + item > width:
            lx, ly = 4, ly + 18  # wrap the legend rather than widen the chart
        body.append(f'<rect x="{lx}" y="{ly}" width="10" height="10" fill="{COLORS.get(name, COLORS["bar"])}"/>')
        body.append(f'<text x="{lx + 14}" y="{ly + 9}" {FONT} fill="{COLORS["text"]}">{escape(text)}</text>')
        lx += item
    return _svg(width, ly + 18, label, body)


def line(
    points: Sequence[tuple[str, float | None]],
    *,
    label: str = "trend",
    low: float = 0.0,
    high: float = 100.0,
    width: int = 520,
    height: int = 180,
) -> str:
    """A line over labelled points (such as the mean score per week); gaps where a value is ``None``."""
    left, bottom, top = 34, height - 24, 10
    n = len(points)
    step = (width - left - 16) / max(1, n - 1)
    body = []
    for tick in (low, (low + high) / 2, high):
        y = bottom - (bottom - top) * (tick - low) / (high - low)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 8}" y2="{y:.1f}" stroke="{COLORS["grid"]}"/>')
        body.append(
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" {FONT} fill="{COLORS["text"]}">{tick:.0f}</text>'
        )
    coords: list[tuple[float, float]] = []
    every = max(1, math.ceil(n / 6))
    for i, (name, value) in enumerate(points):
        x = left + (i * step if n > 1 else (width - left) / 2)
        if i % every == 0 or i == n - 1:
            body.append(
                f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle" {FONT} '
                f'fill="{COLORS["text"]}">{escape(name)}</text>'
            )
        if value is None:
            if len(coords) > 1:
                body.append(_polyline(coords))
            coords = []
            continue
        y = bottom - (bottom - top) * (max(low, min(high, value)) - low) / (high - low)
        coords.append((x, y))
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{COLORS["line"]}"><title>{escape(name)}: '
            f"{value:.1f}</title></circle>"
        )
    if len(coords) > 1:
        body.append(_polyline(coords))
    return _svg(width, height, label, body)


def _polyline(coords: list[tuple[float, float]]) -> str:
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
    return f'<polyline points="{pts}" fill="none" stroke="{COLORS["line"]}" stroke-width="2"/>'
