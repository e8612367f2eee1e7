"""Workbooks and questionnaires for the surveys' tests."""

from __future__ import annotations

import io

import openpyxl
import pytest

from gemeinsam.surveys import services, xlsform

SURVEY = [
    [
        "type",
        "name",
        "label::Deutsch (de)",
        "label::Arabic (ar)",
        "hint::Deutsch (de)",
        "required",
        "relevant",
        "constraint",
        "choice_filter",
    ],
    ["begin group", "about", "Über Ihre Organisation", "عن منظمتكم", "", "", "", "", ""],
    [
        "integer",
        "founded",
        "Gründungsjahr",
        "سنة التأسيس",
        "Vierstellig",
        "yes",
        "",
        ". >= 1900 and . <= 2026",
        "",
    ],
    ["select_one land", "land", "Bundesland", "الولاية", "", "yes", "", "", ""],
    [
        "select_one district",
        "district",
        "Bezirk",
        "المنطقة",
        "",
        "",
        "${land} = 'NW'",
        "",
        "land = ${land}",
    ],
    [
        "select_multiple fields or_other",
        "fields",
        "Arbeitsfelder",
        "مجالات العمل",
        "",
        "",
        "",
        "",
        "",
    ],
    ["end group", "", "", "", "", "", "", "", ""],
    ["note", "thanks", "Danke!", "شكرا!", "", "", "", "", ""],
    ["text", "remarks", "Anmerkungen", "ملاحظات", "", "", "selected(${fields}, 'youth')", "", ""],
    ["date", "since", "Aktiv seit", "نشط منذ", "", "", "", "", ""],
    ["decimal", "budget", "Budget", "الميزانية", "", "", "", ". > 0", ""],
    ["range", "satisfaction", "Zufriedenheit", "الرضا", "", "", "", "", ""],
]
CHOICES = [
    ["list_name", "name", "label::Deutsch (de)", "label::Arabic (ar)", "land"],
    ["land", "NW", "Nordrhein-Westfalen", "شمال الراين وستفاليا", ""],
    ["land", "BE", "Berlin", "برلين", ""],
    ["district", "ms", "Münster", "مونستر", "NW"],
    ["district", "k", "Köln", "كولونيا", "NW"],
    ["fields", "youth", "Kinder- und Jugendhilfe", "رعاية الأطفال والشباب", ""],
    ["fields", "culture", "Kultur", "الثقافة", ""],
]
SETTINGS = [
    ["form_title", "form_id", "version", "default_language"],
    ["Bestandsaufnahme MO", "mo_2026", "2026-01", "Deutsch (de)"],
]


def workbook(survey=SURVEY, choices=CHOICES, settings=SETTINGS, **extra) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in [
        ("survey", survey),
        ("choices", choices),
        ("settings", settings),
        *extra.items(),
    ]:
        if rows is None:
            continue
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    # The range's parameters: one more column on the survey sheet.
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_column(rows, name, values: dict[str, str]):
    """The survey rows with one more column, filled for the rows named."""
    out = [[*rows[0], name]]
    for row in rows[1:]:
        out.append([*row, values.get(row[1], "")])
    return out


def survey_rows():
    return with_column(SURVEY, "parameters", {"satisfaction": "start=1 end=5"})


@pytest.fixture
def form_bytes() -> bytes:
    return workbook(survey=survey_rows())


@pytest.fixture
def imported(world, form_bytes):
    """The form imported into agency X's draft."""
    return services.import_form(world.agency_x, xlsform.read_bytes(form_bytes, audience="mo"))
