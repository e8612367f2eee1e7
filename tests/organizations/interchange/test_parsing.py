"""Reading the spreadsheets agencies keep: encodings, separators, Excel files, formulas."""

import datetime
import io

import openpyxl
import pytest
from django.utils import translation

from gemeinsam.organizations.interchange.parsing import ImportFileError, read_table

HEADER = "Vereinsname;PLZ;Ort\r\n"
ROW = "Türkischer Elternverein Größenwahn e.V.;44787;Bochum\r\n"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def table_from(data: bytes, name: str = "liste.csv"):
    return read_table(io.BytesIO(data), name)


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_it_reads_utf8():
    table = table_from((HEADER + ROW).encode("utf-8"))
    assert table.headers == ["Vereinsname", "PLZ", "Ort"]
    assert table.rows[0].cells == ["Türkischer Elternverein Größenwahn e.V.", "44787", "Bochum"]


def test_it_reads_utf8_with_bom_without_keeping_the_bom_in_the_first_header():
    table = table_from(b"\xef\xbb\xbf" + (HEADER + ROW).encode("utf-8"))
    assert table.headers == ["Vereinsname", "PLZ", "Ort"]
    assert table.rows[0].cells[0] == "Türkischer Elternverein Größenwahn e.V."


def test_it_reads_windows_1252_as_old_excel_saves_it():
    table = table_from((HEADER + ROW).encode("cp1252"))
    assert table.rows[0].cells[0] == "Türkischer Elternverein Größenwahn e.V."


def test_it_reads_utf16_unicode_text_with_tabs():
    data = "Name\tOrt\r\nVerein Ümit\tHamburg\r\n".encode("utf-16")
    table = table_from(data, "liste.txt")
    assert (table.headers, table.rows[0].cells) == (["Name", "Ort"], ["Verein Ümit", "Hamburg"])


def test_it_uses_the_semicolon_when_the_header_is_separated_by_semicolons():
    data = 'Name;Arbeitsfelder\r\nVerein A;"Jugendarbeit, Kultur und Begegnung"\r\n'
    table = table_from(data.encode())
    assert table.rows[0].cells == ["Verein A", "Jugendarbeit, Kultur und Begegnung"]


def test_it_uses_the_comma_when_the_header_is_separated_by_commas():
    data = 'Name,Ort\r\n"Verein; mit Semikolon",Münster\r\n'
    table = table_from(data.encode())
    assert table.rows[0].cells == ["Verein; mit Semikolon", "Münster"]


def test_row_numbers_are_those_of_the_spreadsheet_and_empty_rows_are_left_out():
    data = "Name;Ort\r\nA;Bochum\r\n;\r\n\r\nB;Berlin\r\n"
    table = table_from(data.encode())
    assert [(row.number, row.cells[0]) for row in table.rows] == [(2, "A"), (5, "B")]


def test_empty_headers_get_a_column_number():
    table = table_from(b"Name;;Ort;;\r\nA;x;Bochum;;\r\n")
    assert table.headers == ["Name", "Column 2", "Ort"]


def test_a_file_without_a_header_row_is_refused():
    with pytest.raises(ImportFileError) as error:
        table_from(b"\r\n\r\n")
    assert error.value.message == "The first row must hold the column names, but it is empty."


def test_bytes_that_are_no_text_are_refused_with_a_message():
    with pytest.raises(ImportFileError) as error:
        table_from(b"Name\r\n\x81\x8d\x8f\x90\x9d\r\n")
    assert error.value.message == (
        "The file's characters cannot be read. Please save it as CSV in UTF-8."
    )


def test_an_old_xls_file_is_refused_with_a_hint():
    with pytest.raises(ImportFileError) as error:
        table_from(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "liste.xls")
    assert error.value.message == (
        "Old Excel files (.xls) cannot be read. Please save the sheet as .xlsx or CSV."
    )


def test_a_broken_xlsx_is_refused_with_a_message():
    with pytest.raises(ImportFileError) as error:
        table_from(b"PK\x03\x04 this is not a workbook", "liste.xlsx")
    assert error.value.message == "This file cannot be read as an Excel workbook (.xlsx)."


def test_it_reads_xlsx_with_typed_cells():
    data = xlsx([["Name", "PLZ", "Gegründet"], ["Verein A", 44787, datetime.date(2001, 5, 3)]])
    table = table_from(data, "liste.xlsx")
    assert table.headers == ["Name", "PLZ", "Gegründet"]
    assert table.rows[0].cells == ["Verein A", 44787, datetime.date(2001, 5, 3)]
    assert table.rows[0].formulas == frozenset()


def test_it_remembers_which_xlsx_cells_hold_formulas_without_running_them():
    data = xlsx([["Name", "Mitglieder"], ['=HYPERLINK("http://example.org","x")', "=1+1"]])
    row = table_from(data, "liste.xlsx").rows[0]
    assert row.formulas == frozenset({0, 1})
    assert row.cells == ['=HYPERLINK("http://example.org","x")', "=1+1"]


def test_an_xlsx_is_recognised_by_its_content_whatever_its_name():
    table = table_from(xlsx([["Name"], ["Verein A"]]), "upload")
    assert table.rows[0].cells == ["Verein A"]
