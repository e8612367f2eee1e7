"""Exporting the current search result as CSV and XLSX, never as formulas."""

import csv
import datetime
import decimal
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from gemeinsam.core.tabular import neutralise
from gemeinsam.organizations.interchange.fields import guess_mapping
from gemeinsam.organizations.interchange.parsing import read_table
from gemeinsam.organizations.interchange.validation import check
from tests import factories


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def export_url(fmt: str, query: str = "") -> str:
    return reverse("organizations:organization-export", args=[fmt]) + query


def csv_lines(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+49 234 123", "'+49 234 123"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Verein = Gemeinschaft", "Verein = Gemeinschaft"),
        ("", ""),
        (42, 42),
        (None, None),
    ],
)
def test_cells_a_spreadsheet_would_run_get_a_leading_quote(value, expected):
    assert neutralise(value) == expected


@pytest.mark.django_db
def test_csv_export_is_utf8_with_bom_and_semicolons_for_german_excel(world, client_for):
    factories.make_organization(
        "Ümit Kulturverein",
        city="Köln",
        fields=("culture",),
        languages=("tr", "ar"),
        is_public=True,
        postcode="50667",
    )
    response = client_for(world.advisor_x).get(export_url("csv", "?q=Kulturverein"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="organizations-')
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, *rows = csv_lines(response)
    assert header[:4] == ["Name", "Short name", "Kind", "Legal form"]
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert (row["Name"], row["City"], row["Postcode"], row["Kind"]) == (
        "Ümit Kulturverein",
        "Köln",
        "50667",
        "migrant organization",
    )
    assert (row["Fields of activity"], row["Working languages"]) == (
        "Culture and encounter",
        "Arabic, Turkish",
    )
    assert (row["Legal form"], row["Public profile"]) == ("registered association (e.V.)", "yes")


@pytest.mark.django_db
def test_exports_contain_the_current_search_result_only(world, client_for):
    response = client_for(world.advisor_x).get(export_url("csv", "?field=youth_work"))
    names = [row[0] for row in csv_lines(response)[1:]]
    assert names == ["Verein A für Jugendarbeit"]


@pytest.mark.django_db
def test_csv_export_neutralises_formulas_in_every_column(world, client_for):
    factories.make_organization(
        "=cmd|' /C calc'!A0",
        city="@Bochum",
        phone="+49 234 5678",
        contact_name="-Alice",
        is_public=True,
    )
    response = client_for(world.advisor_x).get(export_url("csv", "?q=cmd"))
    header, row = csv_lines(response)
    values = dict(zip(header, row, strict=True))
    assert (values["Name"], values["City"], values["Phone"], values["Public contact person"]) == (
        "'=cmd|' /C calc'!A0",
        "'@Bochum",
        "'+49 234 5678",
        "'-Alice",
    )


@pytest.mark.django_db
def test_xlsx_export_has_no_formula_cells_and_keeps_numbers_and_dates(world, client_for):
    factories.make_organization("=1+1 Verein", city="Bochum", members_count=40, is_public=True)
    response = client_for(world.advisor_x).get(export_url("xlsx", "?q=Verein"))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert sorted(by_name) == ["'=1+1 Verein", "Verein A für Jugendarbeit", "Verein B für Kultur"]
    assert by_name["'=1+1 Verein"]["Members"] == 40


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_number_of_organizations(world, client_for):
    client = client_for(world.advisor_x)

    def queries_for_export() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(export_url("csv", "?q=Exportverein"))
        return len(captured), len(csv_lines(response)) - 1

    factories.make_organization(
        "Exportverein 1",
        fields=("culture",),
        languages=("ar",),
        recognitions=("charitable",),
        description="Text",
    )
    queries_for_export()  # as a running server: the directory's reference rows read once
    one = queries_for_export()
    for n in (2, 3):
        factories.make_organization(
            f"Exportverein {n}",
            fields=("culture", "sports"),
            languages=("ar", "tr"),
            recognitions=("charitable",),
            description="Text",
        )
    three = queries_for_export()
    assert (one[1], three[1]) == (1, 3)
    assert one[0] == three[0]


@pytest.mark.django_db
def test_export_needs_staff_rights(world, client_for):
    url = export_url("csv")
    anonymous = client_for(None).get(url)
    assert (anonymous.status_code, anonymous.url) == (
        302,
        reverse("account_login") + "?next=" + url,
    )
    assert client_for(world.member_a).get(url).status_code == 403
    assert client_for(world.admin).get(url)["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.django_db
def test_an_unknown_export_format_is_not_found(world, client_for):
    assert client_for(world.advisor_x).get(export_url("pdf")).status_code == 404


@pytest.mark.django_db
def test_an_export_imports_again_with_every_column_recognised_and_every_row_a_duplicate(
    world, client_for
):
    factories.make_organization(
        "Kulturbrücke Ruhr",
        city="Bochum",
        postcode="44787",
        phone="+49 234 5678",
        fields=("youth_work", "culture"),
        languages=("fa", "ar"),
        members_count=12,
        paid_staff_fte=decimal.Decimal("1.5"),
        income_band="10k_45k",
        founded_on=datetime.date(2001, 5, 3),
        description="Theater für Jugendliche",
    )
    response = client_for(world.advisor_x).get(export_url("csv"))
    table = read_table(io.BytesIO(response.content), "export.csv")
    mapping = guess_mapping(table.headers)
    assert [h for h, m in zip(table.headers, mapping, strict=True) if not m] == [
        "Recognitions",
        "Last confirmed",
    ]
    preview = check(table, mapping)
    assert preview.problems == []
    assert [[m.name for m in row.matches] for row in preview.rows] == [
        ["Kulturbrücke Ruhr"],
        ["Verein A für Jugendarbeit"],
        ["Verein B für Kultur"],
    ]
    values = preview.rows[0].values
    assert (values["phone"], values["income_band"], values["paid_staff_fte"]) == (
        "+49 234 5678",
        "10k_45k",
        decimal.Decimal("1.50"),
    )
    assert sorted(lang.code for lang in values["languages"]) == ["ar", "fa"]
    assert values["description_de"] == "Theater für Jugendliche"
