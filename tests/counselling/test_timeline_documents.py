"""Case documents: uploads checked for size and for content matching the name, names with path
tricks cleaned, stored under a random name outside the web root, opened only by the case's
advisors with every download logged."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.counselling import services
from gemeinsam.counselling.enums import AccessKind
from gemeinsam.counselling.models import AccessLogEntry, Document
from gemeinsam.counselling.uploads import clean_filename
from tests import factories

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20


def _zip(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name.replace("__", "/"), content)
    return buffer.getvalue()


DOCX = _zip(**{"[Content_Types].xml": b"<Types/>", "word__document.xml": b"<w:document/>"})
XLSX = _zip(**{"[Content_Types].xml": b"<Types/>", "xl__workbook.xml": b"<workbook/>"})
ODT = _zip(mimetype=b"application/vnd.oasis.opendocument.text", content__xml=b"<office/>")
GENUINE = {
    "satzung.pdf": PDF,
    "protokoll.docx": DOCX,
    "finanzplan.xlsx": XLSX,
    "einladung.odt": ODT,
    "logo.png": PNG,
    "foto.jpg": JPEG,
    "foto.jpeg": JPEG,
    "notizen.txt": "Mitgliederversammlung am 3. März – Tagesordnung".encode(),
}


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """The private storage's scratch folder for this test (set in tests/conftest.py)."""
    return settings.GEMEINSAM_PRIVATE_MEDIA_ROOT


@pytest.fixture
def case(world):
    return factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Förderantrag")


@pytest.fixture
def colleague(world):
    user = factories.make_user("kollegin@example.org", name="Carla Brandt")
    factories.make_staff(world.agency_x, user=user, role="advisor")
    return user


def _upload_url(case):
    return reverse("counselling:document-upload", kwargs={"pk": case.pk})


def _download_url(document):
    return reverse(
        "counselling:document-download", kwargs={"pk": document.case_id, "doc": document.pk}
    )


def _upload(client, case, name, content, **extra):
    return client.post(
        _upload_url(case), {"file": SimpleUploadedFile(name, content), **extra}, format="multipart"
    )


def _stored_files(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- Genuine uploads ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GENUINE))
def test_every_allowed_type_is_accepted_when_its_content_matches(
    world, client_for, case, private_root, name
):
    response = _upload(client_for(world.advisor_x), case, name, GENUINE[name])

    assert response.status_code == 302
    document = Document.objects.get(case=case)
    assert document.original_name == name
    assert document.size == len(GENUINE[name])
    (stored,) = _stored_files(private_root)
    # Encrypted at rest with the notes keys; opened through the storage, the bytes as uploaded.
    assert stored.read_bytes().startswith(b"gAAAAA")
    assert GENUINE[name] not in stored.read_bytes()
    with document.file.open("rb") as handle:
        assert handle.read() == GENUINE[name]


def test_an_upload_is_stored_under_a_random_name_outside_the_web_root_and_audited(
    world, client_for, case, private_root
):
    response = _upload(client_for(world.advisor_x), case, "Förderantrag 2026.pdf", PDF)

    assert response["Location"] == reverse("counselling:case-detail", kwargs={"pk": case.pk})
    document = Document.objects.get()
    assert (document.content_type, document.is_shared, document.uploaded_by) == (
        "application/pdf",
        False,
        world.advisor_x,
    )
    (stored,) = _stored_files(private_root)
    assert "Förderantrag" not in stored.name
    assert stored.name == document.file.name.rsplit("/", 1)[-1]
    assert len(stored.name) == 32
    assert not stored.is_relative_to(django_settings.MEDIA_ROOT)
    entry = AuditLogEntry.objects.get(object_type="counselling.document")
    # The audit log names the document by id: its file name may name the person.
    assert (entry.actor, entry.object_repr) == (world.advisor_x, f"document #{document.pk}")
    assert "Förderantrag" not in str(entry.changes)


def test_a_document_can_be_shared_with_the_organization(world, client_for, case):
    _upload(client_for(world.advisor_x), case, "plan.pdf", PDF, is_shared="on")

    assert Document.objects.get().is_shared is True


# --- Refused uploads ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rechnung.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00PE\x00\x00"),  # a Windows program
        ("bild.png", b"<html><script>alert(1)</script></html>"),
        ("foto.jpg", PNG),
        ("protokoll.docx", _zip(**{"xl__workbook.xml": b"<workbook/>"})),
        ("tabelle.xlsx", b"PK\x03\x04 not really a zip archive"),
        ("brief.odt", _zip(content__xml=b"<office/>")),
        ("brief.odt", _zip(mimetype=b"application/zip")),
        ("notizen.txt", b"Text\x00mit Nullbyte"),
        ("notizen.txt", b"\xff\xfe\xfa kein UTF-8"),
    ],
)
def test_a_disguised_file_is_refused_with_a_clear_message(
    world, client_for, case, private_root, name, content
):
    response = _upload(client_for(world.advisor_x), case, name, content)

    assert response.status_code == 200
    assert "The content of this file does not match its name" in response.content.decode()
    assert not Document.objects.exists()
    assert _stored_files(private_root) == []


@pytest.mark.parametrize("name", ["programm.exe", "seite.html", "ohne-endung", "archiv.zip"])
def test_a_file_of_another_type_is_refused(world, client_for, case, private_root, name):
    response = _upload(client_for(world.advisor_x), case, name, PDF)

    html = response.content.decode()
    assert "Files of this type cannot be uploaded. Allowed: DOCX, JPEG, JPG, ODT" in html
    assert not Document.objects.exists()


def test_a_file_that_is_too_large_is_refused(world, client_for, case, settings, private_root):
    settings.GEMEINSAM_MAX_DOCUMENT_BYTES = 1024

    response = _upload(client_for(world.advisor_x), case, "gross.pdf", PDF + b"0" * 1024)

    assert "The file is too large (at most 1.0\xa0KB)." in response.content.decode()
    assert not Document.objects.exists()
    assert _stored_files(private_root) == []


def test_an_empty_file_is_refused(world, client_for, case):
    response = _upload(client_for(world.advisor_x), case, "leer.txt", b"")

    assert "The submitted file is empty." in response.content.decode()
    assert not Document.objects.exists()


# --- File names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("C:\\x\\y.pdf", "y.pdf"),
        ("/var/www/html/shell.PDF", "shell.pdf"),
        ("a\x00b\x1fc\r\n.pdf", "abc.pdf"),
        ("rechnung\u202efdp.exe", "rechnungfdp.exe"),
        ('bericht<>:"|?*.pdf', "bericht_______.pdf"),
        ("...pdf", "document.pdf"),
        ("   .pdf", "document.pdf"),
        ("", "document"),
        ("Beratung März 2026.pdf", "Beratung März 2026.pdf"),
        ("تقرير.pdf", "تقرير.pdf"),
    ],
)
def test_file_names_are_cleaned_to_a_safe_base_name(raw, clean):
    assert clean_filename(raw) == clean


def test_a_very_long_file_name_is_shortened_and_keeps_its_extension():
    name = clean_filename("x" * 500 + ".pdf")

    assert len(name) == 120
    assert name.endswith("xx.pdf")


def test_an_upload_with_a_path_in_its_name_keeps_only_the_cleaned_base_name(
    world, client_for, case, private_root
):
    _upload(client_for(world.advisor_x), case, "../../etc/antrag.pdf", PDF)

    document = Document.objects.get()
    assert document.original_name == "antrag.pdf"
    (stored,) = _stored_files(private_root)
    assert stored.is_relative_to(private_root)


# --- Downloads -----------------------------------------------------------------------------------


def _document(world, case, client_for, name="Finanzplan 2026.pdf", content=PDF):
    _upload(client_for(world.advisor_x), case, name, content)
    return Document.objects.get(original_name=name)


def test_the_cases_advisor_downloads_a_document_as_an_attachment_and_the_read_is_logged(
    world, client_for, case
):
    document = _document(world, case, client_for, name="Förderantrag März.pdf")

    response = client_for(world.advisor_x).get(_download_url(document))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "F%C3%B6rderantrag%20M%C3%A4rz.pdf" in response["Content-Disposition"]
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.kind, entry.object_repr) == (
        world.advisor_x,
        AccessKind.READ_DOCUMENT,
        "Förderantrag März.pdf",
    )


def test_colleagues_and_managers_without_break_glass_cannot_download(
    world, client_for, case, colleague
):
    document = _document(world, case, client_for)

    for user in (colleague, world.manager_x):
        assert client_for(user).get(_download_url(document)).status_code == 403
    assert not AccessLogEntry.objects.exists()


def test_a_manager_downloads_after_break_glass(world, client_for, case):
    document = _document(world, case, client_for)
    services.timeline.break_glass(
        case, world.manager_x, reason="Vertretung während der Elternzeit."
    )

    response = client_for(world.manager_x).get(_download_url(document))

    assert b"".join(response.streaming_content) == PDF
    assert AccessLogEntry.objects.filter(
        user=world.manager_x, kind=AccessKind.READ_DOCUMENT
    ).exists()


def test_another_agency_cannot_find_a_document_nor_reach_it_through_its_own_case(
    world, client_for, case
):
    document = _document(world, case, client_for)
    own_case = factories.make_case(world.agency_y, advisors=[world.advisor_y], title="Eigener")
    client = client_for(world.advisor_y)

    assert client.get(_download_url(document)).status_code == 404
    through_own = reverse(
        "counselling:document-download", kwargs={"pk": own_case.pk, "doc": document.pk}
    )
    assert client.get(through_own).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_the_case_page_links_documents_only_for_those_who_may_open_them(
    world, client_for, case, colleague
):
    document = _document(world, case, client_for)
    page = reverse("counselling:case-detail", kwargs={"pk": case.pk})

    advisor_html = client_for(world.advisor_x).get(page).content.decode()
    colleague_html = client_for(colleague).get(page).content.decode()

    assert _download_url(document) in advisor_html
    assert "Finanzplan 2026.pdf" in colleague_html
    assert _download_url(document) not in colleague_html


def test_colleagues_cannot_upload(world, client_for, case, colleague, private_root):
    response = _upload(client_for(colleague), case, "plan.pdf", PDF)

    assert response.status_code == 403
    assert not Document.objects.exists()
    assert _stored_files(private_root) == []
