"""`gemeinsam import-organizations FILE`: the same checks as the browser, from a terminal."""

import io
import os
import subprocess
import sys
import time

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.organizations.models import Organization
from tests import factories
from tests.xlsx_support import workbook


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def run(*args) -> str:
    out = io.StringIO()
    call_command(
        "import_organizations", *args, "--language", "en", stdout=out, stderr=io.StringIO()
    )
    return out.getvalue()


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes(
        "\ufeffVereinsname;Ort;PLZ;Sprachen\r\n"
        "Deutsch-Syrischer Kulturverein;Münster;48143;Arabisch\r\n"
        "Polnischer Elternkreis;Berlin;10115;pl\r\n".encode()
    )
    return path


@pytest.mark.django_db
def test_without_apply_it_only_checks(good_file):
    output = run(str(good_file))
    assert "  Vereinsname → name" in output
    assert "2 row(s) valid. Dry run: nothing was imported; run again with --apply." in output
    assert Organization.objects.count() == 0


@pytest.mark.django_db
def test_with_apply_it_imports_and_names_the_actor_in_the_audit_log(good_file):
    operator = factories.make_user("operator@example.org")
    output = run(str(good_file), "--apply", "--actor", "operator@example.org")
    assert "Imported: created 2, updated 0, unchanged 0, skipped 0." in output
    assert sorted(Organization.objects.values_list("name", "city")) == [
        ("Deutsch-Syrischer Kulturverein", "Münster"),
        ("Polnischer Elternkreis", "Berlin"),
    ]
    assert list(AuditLogEntry.objects.values_list("action", "actor")) == [
        ("import", operator.pk),
        ("import", operator.pk),
    ]


@pytest.mark.django_db
def test_problems_are_printed_and_nothing_is_imported_even_with_apply(tmp_path):
    path = tmp_path / "fehler.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "PLZ", "Mitglieder"])
    workbook.active.append(["Verein A", "44787", "=SUM(1,2)"])
    workbook.active.append(["Verein B", "1234", 3])
    workbook.save(path)
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_organizations",
            str(path),
            "--apply",
            "--language",
            "en",
            stdout=out,
            stderr=io.StringIO(),
        )
    assert str(error.value) == "2 problem(s) in 2 row(s); nothing was imported."
    assert out.getvalue().splitlines()[-2:] == [
        "row 2, Mitglieder: This cell holds a formula. Formulas are not run: replace it with "
        "the value it shows. [=SUM(1,2)]",
        "row 3, PLZ: A German postcode has five digits. [1234]",
    ]
    assert Organization.objects.count() == 0


@pytest.mark.django_db
def test_mapping_options_override_the_guess(tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("Träger;Standort\r\nVerein A;Bochum\r\n", encoding="utf-8")
    run(str(path), "--mapping", "Standort=city", "--apply")
    assert list(Organization.objects.values_list("name", "city")) == [("Verein A", "Bochum")]


@pytest.mark.django_db
def test_duplicates_are_listed_and_skipped_by_default_or_merged_on_request(good_file):
    existing = factories.make_organization("Polnischer Elternkreis", city="Berlin", postcode="")
    output = run(str(good_file), "--apply")
    assert (
        f"row 3: likely duplicate of Polnischer Elternkreis (Berlin) #{existing.pk} → skip"
        in output
    )
    assert Organization.objects.count() == 2
    existing.refresh_from_db()
    assert existing.postcode == ""

    run(str(good_file), "--apply", "--on-duplicate", "merge")
    existing.refresh_from_db()
    assert existing.postcode == "10115"
    assert Organization.objects.filter(name="Deutsch-Syrischer Kulturverein").count() == 1


@pytest.mark.django_db
def test_an_unknown_actor_or_file_stops_with_a_message(good_file, tmp_path):
    with pytest.raises(CommandError) as error:
        run(str(good_file), "--actor", "nobody@example.org")
    assert str(error.value) == "No account with the email address nobody@example.org."
    with pytest.raises(CommandError) as error:
        run(str(tmp_path / "missing.csv"))
    assert str(error.value) == f"{tmp_path / 'missing.csv'}: No such file or directory"


def test_a_packed_workbook_of_three_million_rows_is_refused_within_seconds_with_a_message(
    tmp_path,
):
    bomb = tmp_path / "liste.xlsx"
    bomb.write_bytes(workbook(rows=3_000_000))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["SQLITE_PATH"] = str(tmp_path / "unused.sqlite3")  # the file is refused before any query
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "gemeinsam", "import-organizations", str(bomb), "--language", "de"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert time.perf_counter() - started < 15
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"CommandError: {bomb}: Diese Arbeitsmappe ist ")
