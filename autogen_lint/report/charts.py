"""Inline SVG bar charts for the HTML report, readable without colour.

Each series has a hue and a pattern (solid, hatched, dotted, open), the legend names them,
and every bar is followed by its numbers in words, so a grey print or a colour-blind reader
loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 980
LABEL_WIDTH = 280
BAR_WIDTH = 330
ROW = 24
TOP = 34


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    colour: str
    pattern: str  # "solid", "hatch", "dots" or "open"


def _defs(chart: str, series: Sequence[Series]) -> str:
    parts = []
    for number, item in enumerate(series):
        ident = f"{chart}-{number}"
        if item.pattern == "solid":
            body = f'<rect width="8" height="8" fill="{item.colour}"/>'
        elif item.pattern == "hatch":
            body = (
                f'<rect width="8" height="8" fill="#fff"/>'
                f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{item.colour}" stroke-width="2.4"/>'
            )
        elif item.pattern == "dots":
            body = f'<rect width="8" height="8" fill="#fff"/><circle cx="4" cy="4" r="1.8" fill="{item.colour}"/>'
        else:
            body = '<rect width="8" height="8" fill="#fff"/>'
        parts.append(f'<pattern id="{ident}" width="8" height="8" patternUnits="userSpaceOnUse">{body}</pattern>')
    return "<defs>" + "".join(parts) + "</defs>"


def _legend(chart: str, series: Sequence[Series]) -> str:
    parts, x = [], 0
    for number, item in enumerate(series):
        parts.append(
            f'<rect x="{x}" y="6" width="14" height="14" fill="url(#{chart}-{number})" stroke="#222"/>'
            f'<text x="{x + 20}" y="18">{escape(item.name)}</text>'
        )
        x += 30 + 7 * len(item.name)
    return "".join(parts)


def _short(label: str, *, paths: bool, limit: int = 38) -> str:
    """``label`` cut to fit beside the bars: a path keeps its end, a title its start."""
    if len(label) <= limit:
        return label
    return "…" + label[-(limit - 1) :] if paths else label[: limit - 1] + "…"


def stacked_bars(
    chart: str,
    title: str,
    series: Sequence[Series],
    rows: Sequence[tuple[str, Sequence[int]]],
    *,
    unit: str,
    empty: str,
    paths: bool = False,
    totals: bool = True,
) -> str:
    """Horizontal stacked bars, one row per label; ``chart`` prefixes the element ids.

    ``unit`` is a plural noun (``files``); ``paths`` says the labels are paths; ``totals``
    whether a bar's words start with its total (not for series that do not add up).
    """
    if not rows or not any(sum(values) for _, values in rows):
        return (
            f'<svg class="chart" role="img" aria-label="{escape(title)}: {escape(empty)}" '
            f'viewBox="0 0 {WIDTH} 40" width="{WIDTH}" height="40">'
            f"<title>{escape(title)}</title>"
            f'<text x="0" y="24">{escape(empty)}</text></svg>'
        )
    height = TOP + ROW * len(rows) + 6
    scale = BAR_WIDTH / max(sum(values) for _, values in rows)
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" font-size="12">',
        f"<title>{escape(title)}</title>",
        _defs(chart, series),
        _legend(chart, series),
    ]
    for number, (label, values) in enumerate(rows):
        y = TOP + number * ROW
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" text-anchor="end"><title>{escape(label)}</title>')
        parts.append(f"{escape(_short(label, paths=paths))}</text>")
        x = float(LABEL_WIDTH)
        for index, value in enumerate(values):
            if not value:
                continue
            width = max(value * scale, 1.5)
            name = series[index].name
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="16" fill="url(#{chart}-{index})" '
                f'stroke="#222" stroke-width="0.6"><title>{value:,} {escape(name)}</title></rect>'
            )
            x += width
        words = " · ".join(f"{value:,} {series[index].name}" for index, value in enumerate(values) if value)
        total = sum(values)
        amount = f"{total:,} {unit if total != 1 else unit.removesuffix('s')}"
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{escape(f"{amount}: {words}" if totals else words)}</text>')
    parts.append("</svg>")
    return "".join(parts)
