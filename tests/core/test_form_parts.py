"""Long forms in parts (core.form_parts): what a folded part says it holds, and which parts open."""

import datetime

import pytest
from django import forms
from django.utils import translation

from gemeinsam.core import form_parts


class Sample(forms.Form):
    kind = forms.ChoiceField(choices=[("kita", "Kita"), ("youth", "Jugendarbeit")])
    founded_on = forms.DateField(required=False)
    members = forms.IntegerField(label="Mitglieder", required=False)
    public = forms.BooleanField(required=False)
    name = forms.CharField(required=False)


class Row(forms.Form):
    title = forms.CharField(max_length=10)
    DELETE = forms.BooleanField(required=False)


Rows = forms.formset_factory(Row, extra=0)


def test_a_field_is_shown_as_a_person_reads_it():
    form = Sample({"kind": "youth", "founded_on": "2019-05-01", "members": "12", "public": "on"})
    with translation.override("de"):
        assert form_parts.shown(form["kind"]) == ["Jugendarbeit"]  # the label, not the code
        assert form_parts.shown(form["founded_on"]) == ["01.05.2019"]
        assert form_parts.shown(form["members"]) == ["Mitglieder: 12"]
        assert form_parts.shown(form["public"]) == []  # yes/no says nothing folded
        assert form_parts.shown(form["name"]) == []
        assert form_parts.summed(form, ["kind", "members", "name"]) == (
            "Jugendarbeit · Mitglieder: 12"
        )


def test_a_long_line_is_cut_and_an_empty_one_says_so():
    with translation.override("de"):
        assert form_parts.summary([]) == "Noch nichts eingetragen"
    line = form_parts.summary(["x" * 100, "y" * 100])
    assert len(line) == form_parts.SUMMARY_LENGTH
    assert line.endswith("…")


def test_rows_marked_for_deletion_leave_the_line_and_errors_are_counted():
    data = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-0-title": "Satzung",
        "form-1-title": "Alt",
        "form-1-DELETE": "on",
        "form-2-title": "Viel zu lang geraten",
    }
    part = form_parts.formset_part(
        Rows(data),
        "rows",
        "Zeilen",
        lambda row: row["title"].value() or "",
        row_title=lambda n: f"Zeile {n}",
    )
    assert part.summary == "Satzung · Viel zu lang geraten"
    assert part.errors == 1  # the third row's title is too long
    assert [heading for _row, heading in part.rows] == ["Zeile 1", "Zeile 2", "Zeile 3"]


@pytest.mark.parametrize(
    ("sent", "new", "opened"),
    [(False, True, ["first", "broken"]), (False, False, ["broken"]), (True, True, ["broken"])],
)
def test_parts_with_errors_open_and_a_new_record_opens_what_it_needs(sent, new, opened):
    parts = [
        form_parts.FormPart("first", "Erstens", ""),
        form_parts.FormPart("broken", "Fehler", "", errors=2),
        form_parts.FormPart("later", "Später", ""),
    ]
    form_parts.open_parts(parts, sent=sent, new=new, open_when_new={"first"})
    assert [p.slug for p in parts if p.open] == opened


def test_a_date_that_does_not_parse_is_shown_as_typed():
    form = Sample({"kind": "kita", "founded_on": "im Mai"})
    assert form_parts.shown(form["founded_on"]) == ["im Mai"]


def test_today_is_shown_in_the_pages_format():
    form = Sample({"kind": "kita", "founded_on": datetime.date(2027, 2, 28).isoformat()})
    with translation.override("en"):
        assert form_parts.shown(form["founded_on"]) == ["02/28/2027"]
