"""Platform admins keep the reference data in the Django admin, one name per language."""

import pytest
from django.core.management import call_command

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.organizations.models import FieldOfActivity, SearchDocument
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_admin_adds_a_field_of_activity_with_its_names(world, client_for):
    client = client_for(world.admin)
    page = client.get("/de/admin/organizations/fieldofactivity/add/").content.decode()
    assert 'name="name_ar"' in page
    client.post(
        "/de/admin/organizations/fieldofactivity/add/",
        {
            "code": "mental_health",
            "position": "20",
            "name_de": "Psychische Gesundheit",
            "name_en": "Mental health",
            "name_ar": "الصحة النفسية",
            "name_tr": "",
        },
    )
    field = FieldOfActivity.objects.get(code="mental_health")
    assert field.names == {
        "de": "Psychische Gesundheit",
        "en": "Mental health",
        "ar": "الصحة النفسية",
    }
    assert field.label_in("tr") == "Psychische Gesundheit"


def test_the_german_name_is_required(world, client_for):
    response = client_for(world.admin).post(
        "/de/admin/organizations/fieldofactivity/add/",
        {"code": "x", "position": "1", "name_de": "", "name_en": "X"},
    )
    assert "name_de" in response.context["adminform"].form.errors
    assert not FieldOfActivity.objects.filter(code="x").exists()


def test_the_audit_log_is_read_only_in_the_admin(world, client_for):
    entry = AuditLogEntry.objects.create(
        action="create", object_type="x", object_id="1", object_repr="x"
    )
    client = client_for(world.admin)
    assert client.get("/de/admin/core/auditlogentry/add/").status_code == 403
    assert (
        client.post(f"/de/admin/core/auditlogentry/{entry.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AuditLogEntry.objects.filter(pk=entry.pk).exists()


def test_editing_an_organization_in_the_admin_updates_the_search(world, client_for):
    org = world.org_b
    client = client_for(world.admin)
    page = client.get(f"/de/admin/organizations/organization/{org.pk}/change/")
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        name="Kulturverein Morgenland",
        slug=org.slug,
        kind=org.kind,
        legal_form=org.legal_form_id,
        last_confirmed_on="2026-01-01",
    )
    for prefix in ("descriptions", "recognitions", "memberships"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": org.memberships.get().pk,
            "memberships-0-organization": org.pk,
            "memberships-0-user": world.member_b.pk,
            "memberships-0-role": "admin",
            "memberships-0-status": "active",
        }
    )
    response = client.post(f"/de/admin/organizations/organization/{org.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert SearchDocument.objects.get(organization=org).title == "Kulturverein Morgenland"


def test_the_reindex_command_rebuilds_every_search_document(db, capsys):
    factories.make_organization("Verein Eins", index=False)
    factories.make_organization("Verein Zwei", index=False)
    call_command("reindex")
    assert "Indexed 2 organization(s)." in capsys.readouterr().out
    assert SearchDocument.objects.count() == 2


def test_the_audit_log_shows_platform_admins_no_counselling_content(world, client_for, tmp_path):
    """Counselling's entries carry ids: no case title, break-glass reason or file name, neither
    in new entries nor, in the admin, in entries written before."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from gemeinsam.counselling import services

    case = factories.make_case(
        world.agency_x, advisors=[world.advisor_x], title="Vereinsgründung Leyla Aydın"
    )
    client_for(world.advisor_x).post(
        reverse("counselling:document-upload", kwargs={"pk": case.pk}),
        {"file": SimpleUploadedFile("Pass Leyla Aydın.pdf", b"%PDF-1.7\n%%EOF\n")},
        format="multipart",
    )
    services.timeline.break_glass(case, world.manager_x, reason="Leyla Aydın hat sich beschwert")
    older = AuditLogEntry.objects.create(
        action="update",
        object_type="counselling.case",
        object_id=str(case.pk),
        object_repr=f"{case.reference} Vereinsgründung Leyla Aydın",
        changes={"title": ["Vereinsgründung", "Vereinsgründung Leyla Aydın"]},
    )
    entries = AuditLogEntry.objects.filter(object_type__startswith="counselling.").exclude(
        pk=older.pk
    )
    client = client_for(world.admin)

    pages = [client.get("/de/admin/core/auditlogentry/")]
    pages += [client.get(f"/de/admin/core/auditlogentry/{e.pk}/change/") for e in [*entries, older]]

    assert sorted(entries.values_list("object_repr", flat=True)) == sorted(
        [f"case #{case.pk}", f"case #{case.pk}", f"document #{case.documents.get().pk}"]
    )
    assert "Leyla" not in str(list(entries.values("object_repr", "changes")))
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert "Leyla" not in html and "beschwert" not in html
    assert f"case #{case.pk}" in pages[0].content.decode()
