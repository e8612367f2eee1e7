"""Importing in the browser: upload, map, preview, apply — and who may do it."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from gemeinsam.organizations.interchange.enums import ImportStatus
from gemeinsam.organizations.models import ImportBatch, Organization
from tests.xlsx_support import workbook

GOOD = (
    "Vereinsname;PLZ;Ort;Sprachen\r\n"
    "Afrikanischer Elternverein Münster;48143;Münster;Französisch, Tigrinya\r\n"
    "Kulturverein Anatolien;44787;Bochum;tr\r\n"
).encode("cp1252")
BAD = b"Vereinsname;PLZ;E-Mail\r\nVerein mit Fehlern;123;keine-adresse\r\n"


@pytest.fixture(autouse=True)
def english_and_private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


def upload(client, content: bytes, name: str = "liste.csv"):
    return client.post(
        reverse("organizations:import-upload"), {"file": SimpleUploadedFile(name, content)}
    )


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_an_advisor_uploads_checks_and_applies_a_file(world, client_for, run_jobs):
    client = client_for(world.advisor_x)
    response = upload(client, GOOD)
    batch = ImportBatch.objects.get()
    assert response.url == reverse("organizations:import-preview", args=[batch.pk])
    assert (batch.original_name, batch.uploaded_by, batch.mapping) == (
        "liste.csv",
        world.advisor_x,
        ["name", "postcode", "city", "languages"],
    )

    preview = client.get(response.url)
    page = preview.content.decode()
    assert preview.context["preview"].can_apply is True
    assert "Import 2 rows" in page
    assert "No problems found." in page

    before = Organization.objects.count()
    applied = client.post(reverse("organizations:import-apply", args=[batch.pk]))
    assert applied.url == response.url
    # The worker applies it; until then the page shows the import waiting, not the file.
    waiting = client.get(applied.url).content.decode()
    assert "Status: waiting to start." in waiting
    assert "Afrikanischer Elternverein" not in waiting
    assert Organization.objects.count() == before
    run_jobs()
    assert Organization.objects.count() == before + 2
    munster = Organization.objects.get(name="Afrikanischer Elternverein Münster")
    assert sorted(munster.languages.values_list("code", flat=True)) == ["fr", "ti"]
    batch.refresh_from_db()
    assert (batch.status, batch.summary["created"], batch.step) == (
        ImportStatus.APPLIED,
        2,
        "indexing",
    )
    done = client.get(applied.url).content.decode()
    assert ": 2 created, 0 updated, 0 unchanged, 0 skipped." in done
    assert "The uploaded file has been deleted, since it holds contact data." in done


@pytest.mark.django_db
def test_a_second_apply_of_the_same_file_is_refused(world, client_for, run_jobs):
    client = client_for(world.advisor_x)
    batch_url = upload(client, GOOD).url
    batch = ImportBatch.objects.get()
    running = client.post(reverse("organizations:import-apply", args=[batch.pk]))
    again = client.post(reverse("organizations:import-apply", args=[batch.pk]))
    assert (running.url, texts(again)) == (batch_url, ["This import is already running."])
    client.get(batch_url)  # shows, and so uses up, the message
    run_jobs()
    count = Organization.objects.count()
    again = client.post(reverse("organizations:import-apply", args=[batch.pk]))
    assert (again.url, texts(again)) == (batch_url, ["This import has already been applied."])
    assert Organization.objects.count() == count


@pytest.mark.django_db
def test_the_preview_lists_every_problem_and_the_apply_button_is_disabled(world, client_for):
    client = client_for(world.advisor_x)
    response = client.get(upload(client, BAD).url)
    page = response.content.decode()
    assert [(p.row, p.column, p.message) for p in response.context["problems"]] == [
        (2, "PLZ", "A German postcode has five digits."),
        (2, "E-Mail", "Enter a valid email address."),
    ]
    assert '<button type="submit" disabled aria-describedby="apply-help">' in page


@pytest.mark.django_db
def test_applying_a_file_with_problems_imports_nothing(world, client_for):
    client = client_for(world.advisor_x)
    upload(client, BAD)
    batch = ImportBatch.objects.get()
    before = Organization.objects.count()
    response = client.post(reverse("organizations:import-apply", args=[batch.pk]))
    assert texts(response) == ["The file still has problems, so nothing was imported."]
    assert Organization.objects.count() == before
    batch.refresh_from_db()
    assert batch.status == ImportStatus.UPLOADED


@pytest.mark.django_db
def test_changing_the_mapping_checks_the_file_again(world, client_for):
    client = client_for(world.advisor_x)
    url = upload(client, b"Spalte 1;Spalte 2\r\nVerein X;Bochum\r\n").url
    assert client.get(url).context["preview"].can_apply is False
    response = client.post(url, {"column_0": "name", "column_1": "city"})
    assert response.url == url
    assert ImportBatch.objects.get().mapping == ["name", "city"]
    assert client.get(url).context["preview"].can_apply is True


@pytest.mark.django_db
def test_likely_duplicates_are_merged_or_skipped_as_chosen_per_row(world, client_for, run_jobs):
    client = client_for(world.advisor_x)
    content = (
        "Name;Ort;E-Mail\r\n"
        "Verein B für Kultur;Bochum;kontakt@verein-b.example\r\n"
        "Neuer Verein;Bochum;\r\n"
        "Neuer Verein;Bochum;\r\n"
    ).encode()
    url = upload(client, content).url
    decisions = client.get(url).context["decisions"]
    assert [
        (row.number, [m.id for m in row.matches], row.same_as_row)
        for row, _field in decisions.rows()
    ] == [(2, [world.org_b.id], None), (4, [], 3)]
    response = client.post(
        reverse("organizations:import-apply", args=[ImportBatch.objects.get().pk]),
        {"row_2": "fill", "row_4": "skip"},
    )
    run_jobs()
    page = client.get(response.url).content.decode()
    assert ": 1 created, 1 updated, 0 unchanged, 1 skipped." in page
    world.org_b.refresh_from_db()
    assert world.org_b.email == "kontakt@verein-b.example"
    assert Organization.objects.filter(name="Neuer Verein").count() == 1


@pytest.mark.django_db
def test_a_file_over_the_size_limit_gets_a_form_error(world, client_for, settings):
    settings.GEMEINSAM_MAX_IMPORT_BYTES = 1024
    big = b"Name;Ort\r\n" + b"Verein;Bochum\r\n" * 200
    response = upload(client_for(world.advisor_x), big)
    assert "Please split it into smaller files." in response.content.decode()
    assert response.context["form"].errors == {
        "file": [
            "The file is 2.9\xa0KB, but at most 1.0\xa0KB can be imported at once. "
            "Please split it into smaller files."
        ]
    }
    assert ImportBatch.objects.count() == 0


@pytest.mark.django_db
def test_a_file_that_cannot_be_read_gets_a_form_error_not_a_server_error(world, client_for):
    response = upload(client_for(world.advisor_x), b"PK\x03\x04garbage", "liste.xlsx")
    assert response.context["form"].errors == {
        "file": ["This file cannot be read as an Excel workbook (.xlsx)."]
    }
    assert ImportBatch.objects.count() == 0


@pytest.mark.django_db
def test_a_member_of_an_organization_may_not_import(world, client_for):
    client = client_for(world.member_a)
    assert client.get(reverse("organizations:import-upload")).status_code == 403
    assert upload(client, GOOD).status_code == 403
    assert ImportBatch.objects.count() == 0


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(world, client_for):
    url = reverse("organizations:import-upload")
    response = client_for(None).get(url)
    assert (response.status_code, response.url) == (302, reverse("account_login") + "?next=" + url)


@pytest.mark.django_db
def test_someone_elses_import_is_not_found_and_members_are_forbidden(world, client_for):
    upload(client_for(world.advisor_x), GOOD)
    batch = ImportBatch.objects.get()
    preview = reverse("organizations:import-preview", args=[batch.pk])
    apply = reverse("organizations:import-apply", args=[batch.pk])
    assert client_for(world.advisor_y).get(preview).status_code == 404
    assert client_for(world.advisor_y).post(apply).status_code == 404
    assert client_for(world.member_a).get(preview).status_code == 403
    assert client_for(world.member_a).post(apply).status_code == 403
    assert ImportBatch.objects.get().status == ImportStatus.UPLOADED


@pytest.mark.django_db
def test_the_preview_speaks_the_language_of_the_page(world, client_for):
    client = client_for(world.advisor_x)
    upload(client, BAD)
    with translation.override("de"):
        url = reverse("organizations:import-preview", args=[ImportBatch.objects.get().pk])
    assert url.startswith("/de/")
    messages = [p.message for p in client.get(url).context["problems"]]
    assert messages[1] == "Bitte gültige E-Mail-Adresse eingeben."


@pytest.mark.django_db
def test_the_upload_page_explains_required_columns_and_accepted_values(world, client_for):
    response = client_for(world.advisor_x).get(reverse("organizations:import-upload"))
    page = response.content.decode()
    assert "Every row needs a name." in page
    assert "imported as a migrant organization" in page
    accepted = dict(response.context["accepted_values"])
    assert accepted["federal state"][9] == "North Rhine-Westphalia (NW)"
    assert accepted["fields of activity"][1] == "Youth work (youth_work)"


@pytest.mark.django_db
def test_a_packed_workbook_gets_a_form_error_and_is_not_stored(world, client_for):
    client = client_for(world.advisor_x)
    response = upload(client, workbook(rows=3_000_000), "liste.xlsx")
    errors = response.context["form"].errors["file"]
    assert errors[0].startswith("This workbook is packed unusually tightly")
    assert not ImportBatch.objects.exists()


@pytest.mark.django_db
def test_an_import_that_cannot_be_applied_says_why_and_can_be_tried_again(
    world, client_for, run_jobs
):
    client = client_for(world.advisor_x)
    url = upload(client, GOOD).url
    batch = ImportBatch.objects.get()
    client.post(reverse("organizations:import-apply", args=[batch.pk]))
    # The same names are taken meanwhile by someone else's change of the mapping: the file,
    # read again by the job, now has a problem in every row.
    ImportBatch.objects.filter(pk=batch.pk).update(mapping=["", "postcode", "city", "languages"])
    run_jobs()
    batch.refresh_from_db()
    assert (batch.status, Organization.objects.filter(city="Münster").count()) == (
        ImportStatus.FAILED,
        0,
    )
    page = client.get(url).content.decode()
    assert (
        "The last attempt to import this file failed, and nothing was imported: "
        "The file has problems, so nothing was imported." in page
    )
