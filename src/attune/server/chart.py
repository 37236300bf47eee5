"""The customer's emotions over a conversation as an inline SVG line chart (no script, no CDN).

>>> svg = emotion_chart([("#1", {"anger": 0.8, "neutral": 0.1}), ("#3", {"anger": 0.3, "neutral": 0.6})])
>>> svg.startswith("<svg") and "anger" in svg
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from attune.taxonomy import EMOTIONS

#: One colour per emotion, distinguishable and dark enough on white; lines also differ by dash.
COLOURS = {
    "anger": "#c0392b",
    "frustration": "#d35400",
    "disappointment": "#8e44ad",
    "confusion": "#2c6fbb",
    "anxiety": "#b7950b",
    "sadness": "#34495e",
    "happiness": "#1e8449",
    "neutral": "#6b6b6b",
}
DASHES = {"neutral": "2 4", "happiness": "8 3", "confusion": "4 2"}

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 120, 16, 36


def emotion_chart(points: Sequence[tuple[str, Mapping[str, float]]], *, floor: float = 0.15) -> str:
    """Lines of each emotion that reaches ``floor`` somewhere, one point per customer turn."""
    shown = [e for e in EMOTIONS if any(p.get(e, 0.0) >= floor for _, p in points)]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = len(points)

    def x(i: int) -> float:
        return LEFT + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    def y(v: float) -> float:
        return TOP + plot_h * (1 - max(0.0, min(1.0, v)))

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="chart-title chart-desc" class="chart">',
        '<title id="chart-title">Customer emotions over the conversation</title>',
        f'<desc id="chart-desc">Scores from 0 to 1 for {escape(", ".join(shown) or "no emotion")} '
        f"across {n} customer turn{'s' if n != 1 else ''}; the table below has the numbers.</desc>",
    ]
    for v in (0.0, 0.5, 1.0):
        out.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#d0d0d0"/>')
        out.append(
            f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11" fill="#333">{v:.1f}</text>'
        )
    for i, (label, _) in enumerate(points):
        out.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" font-size="11" fill="#333">'
            f"{escape(label)}</text>"
        )
    for k, emotion in enumerate(shown):
        colour = COLOURS.get(emotion, "#000")
        coords = " ".join(f"{x(i):.1f},{y(p.get(emotion, 0.0)):.1f}" for i, (_, p) in enumerate(points))
        dash = f' stroke-dasharray="{DASHES[emotion]}"' if emotion in DASHES else ""
        out.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2.5"{dash}/>')
        for i, (label, p) in enumerate(points):
            out.append(
                f'<circle cx="{x(i):.1f}" cy="{y(p.get(emotion, 0.0)):.1f}" r="3.5" fill="{colour}">'
                f"<title>{escape(label)} {emotion}: {p.get(emotion, 0.0):.2f}</title></circle>"
            )
        ly = TOP + 14 + 18 * k
        out.append(
            f'<line x1="{WIDTH - RIGHT + 12}" x2="{WIDTH - RIGHT + 32}" y1="{ly - 4}" y2="{ly - 4}" '
            f'stroke="{colour}" stroke-width="2.5"{dash}/>'
        )
        out.append(f'<text x="{WIDTH - RIGHT + 38}" y="{ly}" font-size="12" fill="#222">{emotion}</text>')
    out.append("</svg>")
    return "".join(out)
