"""The dry run: mapping guesses, every row's problems, and likely duplicates."""

import datetime
import decimal
import io

import openpyxl
import pytest
from django.utils import translation

from gemeinsam.organizations.interchange.enums import Decision
from gemeinsam.organizations.interchange.fields import guess_mapping
from gemeinsam.organizations.interchange.parsing import read_table
from gemeinsam.organizations.interchange.validation import Problem, check, decisions_for_all
from gemeinsam.organizations.models import Organization
from tests import factories


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def preview_of(text: str, mapping: list[str] | None = None):
    table = read_table(io.BytesIO(text.encode("utf-8")), "liste.csv")
    return check(table, mapping if mapping is not None else guess_mapping(table.headers))


def test_it_guesses_the_fields_from_german_headers():
    headers = [
        "Vereinsname",
        "PLZ",
        "Ort",
        "Bundesland",
        "E-Mail",
        "Telefon",
        "Rechtsform",
        "Registernummer",
        "Arbeitsfelder",
        "Sprachen",
        "Straße",
        "Gründungsdatum",
        "Ansprechpartnerin",
        "Mitglieder",
        "Notizen",
    ]
    assert guess_mapping(headers) == [
        "name",
        "postcode",
        "city",
        "federal_state",
        "email",
        "phone",
        "legal_form",
        "register_number",
        "fields",
        "languages",
        "street",
        "founded_on",
        "contact_name",
        "members_count",
        "",
    ]


def test_it_guesses_the_fields_from_english_headers_and_field_labels():
    headers = [
        "Name",
        "Stadt",
        "Zip code",
        "State",
        "Website",
        "Working languages",
        "Fields of activity",
        "Short name",
        "Public profile",
    ]
    assert guess_mapping(headers) == [
        "name",
        "city",
        "postcode",
        "federal_state",
        "website",
        "languages",
        "fields",
        "short_name",
        "is_public",
    ]


def test_when_two_headers_fit_one_field_the_first_column_wins():
    assert guess_mapping(["Ort", "Stadt"]) == ["city", ""]


@pytest.mark.django_db
def test_a_valid_row_becomes_values_with_codes_labels_and_typed_numbers():
    preview = preview_of(
        "Name;Art;Rechtsform;Bundesland;Arbeitsfelder;Sprachen;Gegründet;Mitglieder;Stellen;"
        "Öffentlich;Website\r\n"
        "Kulturbrücke e.V.;Migrantenorganisation;e.V.;Nordrhein-Westfalen;"
        "Jugendarbeit | culture;ar, Türkisch;03.05.2001;1.200;1,5;ja;www.kulturbruecke.de\r\n"
    )
    assert preview.problems == []
    values = preview.rows[0].values
    assert values["kind"] == "migrant_org"
    assert values["legal_form"].code == "registered_association"
    assert values["federal_state"] == "NW"
    assert [f.code for f in values["fields"]] == ["youth_work", "culture"]
    assert [lang.code for lang in values["languages"]] == ["ar", "tr"]
    assert values["founded_on"] == datetime.date(2001, 5, 3)
    assert values["members_count"] == 1200
    assert values["paid_staff_fte"] == decimal.Decimal("1.5")
    assert values["is_public"] is True
    assert values["website"] == "https://www.kulturbruecke.de"
    assert preview.can_apply is True


@pytest.mark.django_db
def test_codes_are_accepted_as_well_as_labels():
    preview = preview_of("Name;Art;Bundesland;Rechtsform\r\nVerein A;umbrella_body;NW;ggmbh\r\n")
    values = preview.rows[0].values
    assert (values["kind"], values["federal_state"], values["legal_form"].code) == (
        "umbrella_body",
        "NW",
        "ggmbh",
    )


@pytest.mark.django_db
def test_iso_and_german_dates_are_both_accepted():
    preview = preview_of("Name;Gegründet\r\nA;2015-03-31\r\nB;1.4.2015\r\n")
    assert [row.values["founded_on"] for row in preview.rows] == [
        datetime.date(2015, 3, 31),
        datetime.date(2015, 4, 1),
    ]


@pytest.mark.django_db
def test_malformed_email_postcode_and_date_are_row_errors_with_column_and_message():
    preview = preview_of(
        "Vereinsname;E-Mail;PLZ;Gegründet\r\n"
        "Verein A;info(at)verein-a.de;4478;31.02.2020\r\n"
        "Verein B;info@verein-b.de;44787;2020-01-01\r\n"
    )
    assert preview.problems == [
        Problem(2, "E-Mail", "Enter a valid email address.", "info(at)verein-a.de"),
        Problem(2, "PLZ", "A German postcode has five digits.", "4478"),
        Problem(
            2,
            "Gegründet",
            "Enter a date as YYYY-MM-DD or DD.MM.YYYY, e.g. 2015-03-31.",
            "31.02.2020",
        ),
    ]
    assert preview.rows_with_problems == 1
    assert preview.can_apply is False


@pytest.mark.django_db
def test_unknown_reference_values_are_named_in_the_message():
    preview = preview_of("Name;Sprachen;Art\r\nVerein A;Arabisch, Klingonisch;Raumschiff\r\n")
    assert [(p.column, p.message) for p in preview.problems] == [
        ("Sprachen", "Unknown working language: “Klingonisch”."),
        ("Art", "Unknown kind of organization: “Raumschiff”."),
    ]


@pytest.mark.django_db
def test_a_row_without_a_name_is_an_error_in_the_name_column():
    preview = preview_of("Vereinsname;Ort\r\n;Bochum\r\n")
    assert preview.problems == [Problem(2, "Vereinsname", "This field cannot be blank.", "")]


@pytest.mark.django_db
def test_messages_are_in_the_language_of_the_person_checking():
    with translation.override("de"):
        preview = preview_of("Name;E-Mail\r\nVerein A;kaputt\r\n")
    assert [p.message for p in preview.problems] == ["Bitte gültige E-Mail-Adresse eingeben."]


@pytest.mark.django_db
def test_a_file_without_a_name_column_cannot_be_applied_and_says_why():
    preview = preview_of("Ort;PLZ\r\nBochum;44787\r\n")
    assert preview.problems == [
        Problem(None, "", "No column is mapped to “name”. Every organization needs one.")
    ]
    assert preview.can_apply is False


@pytest.mark.django_db
def test_a_field_chosen_for_two_columns_is_a_problem_of_the_mapping():
    preview = preview_of("Name;Ort;Stadt\r\nA;Bochum;Bochum\r\n", ["name", "city", "city"])
    assert preview.problems == [
        Problem(None, "Ort, Stadt", "Several columns are mapped to “city”. Choose one of them.")
    ]


@pytest.mark.django_db
def test_without_a_kind_column_organizations_are_migrant_organizations():
    preview = preview_of("Name\r\nVerein A\r\n")
    assert preview.problems == []
    assert "kind" not in preview.rows[0].values


@pytest.mark.django_db
def test_formulas_in_mapped_xlsx_cells_are_row_errors_but_ignored_columns_do_not_matter():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Mitglieder", "Summe"])
    workbook.active.append(["Verein A", "=10*2", "=B2+1"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(io.BytesIO(buffer.getvalue()), "liste.xlsx")
    preview = check(table, ["name", "members_count", ""])
    assert preview.problems == [
        Problem(
            2,
            "Mitglieder",
            "This cell holds a formula. Formulas are not run: replace it with the value it shows.",
            "=10*2",
        )
    ]


@pytest.mark.django_db
def test_xlsx_numbers_keep_the_leading_zero_of_postcodes():
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "PLZ"])
    workbook.active.append(["Verein Dresden", 1067])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = check(read_table(io.BytesIO(buffer.getvalue()), "l.xlsx"), ["name", "postcode"])
    assert preview.rows[0].values["postcode"] == "01067"


@pytest.mark.django_db
def test_same_name_and_city_or_same_register_number_is_a_likely_duplicate():
    existing = factories.make_organization(
        "Kulturbrücke e.V.", city="Bochum", register_number="VR 1234"
    )
    other = factories.make_organization(
        "Ganz anderer Verein", city="Berlin", register_number="VR 999"
    )
    preview = preview_of(
        "Name;Ort;Registernummer\r\n"
        "KULTURBRÜCKE  e.V.;bochum;\r\n"
        "Neuer Name;Hamburg;vr999\r\n"
        "Kulturbrücke e.V.;Münster;\r\n"
    )
    assert [[m.id for m in row.matches] for row in preview.rows] == [[existing.id], [other.id], []]
    assert [row.number for row in preview.duplicates] == [2, 3]


@pytest.mark.django_db
def test_a_row_repeating_an_earlier_row_of_the_file_is_a_likely_duplicate_of_it():
    preview = preview_of("Name;Ort\r\nVerein A;Bochum\r\nVerein B;Bochum\r\nverein a;BOCHUM\r\n")
    assert [(row.number, row.same_as_row, row.matches) for row in preview.duplicates] == [
        (4, 2, [])
    ]
    assert preview.duplicates[0].decisions == (Decision.SKIP, Decision.CREATE)


@pytest.mark.django_db
def test_one_decision_for_all_duplicates_skips_what_cannot_be_merged():
    factories.make_organization("Verein A", city="Bochum")
    preview = preview_of("Name;Ort\r\nVerein A;Bochum\r\nVerein B;Bochum\r\nVerein B;Bochum\r\n")
    assert decisions_for_all(preview, Decision.FILL) == {2: Decision.FILL, 4: Decision.SKIP}


@pytest.mark.django_db
def test_checking_writes_nothing_and_runs_a_fixed_number_of_queries(django_assert_num_queries):
    rows = "".join(f"Verein {i};Bochum;kaputt\r\n" for i in range(50))
    with django_assert_num_queries(5):
        preview = preview_of("Name;Ort;E-Mail\r\n" + rows)
    assert len(preview.problems) == 50
    assert Organization.objects.count() == 0
