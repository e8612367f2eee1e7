"""Charts drawn on the server (core/charts.py): one layout, written as SVG for the page and drawn
with fpdf2 for a PDF; named and described for assistive technology, coloured by class, mirrored
right to left, and a value that must not be drawn (a suppressed count) gets no bar."""

from __future__ import annotations

import re

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import translation

from gemeinsam.core import charts
from gemeinsam.core.pdf import FAMILY, new_document
from tests.html_support import attribute, find, find_all, text
from tests.pdf_text import lines

SESSIONS = charts.Series("Sessions")


def _months(*numbers, **extra) -> charts.Chart:
    return charts.Chart(
        title="Sessions per month",
        description="One bar per month; the table beside lists the numbers.",
        series=(SESSIONS,),
        groups=tuple(
            charts.Group(name, charts.values([n], [str(n)]))
            for name, n in zip(("Jan", "Feb", "Mar", "Apr"), numbers, strict=False)
        ),
        **extra,
    )


def _shares() -> charts.Chart:
    return charts.Chart(
        title="Funding gap",
        description="Per field, the share active and the share with regular funding.",
        series=(charts.Series("active in the field"), charts.Series("with regular funding", "ok")),
        groups=(
            charts.Group(
                "Child and youth welfare",
                charts.values([54, 18], ["54 %", "18 %"]),
                reference=charts.Value(70, "70 %"),
            ),
            charts.Group("Elderly care", charts.values([10, None], ["10 %", "–"])),
        ),
        kind=charts.BARS,
        maximum=100,
        reference_label="Established providers with regular funding",
    )


def _bars(drawing) -> list:
    return [s for s in drawing.shapes if isinstance(s, charts.Rect) and s.tip]


@pytest.mark.parametrize(
    ("value", "top"), [(0, 1), (1, 1), (2, 2), (3, 5), (7, 10), (11, 20), (51, 100), (250, 500)]
)
def test_the_value_axis_ends_at_a_round_number(value, top):
    assert charts.nice_ceiling(value) == top


def test_columns_are_as_high_as_their_values_on_one_baseline():
    bars = _bars(charts.layout(_months(2, 4, 1)))

    assert [round(b.height / bars[1].height, 2) for b in bars] == [0.5, 1.0, 0.25]
    assert len({round(b.y + b.height, 3) for b in bars}) == 1


def test_in_arabic_the_columns_run_from_right_to_left():
    def positions(rtl):
        return [b.x for b in _bars(charts.layout(_months(1, 2, 3), rtl=rtl))]

    assert positions(False) == sorted(positions(False))
    assert positions(True) == sorted(positions(True), reverse=True)


def test_in_arabic_horizontal_bars_grow_from_the_right_and_labels_start_there():
    left, right = charts.layout(_shares()), charts.layout(_shares(), rtl=True)

    label = next(s for s in left.shapes if isinstance(s, charts.Text) and "youth" in s.text)
    mirrored = next(s for s in right.shapes if isinstance(s, charts.Text) and "youth" in s.text)
    assert (label.x, label.anchor) == (0, "start")
    assert (mirrored.x, mirrored.anchor) == (right.width, "start")  # start is the right in Arabic
    assert [b.x for b in _bars(left)] == [0, 0, 0]
    assert [round(b.x + b.width, 3) for b in _bars(right)] == [right.width] * 3


def test_bars_are_as_long_as_their_share_with_the_reference_across_them():
    drawing = charts.layout(_shares())
    active, regular, elderly = _bars(drawing)
    reference = next(s for s in drawing.shapes if isinstance(s, charts.Line) and s.tip)

    assert round(regular.width / active.width, 3) == round(18 / 54, 3)
    assert round(elderly.width / active.width, 3) == round(10 / 54, 3)
    assert round(reference.x1 / active.width, 3) == round(70 / 54, 3)
    assert reference.y1 < active.y and reference.y2 > regular.y + regular.height


def test_a_value_without_an_amount_is_written_but_not_drawn():
    chart = charts.Chart(
        title="Sessions",
        description="Suppressed counts are not drawn.",
        series=(SESSIONS,),
        groups=(
            charts.Group("Jan", charts.values([12], ["12"])),
            charts.Group("Feb", charts.values(["<5"], ["<5"])),
        ),
    )

    drawing = charts.layout(chart)

    assert [b.tip for b in _bars(drawing)] == ["Jan: 12"]
    assert "<5" in [s.text for s in drawing.shapes if isinstance(s, charts.Text)]


def test_the_svg_is_an_image_named_by_its_title_and_described_by_its_description():
    svg = charts.svg(_shares(), html_id="gap-chart")

    root = find(svg, "svg")
    assert (attribute(root, "role"), attribute(root, "aria-labelledby")) == (
        "img",
        "gap-chart-title gap-chart-desc",
    )
    assert text(find(svg, "title", id="gap-chart-title")) == "Funding gap"
    assert text(find(svg, "desc", id="gap-chart-desc")).startswith("Per field, the share")
    # Coloured by the stylesheet: classes, never a style or a colour in the markup.
    assert "style=" not in svg and "fill=" not in svg and "#" not in svg
    assert [attribute(r, "class") for r in find_all(svg, "rect")] == [
        "chart-bar chart-tone-brand",  # the legend's swatches
        "chart-bar chart-tone-ok",
        "chart-bar chart-tone-brand",
        "chart-bar chart-tone-ok",
        "chart-bar chart-tone-brand",
    ]
    assert len(find_all(svg, "line", class_="chart-reference")) == 2  # legend and mark
    assert 'direction="rtl"' not in svg
    assert 'direction="rtl"' in charts.svg(_shares(), html_id="x", rtl=True)


def test_texts_in_the_svg_are_escaped():
    chart = charts.Chart(
        title='Sitzungen "2025"',
        description="<b>",
        series=(SESSIONS,),
        groups=(charts.Group("<b>März</b>", charts.values([2], ["2"])),),
    )

    svg = charts.svg(chart, html_id="c")

    assert "<b>" not in svg
    assert "&lt;b&gt;März&lt;/b&gt;" in svg
    assert "Sitzungen &quot;2025&quot;" in svg


def test_a_group_needs_one_value_per_series():
    with pytest.raises(ValueError, match="one value per series"):
        charts.Chart("t", "d", (SESSIONS,), (charts.Group("x", charts.values([1, 2], ["1", "2"])),))


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_chart_tag_gives_each_chart_its_own_ids_and_the_pages_direction(language):
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        html = Template("{% load components %}{% chart one %}{% chart two %}").render(
            RequestContext(request, {"one": _months(1, 2), "two": _shares()})
        )

    labelled = [attribute(svg, "aria-labelledby") for svg in find_all(html, "svg")]
    assert len(set(labelled)) == 2
    for ids in labelled:
        for html_id in ids.split():
            assert len(find_all(html, id=html_id)) == 1
    assert ('direction="rtl"' in html) is (language == "ar")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_pdf_draws_the_same_bars_and_writes_the_same_words(language):
    pdf = new_document(title="Chart", language=language)
    pdf.add_page()

    charts.draw_pdf(pdf, _shares(), family=FAMILY, rtl=language == "ar")
    below = pdf.get_y()
    content = bytes(pdf.output())

    # Each text as its words, in any order: on a right-to-left page "54 %" reads "% 54".
    drawn = {tuple(sorted(line.split())) for line in lines(content)}
    for words in ("Child and youth welfare", "54 %", "18 %", "10 %", "Elderly care"):
        assert tuple(sorted(words.split())) in drawn
    assert below > pdf.t_margin + 40


def test_the_pdf_draws_one_filled_rectangle_per_bar_and_legend_swatch():
    pdf = new_document(title="Chart", language="de")
    pdf.set_compression(False)
    pdf.add_page()

    charts.draw_pdf(pdf, _shares(), family=FAMILY)

    content = bytes(pdf.output())
    assert len(re.findall(rb" re f\b", content)) == 5
