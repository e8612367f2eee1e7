"""XLSForm in and out: what is read, what is refused (naming the row), and the round trip."""

import dataclasses
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from gemeinsam.core import content
from gemeinsam.surveys import queries, services, xlsform
from gemeinsam.surveys.enums import Kind
from gemeinsam.surveys.inputs import Invalid
from gemeinsam.surveys.models import Choice, Item, Question, Questionnaire, Wording

from .conftest import CHOICES, survey_rows, with_column, workbook


def _without_places(spec):
    return dataclasses.replace(
        spec, rows=tuple(dataclasses.replace(row, place="") for row in spec.rows)
    )


def test_an_xlsform_becomes_a_draft_with_the_item_bank_and_translations(world, imported):
    questionnaire = imported.questionnaire
    assert (questionnaire.slug, questionnaire.title, questionnaire.audience) == (
        "mo_2026",
        "Bestandsaufnahme MO",
        "mo",
    )
    assert (imported.number, imported.is_draft, imported.form_version) == (1, True, "2026-01")
    rows = list(Question.objects.filter(version=imported).order_by("position"))
    assert [q.kind for q in rows] == [
        Kind.GROUP_BEGIN,
        Kind.INTEGER,
        Kind.SELECT_ONE,
        Kind.SELECT_ONE,
        Kind.SELECT_MULTIPLE,
        Kind.GROUP_END,
        Kind.NOTE,
        Kind.TEXT,
        Kind.DATE,
        Kind.DECIMAL,
        Kind.SCALE,
    ]
    founded, district, fields = rows[1], rows[3], rows[4]
    assert (founded.required, founded.constraint) == (True, ". >= 1900 and . <= 2026")
    assert (district.relevant, district.choice_filter) == ("${land} = 'NW'", "land = ${land}")
    assert fields.or_other is True
    assert (rows[-1].scale_min, rows[-1].scale_max) == (1, 5)
    assert sorted(Item.objects.filter(agency=world.agency_x).values_list("code", flat=True)) == [
        "about", "budget", "district", "fields", "founded", "land", "remarks", "satisfaction",
        "since", "thanks",
    ]  # fmt: skip
    wording = Wording.objects.get(item__code="founded", audience="mo")
    assert (wording.label, wording.hint) == ("Gründungsjahr", "Vierstellig")
    assert content.text(wording, "label", "ar") == "سنة التأسيس"
    ms = Choice.objects.get(question=district, value="ms")
    assert (ms.label, ms.filters, content.text(ms, "label", "ar")) == (
        "Münster",
        {"land": "NW"},
        "مونستر",
    )
    assert Choice.objects.get(question=rows[2], value="BE").filters == {}


def test_an_export_imports_again_unchanged(world, form_bytes, imported):
    read = _without_places(xlsform.read_bytes(form_bytes, audience="mo"))
    exported = xlsform.write(queries.spec_of(imported))
    again = _without_places(xlsform.read_bytes(exported))
    assert again == read
    # Imported again, the draft is replaced by the same rows and writes the same workbook.
    version = services.import_form(world.agency_x, xlsform.read_bytes(exported))
    assert version.pk == imported.pk
    assert _without_places(queries.spec_of(version)) == read
    assert Questionnaire.objects.count() == 1


def test_a_text_that_looks_like_a_formula_survives_the_round_trip(world):
    survey = [
        ["type", "name", "label"],
        ["text", "dash", "- bitte ausfüllen"],
        ["text", "eq", "+49 ist die Vorwahl"],
    ]
    settings = [["form_title", "form_id"], ["Formeln", "formulas"]]
    spec = xlsform.read_bytes(workbook(survey=survey, choices=None, settings=settings))
    assert spec.audience == ""
    version = services.import_form(world.agency_x, dataclasses.replace(spec, audience="mo"))
    again = xlsform.read_bytes(xlsform.write(queries.spec_of(version)))
    assert [row.labels for row in again.rows] == [
        {"de": "- bitte ausfüllen"},
        {"de": "+49 ist die Vorwahl"},
    ]


def test_a_launched_version_stays_and_the_next_import_makes_version_two(world, imported):
    imported.launched_at = imported.created_at
    imported.save()
    rows = with_column(survey_rows(), "hint::Arabic (ar)", {})
    version = services.import_form(
        world.agency_x, xlsform.read_bytes(workbook(survey=rows), audience="mo")
    )
    assert (version.number, version.is_draft) == (2, True)
    assert imported.questions.count() == version.questions.count() == 11


def test_changed_words_of_an_item_a_launched_questionnaire_asks_are_refused(world, imported):
    imported.launched_at = imported.created_at
    imported.save()
    rows = [list(row) for row in survey_rows()]
    rows[2][2] = "In welchem Jahr wurde Ihre Organisation gegründet?"
    with pytest.raises(Invalid) as refused:
        services.import_form(
            world.agency_x, xlsform.read_bytes(workbook(survey=rows), audience="mo")
        )
    assert refused.value.problems == [
        "Row 3 of the survey sheet: the item “founded” is asked in a launched questionnaire "
        "with other words. Give the changed question a new name."
    ]
    assert Wording.objects.get(item__code="founded").label == "Gründungsjahr"


def _problems(**sheets) -> list[str]:
    with pytest.raises(Invalid) as refused:
        spec = xlsform.read_bytes(workbook(**sheets), audience="mo")
        services.import_form(None, spec)
    return refused.value.problems


def _survey_with(row):
    return [*survey_rows(), row + [""] * (len(survey_rows()[0]) - len(row))]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (
            ["geopoint", "where", "Wo?"],
            "Row 13 of the survey sheet: the type “geopoint” is not supported",
        ),
        (["calculate", "sum", "Summe"], "the type “calculate” is not supported"),
        (["select_one", "x", "X"], "Row 13 of the survey sheet: the type “select_one”"),
        (["integer", "2bad", "X"], "Row 13 of the survey sheet: “2bad” is not a valid name"),
        (["select_one nolist", "x", "X"], "the choice list “nolist” is not in the choices sheet"),
        (["integer", "age", ""], "Row 13 of the survey sheet: a German label is required."),
        (["integer", "land", "X"], "Row 13 of the survey sheet: the name “land” is used twice."),
        (["range", "r", "R"], "Row 13 of the survey sheet: a range needs parameters"),
        (["end group", "", ""], "Row 13 of the survey sheet: “end group” without a group"),
        (["begin group", "g", "G"], "A group is not closed with “end group”."),
    ],
)
def test_rows_the_platform_does_not_understand_are_refused_by_their_row(row, problem):
    problems = _problems(survey=_survey_with(row))
    assert any(p.startswith(problem) or problem in p for p in problems), problems


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("relevant", "${later} = 1", "relevant: ${later} is not a question asked before"),
        ("relevant", "${land} = ", "relevant: Unexpected"),
        ("constraint", "import('os')", "constraint: Unknown function “import”."),
        ("required", "maybe", "“maybe” is neither yes nor no."),
    ],
)
def test_expressions_are_checked_when_saved(column, value, problem):
    header = survey_rows()[0]
    row = ["integer", "members", "Mitglieder"] + [""] * (len(header) - 3)
    row[header.index(column)] = value
    problems = _problems(survey=[*survey_rows(), row])
    assert [p for p in problems if problem in p and p.startswith("Row 13")], problems


@pytest.mark.django_db
def test_unknown_columns_languages_and_formulas_are_refused():
    survey = with_column(survey_rows(), "appearance", {"land": "minimal"})
    survey = with_column(survey, "label::Klingon (tlh)", {})
    assert _problems(survey=survey) == [
        "The survey sheet has the column “appearance”, which is not supported.",
        "The survey sheet's column “label::Klingon (tlh)” names no language of this platform "
        "(write it like “label::Deutsch (de)”; languages: de, en, ar, tr).",
    ]
    formula = [*survey_rows(), ["integer", "n", "=1+1"]]
    assert _problems(survey=formula) == ["Row 13 of the survey sheet holds a formula."]


@pytest.mark.django_db
def test_a_workbook_without_a_survey_sheet_is_refused():
    assert _problems(survey=None, other=[["a"], ["b"]]) == [
        "The workbook has no sheet named “survey”."
    ]


def test_the_command_imports_and_names_every_problem_without_importing(world, tmp_path, form_bytes):
    good = tmp_path / "form.xlsx"
    good.write_bytes(form_bytes)
    out = io.StringIO()
    call_command("import_xlsform", str(good), agency="agency-x", stdout=out)
    assert out.getvalue() == "Bestandsaufnahme MO: version 1 with 11 rows (draft).\n"

    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        workbook(
            survey=_survey_with(["geopoint", "where", "Wo?"]),
            settings=[["form_title", "form_id"], ["Anders", "other_form"]],
        )
    )
    with pytest.raises(CommandError) as refused:
        call_command("import_xlsform", str(bad), agency="agency-x")
    assert str(refused.value).startswith(
        "Nothing was imported:\n- Row 13 of the survey sheet: the type “geopoint” is not supported"
    )
    assert list(Questionnaire.objects.values_list("slug", flat=True)) == ["mo_2026"]
    with pytest.raises(CommandError, match="No active agency has the slug nowhere"):
        call_command("import_xlsform", str(good), agency="nowhere")


def test_the_export_command_writes_the_latest_version(world, imported, tmp_path):
    target = tmp_path / "out.xlsx"
    call_command("export_xlsform", "agency-x", "mo_2026", str(target), stdout=io.StringIO())
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["survey", "choices", "settings"]
    assert [c.value for c in book["survey"][3]][:2] == ["integer", "founded"]
    assert book["settings"]["E2"].value == "mo_2026"
    assert len(list(book["choices"].iter_rows())) == len(CHOICES)
