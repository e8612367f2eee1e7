"""Charts drawn on the server: one chart's data, laid out once, written as SVG for the page and
drawn with fpdf2's primitives for a PDF. No JavaScript, nothing loaded from elsewhere.

A `Chart` holds what a table beside it holds too: groups (a month, a field of activity) with one
value per series. Two shapes:

- `COLUMNS`: vertical bars along a value axis with grid lines (a time series);
- `BARS`: horizontal bars, each group's label above its bars and each value written at the end
  of its bar, with an optional reference mark per group (established providers' share).

The page's chart is an image with a name and a description (role="img", aria-labelledby its
<title> and <desc>); the table next to it is what screen readers and people who zoom read. It
carries no style: classes only (`chart-tone-ok` …), which the stylesheet colours, since the
Content-Security-Policy refuses inline styles. In a right-to-left language the drawing is
mirrored: time runs from right to left, bars grow from the right, labels start on the right.

A value that must not be drawn (a suppressed count, "<5") has no `amount`: no bar, only its text.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLUMNS, BARS = "columns", "bars"
TONES = ("brand", "ok", "warn", "error", "muted")
# The PDF's colours: the stylesheet's tokens of the same names (site.css :root).
PDF_COLOURS = {
    "brand": (0x0B, 0x5C, 0xAD),
    "ok": (0x14, 0x6C, 0x2E),
    "warn": (0x8A, 0x4B, 0x00),
    "error": (0xA4, 0x16, 0x1A),
    "muted": (0x4D, 0x55, 0x60),
    "ink": (0x1B, 0x1F, 0x23),
    "line": (0xC9, 0xD0, 0xD8),
}


@dataclass(frozen=True)
class Value:
    amount: float | None  # the length drawn; None: nothing drawn (a suppressed or missing value)
    text: str  # what is written for it: "12", "45,3 %", "<5"


@dataclass(frozen=True)
class Series:
    label: str
    tone: str = "brand"

    def __post_init__(self):
        if self.tone not in TONES:
            raise ValueError(f"tone {self.tone!r} is not one of {TONES}")


@dataclass(frozen=True)
class Group:
    label: str
    values: tuple[Value, ...]  # one per series
    axis_label: str | None = None  # COLUMNS: written under the bars (None: the label, "": none)
    reference: Value | None = None  # BARS: a mark across the group's bars


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    series: tuple[Series, ...]
    groups: tuple[Group, ...]
    kind: str = COLUMNS
    maximum: float | None = None  # the end of the value axis (100 for shares); None: from the data
    reference_label: str = ""  # the legend's words for the reference marks

    def __post_init__(self):
        if self.kind not in (COLUMNS, BARS):
            raise ValueError(f"kind {self.kind!r} is not {COLUMNS!r} or {BARS!r}")
        for group in self.groups:
            if len(group.values) != len(self.series):
                raise ValueError(f"{group.label!r} has not one value per series")

    @property
    def top(self) -> float:
        largest = max(
            (v.amount for g in self.groups for v in (*g.values, g.reference) if v and v.amount),
            default=0,
        )
        return self.maximum if self.maximum is not None else nice_ceiling(largest)


def nice_ceiling(value: float) -> int:
    """The top of the axis: 1, 2 or 5 times a power of ten, at least `value` (and at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


# --- Layout: the shapes of a drawing, in the chart's own units -----------------------------------


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    tone: str
    tip: str = ""  # shown on hover in the browser


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str  # "grid", "axis" or "reference"
    tip: str = ""


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    anchor: str = "start"  # start, middle or end, in the chart's writing direction
    size: float = 13
    muted: bool = False


@dataclass
class Drawing:
    width: float
    height: float = 0
    shapes: list = field(default_factory=list)


FONT = 13  # text size in the chart's units
VALUE_ROOM = 64  # BARS: room after a full-length bar for its value
CHAR = 0.58  # a character's width, in units of the text size, near enough to lay out by


def _text_width(text: str, size: float = FONT) -> float:
    return len(text) * size * CHAR


def layout(chart: Chart, *, rtl: bool = False) -> Drawing:
    drawing = _columns(chart) if chart.kind == COLUMNS else _bars(chart)
    return _mirrored(drawing) if rtl else drawing


def _mirrored(drawing: Drawing) -> Drawing:
    """The same drawing from right to left: x runs the other way; a text's anchor stays, since
    it is read in the writing direction (the SVG says direction="rtl", the PDF turns it)."""
    width = drawing.width

    def mirror(shape):
        if isinstance(shape, Rect):
            return replace(shape, x=width - shape.x - shape.width)
        if isinstance(shape, Line):
            return replace(shape, x1=width - shape.x1, x2=width - shape.x2)
        return replace(shape, x=width - shape.x)

    return Drawing(width, drawing.height, [mirror(shape) for shape in drawing.shapes])


def _legend(chart: Chart, drawing: Drawing, y: float) -> float:
    """One line per series (and the reference mark) when there is more than one thing to tell
    apart; returns where the chart goes on."""
    if len(chart.series) < 2 and not chart.reference_label:
        return y
    for series in chart.series:
        drawing.shapes.append(Rect(0, y, 12, 12, series.tone))
        drawing.shapes.append(Text(18, y + 11, series.label))
        y += 20
    if chart.reference_label:
        drawing.shapes.append(Line(6, y - 1, 6, y + 13, "reference"))
        drawing.shapes.append(Text(18, y + 11, chart.reference_label))
        y += 20
    return y + 8


def _columns(chart: Chart) -> Drawing:
    """Vertical bars along a value axis, one slot per group, the group's axis label under it."""
    drawing = Drawing(width=600)
    top = _legend(chart, drawing, 0) + 16  # room for a value written above the highest bar
    plot_height, start, end = 180, 44, 8
    axis_y = top + plot_height
    plot_width = drawing.width - start - end
    peak = chart.top
    # Whole numbers on the axis: a top from the data is 1, 2, 5 or a multiple of 10.
    steps = min(int(peak), 5) if float(peak).is_integer() and peak >= 1 else 1
    for step in range(steps + 1):
        value = peak * step / steps
        y = axis_y - plot_height * step / steps
        drawing.shapes.append(
            Line(start, y, drawing.width - end, y, "axis" if not step else "grid")
        )
        label = f"{value:g}" if not float(value).is_integer() else str(int(value))
        drawing.shapes.append(Text(start - 6, y + 4, label, "end", 11, muted=True))
    slot = plot_width / max(len(chart.groups), 1)
    width = max(1.0, slot * 0.7 / len(chart.series))
    for i, group in enumerate(chart.groups):
        left = start + slot * i + (slot - width * len(chart.series)) / 2
        for j, (series, value) in enumerate(zip(chart.series, group.values, strict=True)):
            x = left + j * width
            height = plot_height * (value.amount or 0) / peak
            if value.amount:
                tip = f"{group.label}: {value.text}"
                if len(chart.series) > 1:
                    tip = f"{group.label}, {series.label}: {value.text}"
                drawing.shapes.append(Rect(x, axis_y - height, width, height, series.tone, tip))
            if _text_width(value.text, 11) <= slot:
                drawing.shapes.append(
                    Text(x + width / 2, axis_y - height - 4, value.text, "middle", 11)
                )
        axis_label = group.label if group.axis_label is None else group.axis_label
        if axis_label:
            middle = start + slot * i + slot / 2
            drawing.shapes.append(Text(middle, axis_y + 16, axis_label, "middle", 11, muted=True))
    drawing.height = axis_y + 24
    return drawing


def _bars(chart: Chart) -> Drawing:
    """Horizontal bars: per group its label (wrapped), then one bar per series with its value
    written after it; a reference mark crosses the group's bars."""
    drawing = Drawing(width=480)
    y = _legend(chart, drawing, 0)
    plot_width = drawing.width - VALUE_ROOM
    peak = chart.top
    bar, gap = 14, 4
    for group in chart.groups:
        for line in textwrap.wrap(group.label, int(drawing.width / (FONT * CHAR))) or [""]:
            y += FONT + 4
            drawing.shapes.append(Text(0, y, line))
        y += 6
        first = y
        for series, value in zip(chart.series, group.values, strict=True):
            length = plot_width * min(value.amount or 0, peak) / peak
            if value.amount:
                tip = f"{group.label}, {series.label}: {value.text}"
                drawing.shapes.append(Rect(0, y, length, bar, series.tone, tip))
            drawing.shapes.append(Text(length + 6, y + bar - 3, value.text, "start", 12))
            y += bar + gap
        if group.reference is not None and group.reference.amount is not None:
            x = plot_width * min(group.reference.amount, peak) / peak
            tip = f"{chart.reference_label}: {group.reference.text}"
            drawing.shapes.append(Line(x, first - 3, x, y - gap + 3, "reference", tip))
        y += 10
    drawing.height = y
    return drawing


# --- SVG ----------------------------------------------------------------------------------------


def _n(number: float) -> str:
    return f"{number:.1f}".removesuffix(".0")


def svg(chart: Chart, *, html_id: str, rtl: bool = False) -> SafeString:
    """The chart as an inline SVG image, named by its title and described by its description."""
    drawing = layout(chart, rtl=rtl)
    direction = ' direction="rtl"' if rtl else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(drawing.width)} '
        f'{_n(drawing.height)}" class="chart chart-{chart.kind}" role="img" '
        f'aria-labelledby="{html_id}-title {html_id}-desc" focusable="false"{direction}>',
        f'<title id="{html_id}-title">{escape(chart.title)}</title>',
        f'<desc id="{html_id}-desc">{escape(chart.description)}</desc>',
    ]
    for shape in drawing.shapes:
        parts.append(_svg_shape(shape))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # built here, every text in it escaped


def _svg_shape(shape) -> str:
    if isinstance(shape, Rect):
        tip = f"<title>{escape(shape.tip)}</title>" if shape.tip else ""
        return (
            f'<rect class="chart-bar chart-tone-{shape.tone}" x="{_n(shape.x)}" y="{_n(shape.y)}" '
            f'width="{_n(shape.width)}" height="{_n(shape.height)}">{tip}</rect>'
        )
    if isinstance(shape, Line):
        tip = f"<title>{escape(shape.tip)}</title>" if shape.tip else ""
        return (
            f'<line class="chart-{shape.kind}" x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" '
            f'x2="{_n(shape.x2)}" y2="{_n(shape.y2)}">{tip}</line>'
        )
    classes = "chart-text chart-muted" if shape.muted else "chart-text"
    size = "" if shape.size == FONT else f" chart-text-{int(shape.size)}"
    return (
        f'<text class="{classes}{size}" x="{_n(shape.x)}" y="{_n(shape.y)}" '
        f'text-anchor="{shape.anchor}">{escape(shape.text)}</text>'
    )


# --- PDF ----------------------------------------------------------------------------------------


def draw_pdf(pdf, chart: Chart, *, family: str, rtl: bool = False, width: float | None = None):
    """Draws the chart with fpdf2's lines, rectangles and cells at the current position, `width`
    wide (the page's text width by default), starting a new page when it does not fit; moves the
    position below it. Text is set with cells, so Arabic is shaped as in the rest of the PDF."""
    drawing = layout(chart, rtl=rtl)
    width = width or pdf.epw
    scale = width / drawing.width
    if pdf.get_y() + drawing.height * scale > pdf.page_break_trigger:
        pdf.add_page()
    left, top = pdf.l_margin + (pdf.epw - width if rtl else 0), pdf.get_y()
    line_width, margin = pdf.line_width, pdf.c_margin
    pdf.c_margin = 0
    for shape in drawing.shapes:
        if isinstance(shape, Rect):
            pdf.set_fill_color(*PDF_COLOURS[shape.tone])
            x, y = left + shape.x * scale, top + shape.y * scale
            pdf.rect(x, y, shape.width * scale, shape.height * scale, style="F")
        elif isinstance(shape, Line):
            _pdf_line(pdf, shape, left, top, scale)
        else:
            _pdf_text(pdf, shape, left, top, scale, family=family, rtl=rtl)
    pdf.set_line_width(line_width)
    pdf.set_draw_color(0)
    pdf.set_text_color(0)
    pdf.c_margin = margin
    pdf.set_xy(pdf.l_margin, top + drawing.height * scale)


def _pdf_line(pdf, shape: Line, left: float, top: float, scale: float) -> None:
    pdf.set_draw_color(*PDF_COLOURS["ink" if shape.kind == "reference" else "line"])
    pdf.set_line_width(0.5 if shape.kind == "reference" else 0.2)
    if shape.kind == "reference":
        pdf.set_dash_pattern(dash=0.8, gap=0.6)
    pdf.line(
        left + shape.x1 * scale,
        top + shape.y1 * scale,
        left + shape.x2 * scale,
        top + shape.y2 * scale,
    )
    pdf.set_dash_pattern()


def _pdf_text(pdf, shape: Text, left, top, scale, *, family: str, rtl: bool) -> None:
    points = max(6.0, min(10.0, shape.size * scale * 72 / 25.4))
    pdf.set_font(family, "", points)
    pdf.set_text_color(*PDF_COLOURS["muted" if shape.muted else "ink"])
    text_width = pdf.get_string_width(shape.text)
    # The anchor is read in the writing direction: a right-to-left "start" is the right end.
    anchor = (
        {"start": "end", "end": "start"}.get(shape.anchor, shape.anchor) if rtl else shape.anchor
    )
    x = left + shape.x * scale
    x -= {"start": 0, "middle": text_width / 2, "end": text_width}[anchor]
    height = pdf.font_size
    pdf.set_xy(x, top + shape.y * scale - 0.8 * height)
    pdf.cell(text_width, height, shape.text)


def values(numbers: Sequence[float | int | str | None], texts: Sequence[str]) -> tuple[Value, ...]:
    """Values from numbers and the texts shown for them; a text or None is not drawn."""
    return tuple(
        Value(float(n) if isinstance(n, int | float | Decimal) else None, t)
        for n, t in zip(numbers, texts, strict=True)
    )
