"""The funder report as CSV, Excel and PDF, in the active language, with small counts suppressed.

Everything here leaves the agency, so every writer takes its tables from
`tables.tables(report, suppress=True)`. CSV follows the directory export's rules: UTF-8
with a BOM (so Excel opens umlauts and Arabic), `;` as separator, and every text cell that a
spreadsheet would run as a formula neutralised. The PDF uses the certificates' fonts and
HarfBuzz shaping, so Arabic is joined and runs right to left; its values (names, periods,
figures such as "<5") are isolated (`core.bidi.isolate`), the spreadsheets' cells are not.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from gemeinsam.core.bidi import isolate
from gemeinsam.core.charts import draw_pdf
from gemeinsam.core.pdf import FAMILY, align_for, is_rtl, new_document
from gemeinsam.core.tabular import neutralise

from . import charts, reports
from .tables import AMOUNT, HOURS, Table, display, note, period_label, raw, tables

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def title() -> str:
    return _("Counselling: figures for funders")


def facts(report: reports.Report) -> list[tuple[str, str]]:
    project = report.project
    return [
        (_("Agency"), report.agency.name),
        (
            _("Project"),
            f"{project.title} ({project.funder})" if project is not None else _("All projects"),
        ),
        (_("Period"), period_label(report)),
        (_("Created"), formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")),
    ]


def filename(report: reports.Report, fmt: str) -> str:
    parts = [report.agency.slug, "figures"]
    if report.project is not None:
        parts.append(report.project.slug)
    parts += [report.date_from.isoformat(), report.date_to.isoformat()]
    return f"{'-'.join(parts)}.{fmt}"


def _plain(value, kind: str) -> str:
    """A CSV value: no digit grouping (a spreadsheet would read it as text), the language's
    decimal separator for hours and amounts."""
    if value is None or isinstance(value, str):
        return display(value, kind)
    places = {HOURS: 1, AMOUNT: 2}.get(kind, 0)
    return formats.number_format(value, places, use_l10n=True, force_grouping=False)


def _csv_rows(report: reports.Report) -> Iterator[list]:
    yield [title()]
    for label, value in facts(report):
        yield [label, value]
    yield [note(suppress=True)]
    for table in tables(report, suppress=True):
        yield []
        yield [table.caption]
        yield [table.head, *[column.label for column in table.columns]]
        for label, values in table.rows:
            kinds = [column.kind for column in table.columns]
            yield [label, *[_plain(v, k) for v, k in zip(values, kinds, strict=True)]]


def as_csv(report: reports.Report) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in _csv_rows(report):
        writer.writerow([neutralise(str(value)) for value in row])
    return buffer.getvalue().encode("utf-8")


def as_xlsx(report: reports.Report) -> bytes:
    """One sheet, laid out like the CSV; numbers are numbers, "<5" and "x" are text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = re.sub(r"[\[\]:*?/\\]", "", _("Figures"))[:31] or "Figures"
    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    bold = Font(bold=True)
    sheet.append([neutralise(title())])
    sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=14)
    for label, value in facts(report):
        sheet.append([neutralise(label), neutralise(value)])
    sheet.append([neutralise(note(suppress=True))])
    formats_by_kind = {HOURS: "0.0", AMOUNT: "#,##0.00"}
    for table in tables(report, suppress=True):
        sheet.append([])
        sheet.append([neutralise(table.caption)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=12)
        sheet.append([neutralise(table.head), *[neutralise(c.label) for c in table.columns]])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for label, values in table.rows:
            sheet.append(
                [neutralise(label), *[neutralise(raw(v)) if v is not None else "–" for v in values]]
            )
            row = sheet[sheet.max_row][1 : 1 + len(table.columns)]
            for cell, column in zip(row, table.columns, strict=True):
                if column.kind in formats_by_kind and not isinstance(cell.value, str):
                    cell.number_format = formats_by_kind[column.kind]
                cell.alignment = Alignment(horizontal="right")
    sheet.column_dimensions["A"].width = 44
    for letter in "BCDEF":
        sheet.column_dimensions[letter].width = 16
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_pdf(report: reports.Report) -> bytes:
    """A4, one heading and one table per part; each part is an entry of the PDF's outline. The
    sessions per month and the cases by topic have their chart above the table, drawn from the
    same suppressed table (a "<5" is written, not drawn)."""
    language = translation.get_language() or "de"
    rtl = is_rtl(language)
    pdf = new_document(title=title(), language=language, margin=15)
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    align = align_for(language)

    def paragraph(text: str, *, size: float = 10, bold: bool = False, gap: float = 2) -> None:
        pdf.set_font(FAMILY, "B" if bold else "", size)
        pdf.multi_cell(0, size * 0.5, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(gap)

    pdf.start_section(title())
    paragraph(title(), size=16, bold=True, gap=4)
    for label, value in facts(report):
        paragraph(f"{label}: {isolate(value, rtl=rtl)}", gap=1)
    pdf.ln(2)
    paragraph(note(suppress=True), size=9, gap=4)
    period = period_label(report)
    for table in tables(report, suppress=True):
        pdf.start_section(table.caption, level=1)
        paragraph(table.caption, size=12, bold=True)
        chart = None
        if table.key == "months":
            chart = charts.months_chart(table, [m.month for m in report.months], period)
        elif table.key == "topic":
            chart = charts.topics_chart(table, period)
        if chart is not None:
            draw_pdf(pdf, chart, family=FAMILY, rtl=rtl, width=pdf.epw * 0.8)
            pdf.ln(3)
        _pdf_table(pdf, table, rtl=rtl)
        pdf.ln(5)
    return bytes(pdf.output())


HEADING_SIZES = (9, 8, 7)  # points; headings shrink before a word would be cut
LABELS_AT_LEAST = 45  # mm for the column of row labels


def _column_widths(pdf: FPDF, table: Table) -> tuple[list[float], float]:
    """Widths in mm, the row labels' first, and the headings' size in points.

    fpdf2 wraps a heading at spaces but cuts a word that is wider than its column, so each
    figure column is as wide as the longest word of its heading (and its widest value), and the
    row labels take the rest. When that leaves them too little, the headings get smaller.
    """
    slack = 2 * pdf.c_margin + 1.5
    pdf.set_font(FAMILY, "", 9)
    values = [
        max((pdf.get_string_width(row[i]) for _label, row in table.formatted()), default=0)
        for i in range(len(table.columns))
    ]
    for size in HEADING_SIZES:
        pdf.set_font(FAMILY, "B", size)
        figures = [
            max(value, *(pdf.get_string_width(word) for word in column.label.split())) + slack
            for column, value in zip(table.columns, values, strict=True)
        ]
        if pdf.epw - sum(figures) >= LABELS_AT_LEAST:
            break
    return [pdf.epw - sum(figures), *figures], size


def _pdf_table(pdf: FPDF, table: Table, *, rtl: bool) -> None:
    """Label column first (on the right in Arabic), figures aligned to the end of their cells;
    no heading word is cut (`_column_widths`)."""

    def ordered(cells):
        return list(reversed(cells)) if rtl else list(cells)

    widths, heading_size = _column_widths(pdf, table)
    label_align, number_align = ("RIGHT", "LEFT") if rtl else ("LEFT", "RIGHT")
    aligns = ordered([label_align, *[number_align] * len(table.columns)])
    pdf.set_font(FAMILY, "", 9)
    with pdf.table(
        width=pdf.epw,
        col_widths=ordered(widths),
        text_align=aligns,
        headings_style=FontFace(emphasis="BOLD", size_pt=heading_size),
        line_height=5,
        repeat_headings=1,
    ) as pdf_table:
        pdf_table.row(ordered([table.head, *[column.label for column in table.columns]]))
        for label, values in table.formatted():
            cells = [isolate(v, "ltr", rtl=rtl) for v in values]
            pdf_table.row(ordered([isolate(label, rtl=rtl), *cells]))


WRITERS = {"csv": as_csv, "xlsx": as_xlsx, "pdf": as_pdf}
