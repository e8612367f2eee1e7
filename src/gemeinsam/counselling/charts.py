"""Charts drawn on the server as inline SVG: no JavaScript, nothing loaded from elsewhere.

A chart is an image with a text label (role="img", aria-label); the page puts the same numbers
in a table next to it, which is what screen readers and people who zoom read. In a
right-to-left language time runs from right to left, like the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 720, 260
TOP, BOTTOM, START, END = 16, 40, 48, 12  # margins; START/END are the sides time runs from/to
BAR = "#1f5f99"
GRID = "#c9d2dc"
TEXT = "#4a5561"


def nice_ceiling(value: int) -> int:
    """The top of the axis: 1, 2 or 5 times a power of ten, at least `value` (and at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # pragma: no cover (the loop always returns)


def bar_chart(
    bars: Sequence[tuple[str, int]],
    *,
    label: str,
    rtl: bool = False,
    axis_labels: Sequence[str] | None = None,
) -> SafeString:
    """Vertical bars, one per (name, value), with a value axis and the names underneath.

    `axis_labels`: what to write under each bar ("" for nothing), when not every name fits.
    """
    top = nice_ceiling(max((value for _name, value in bars), default=0))
    plot_width = WIDTH - START - END
    plot_height = HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(bars), 1)
    bar_width = max(1.0, slot * 0.7)
    axis_labels = axis_labels if axis_labels is not None else [name for name, _v in bars]

    def x(position: float) -> float:
        """From the start of time (left, or right in RTL) to the end."""
        return WIDTH - START - position if rtl else START + position

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-label="{escape(label)}" class="chart" '
        f'preserveAspectRatio="xMidYMid meet">',
        f"<title>{escape(label)}</title>",
    ]
    value_axis, anchor = (WIDTH - START + 6, "start") if rtl else (START - 6, "end")
    left, right = sorted((x(0), x(plot_width)))
    steps = min(top, 5)  # whole numbers on the axis: top is 1, 2, 5 or a multiple of 10
    for step in range(steps + 1):
        value = top * step // steps
        y = TOP + plot_height - plot_height * step / steps
        parts.append(
            f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{value_axis}" y="{y + 4:.1f}" text-anchor="{anchor}" font-size="11" '
            f'fill="{TEXT}">{escape(number_format(value, 0, force_grouping=True))}</text>'
        )
    for i, ((name, value), axis_label) in enumerate(zip(bars, axis_labels, strict=True)):
        height = plot_height * value / top
        middle = x(slot * i + slot / 2)
        parts.append(
            f'<rect x="{middle - bar_width / 2:.1f}" y="{TOP + plot_height - height:.1f}" '
            f'width="{bar_width:.1f}" height="{height:.1f}" fill="{BAR}">'
            f"<title>{escape(name)}: {escape(number_format(value, 0, force_grouping=True))}</title>"
            "</rect>"
        )
        if axis_label:
            parts.append(
                f'<text x="{middle:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                f'font-size="11" fill="{TEXT}">{escape(axis_label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # built here, every text in it escaped
