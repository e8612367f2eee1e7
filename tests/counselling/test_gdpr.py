"""Data protection in counselling: exporting what is held about a person or an organization (page
and JSON), the agency's list of people, a person's own data, and erasing a person while the
figures stay the same."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.functional import empty

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.counselling import gdpr, models, services
from gemeinsam.counselling.enums import AccessKind, RequestStatus
from gemeinsam.counselling.models import (
    AccessLogEntry,
    Case,
    Contact,
    Document,
    Note,
    Outcome,
    Request,
    Session,
)
from gemeinsam.events import services as event_services
from tests import factories

SECRET_NOTE = "Vertraulich: Streit im Vorstand über die Kasse"
SECRET_SUMMARY = "Vertraulich: die Vorsitzende will zurücktreten"


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    """Case documents go to a scratch folder; the storage reads the setting on first use."""
    settings.GEMEINSAM_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    models.private_storage._wrapped = empty
    yield
    models.private_storage._wrapped = empty


def _document(case, name="satzung-entwurf.pdf"):
    document = Document(case=case, original_name=name, content_type="application/pdf", size=9)
    document.file.save("upload", ContentFile(b"%PDF-1.4 "), save=False)
    document.save()
    return document


def _request_at(agency, **extra):
    request = factories.make_request(**extra)
    Request.objects.filter(pk=request.pk).update(agency=agency)
    request.refresh_from_db()
    return request


def _leyla(world, *, with_account=True):
    """Leyla Aydın asked agency X for help and has a case there, with everything a case holds."""
    user = None
    if with_account:
        user = factories.make_user("leyla.aydin@example.org", name="Leyla Aydın")
        factories.make_membership(world.org_a, user)
    request = _request_at(
        world.agency_x,
        user=user,
        email="leyla.aydin@example.org",
        name="Leyla Aydın",
        phone="0151 2345678",
        organization=world.org_a,
        preferred_times="dienstags ab 17 Uhr",
    )
    contact = request.contact
    case = factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        organizations=[world.org_a],
        contacts=[contact],
        project=world.project_x,
        title="Vereinsgründung Leyla Aydın",
        request=request,
    )
    Session.objects.create(
        case=case,
        held_on=datetime.date(2026, 2, 3),
        duration_minutes=90,
        channel="video",
        participants="Leyla Aydın, Berk Yılmaz",
        summary=SECRET_SUMMARY,
        next_steps="Satzungsentwurf bis März schicken",
        advisor=world.advisor_x,
    )
    services.timeline.add_note(case, body=SECRET_NOTE, by=world.advisor_x)
    Outcome.objects.create(
        case=case,
        kind="funding_submitted",
        achieved_on=datetime.date(2026, 2, 20),
        programme="Auf Augenhöhe",
        amount=5000,
    )
    _document(case)
    return contact, case


def _export(client, contact) -> tuple[dict, object]:
    response = client.get(reverse("counselling:contact-export", kwargs={"pk": contact.pk}))
    return json.loads(response.content), response


# --- Exports ----------------------------------------------------------------------------------


def test_a_managers_json_export_holds_what_the_agency_holds_but_not_the_account(world, client_for):
    contact, case = _leyla(world)
    event = factories.make_event(world.agency_x, "Workshop Förderanträge")
    event_services.register(
        event, [factories.person("Leyla Aydın", email="leyla.aydin@example.org")], consent=True
    )

    data, response = _export(client_for(world.manager_x), contact)

    assert response["Content-Disposition"] == f'attachment; filename="person-{contact.pk}.json"'
    assert data["person"]["name"] == "Leyla Aydın"
    assert data["person"]["phone"] == "0151 2345678"
    assert [(c["purpose"]["code"], c["text_version"]) for c in data["person"]["consents"]] == [
        ("counselling", "2026-01")
    ]
    assert data["person"]["consents"][0]["text"].startswith("Ich bin einverstanden")
    [request] = data["requests"]
    assert request["preferred_times"] == "dienstags ab 17 Uhr"
    assert request["agency"] == world.agency_x.name
    [exported] = data["cases"]
    assert exported["reference"] == case.reference
    assert exported["case_type"]["code"] == "process_support"
    assert [
        (s["held_on"], s["duration_minutes"], s["channel"]["code"]) for s in exported["sessions"]
    ] == [("2026-02-03", 90, "video")]
    assert exported["sessions"][0]["next_steps"] == "Satzungsentwurf bis März schicken"
    assert [(o["kind"]["code"], o["programme"]) for o in exported["outcomes"]] == [
        ("funding_submitted", "Auf Augenhöhe")
    ]
    assert [d["name"] for d in exported["documents"]] == ["satzung-entwurf.pdf"]
    assert [r["event"] for r in data["event_registrations"]] == ["Workshop Förderanträge"]
    # The account and its memberships are the person's and the platform's, not the agency's.
    assert {"account", "organization_memberships", "watch_list"}.isdisjoint(data)


def test_a_manager_who_is_not_the_cases_advisor_learns_only_how_many_notes_exist(world, client_for):
    contact, _case = _leyla(world)

    data, response = _export(client_for(world.manager_x), contact)

    notes = data["cases"][0]["internal_notes"]
    assert (notes["count"], notes["included"], notes["items"]) == (1, False, [])
    assert data["cases"][0]["sessions"][0]["summary"] is None
    assert SECRET_NOTE not in response.content.decode()
    assert SECRET_SUMMARY not in response.content.decode()


def test_a_manager_who_advises_the_case_gets_its_notes_and_summaries(world, client_for):
    contact, case = _leyla(world)
    case.advisors.add(world.manager_x)

    data, _response = _export(client_for(world.manager_x), contact)

    exported = data["cases"][0]
    assert [n["text"] for n in exported["internal_notes"]["items"]] == [SECRET_NOTE]
    assert exported["sessions"][0]["summary"] == SECRET_SUMMARY


def test_the_export_shows_only_what_the_managers_agencies_hold(world, client_for):
    contact, _case = _leyla(world)
    factories.make_case(
        world.agency_y, advisors=[world.advisor_y], contacts=[contact], title="Beratung Süd"
    )
    _request_at(world.agency_y, email="leyla.aydin@example.org", description="Frage an Süd")

    data, _response = _export(client_for(world.manager_x), contact)

    assert [c["title"] for c in data["cases"]] == ["Vereinsgründung Leyla Aydın"]
    assert [r["agency"] for r in data["requests"]] == [world.agency_x.name]
    for_y = gdpr.person_data(contact, viewer=world.advisor_y)
    assert [c["title"] for c in for_y["cases"]] == ["Beratung Süd"]


def test_every_staff_export_is_logged_on_each_case_and_in_the_audit_log(world, client_for):
    contact, case = _leyla(world)
    second = factories.make_case(world.agency_x, advisors=[world.advisor_x], contacts=[contact])
    client = client_for(world.manager_x)

    _export(client, contact)
    client.get(reverse("counselling:contact-detail", kwargs={"pk": contact.pk}))

    logged = AccessLogEntry.objects.filter(kind=AccessKind.EXPORT, user=world.manager_x)
    assert sorted(logged.values_list("case_id", "object_repr")) == sorted(
        [
            (case.pk, f"contact #{contact.pk} (json)"),
            (second.pk, f"contact #{contact.pk} (json)"),
            (case.pk, f"contact #{contact.pk} (page)"),
            (second.pk, f"contact #{contact.pk} (page)"),
        ]
    )
    audit = AuditLogEntry.objects.filter(action="export", object_type="counselling.contact")
    assert (
        sorted(audit.values_list("actor_id", "object_id", "object_repr"))
        == [(world.manager_x.pk, str(contact.pk), f"contact #{contact.pk}")] * 2
    )


def test_the_page_shows_the_consent_records_with_purpose_date_version_and_wording(
    world, client_for
):
    contact, _case = _leyla(world)
    consent = contact.consents.get()

    page = client_for(world.manager_x).get(
        reverse("counselling:contact-detail", kwargs={"pk": contact.pk})
    )
    html = page.content.decode()

    assert "Consent records" in html
    assert "storing case data" not in html
    assert ">counselling</th>" in html
    assert "2026-01" in html
    assert consent.text in html
    assert "Leyla Aydın" in html and "Satzungsentwurf bis März schicken" in html
    assert SECRET_NOTE not in html
    assert "1 internal note exists" in html


def test_the_organization_data_covers_its_requests_cases_and_contacts_at_the_managers_agencies(
    world, client_for
):
    _contact, case = _leyla(world)
    factories.make_case(
        world.agency_y, advisors=[world.advisor_y], organizations=[world.org_a], title="Süd"
    )
    elsewhere = Contact.objects.create(name="Nur Süd", organization=world.org_a)
    factories.make_case(world.agency_y, advisors=[world.advisor_y], contacts=[elsewhere])

    response = client_for(world.manager_x).get(
        reverse("counselling:organization-export", kwargs={"slug": world.org_a.slug})
    )
    data = json.loads(response.content)

    assert response["Content-Disposition"].startswith("attachment;")
    assert [c["title"] for c in data["cases"]] == [case.title]
    assert [r["organization"] for r in data["requests"]] == [world.org_a.name]
    assert [c["name"] for c in data["contacts"]] == ["Leyla Aydın"]
    assert AccessLogEntry.objects.filter(kind=AccessKind.EXPORT, case=case).count() == 1
    assert AuditLogEntry.objects.filter(
        action="export", object_type="organizations.organization"
    ).exists()


# --- The agency's people ----------------------------------------------------------------------


def test_the_people_list_finds_the_agencys_people_by_name_email_or_phone(world, client_for):
    _leyla(world, with_account=False)
    _request_at(world.agency_x, email="omar.said@example.org", name="Omar Said", phone="0176 111")
    only_y = Contact.objects.create(name="Yara Süd", email="yara@example.org")
    factories.make_case(world.agency_y, advisors=[world.advisor_y], contacts=[only_y])
    client = client_for(world.manager_x)
    url = reverse("counselling:contact-list", kwargs={"agency": world.agency_x.slug})

    def names(query=""):
        response = client.get(url, {"q": query} if query else {})
        return [c.name for c in response.context["contacts"]]

    assert names() == ["Leyla Aydın", "Omar Said"]
    assert names("omar") == ["Omar Said"]
    assert names("leyla.aydin@") == ["Leyla Aydın"]
    assert names("0176") == ["Omar Said"]
    assert names("Yara") == []


def test_the_people_list_counts_requests_and_cases_with_this_agency(world, client_for):
    contact, _case = _leyla(world, with_account=False)
    factories.make_case(world.agency_y, advisors=[world.advisor_y], contacts=[contact])

    response = client_for(world.manager_x).get(
        reverse("counselling:contact-list", kwargs={"agency": world.agency_x.slug})
    )
    [row] = response.context["contacts"]

    assert (row.request_count, row.case_count) == (1, 1)


def test_the_people_list_costs_the_same_for_three_people_as_for_one(
    world, client_for, django_assert_num_queries
):
    client = client_for(world.manager_x)
    url = reverse("counselling:contact-list", kwargs={"agency": world.agency_x.slug})

    def grow(i):
        org = factories.make_organization(f"Verein {i}", index=False)
        contact = Contact.objects.create(name=f"Person {i}", organization=org)
        factories.make_case(world.agency_x, advisors=[world.advisor_x], contacts=[contact])
        _request_at(world.agency_x, email=f"person{i}@example.org", name=f"Person {i}")

    grow(0)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    grow(1)
    grow(2)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert "Person 2" in response.content.decode()


# --- A person's own data ----------------------------------------------------------------------


def test_my_data_shows_my_requests_and_cases_but_never_internal_notes(world, client_for):
    contact, case = _leyla(world)
    leyla = contact.user

    page = client_for(leyla).get(reverse("counselling:my-data"))
    response = client_for(leyla).get(reverse("counselling:my-data-export"))
    data = json.loads(response.content)

    assert [c["reference"] for c in data["cases"]] == [case.reference]
    assert data["cases"][0]["internal_notes"] == {"count": 1, "included": False, "items": []}
    assert data["cases"][0]["documents"] == []  # not shared with the organization
    assert data["cases"][0]["documents_not_shown"] == 1
    assert data["account"]["name"] == "Leyla Aydın"
    for text in (page.content.decode(), response.content.decode()):
        assert SECRET_NOTE not in text and SECRET_SUMMARY not in text
    assert "Satzungsentwurf bis März schicken" in page.content.decode()
    assert not AccessLogEntry.objects.filter(kind=AccessKind.EXPORT).exists()


def test_my_data_without_counselling_is_the_account_alone(world, client_for):
    response = client_for(world.member_b).get(reverse("counselling:my-data-export"))
    data = json.loads(response.content)

    assert data["person"] is None
    assert (data["requests"], data["cases"]) == ([], [])
    assert data["account"]["email"] == "member.b@example.org"
    assert [m["organization"] for m in data["organization_memberships"]] == [world.org_b.name]


# --- Erasing a person ---------------------------------------------------------------------------


def _figures(project) -> dict:
    """What the funder report counts, with plain aggregates."""
    cases = Case.objects.filter(project=project)
    sessions = Session.objects.filter(case__project=project)
    return {
        "cases": cases.count(),
        "by_type": dict(cases.values_list("case_type").annotate(n=Count("id")).order_by()),
        "topics": sorted(cases.values_list("topics__code", flat=True)),
        "new_clients": cases.filter(is_new_client=True).count(),
        "kinds": sorted(cases.values_list("organization_kind", flat=True)),
        "sessions": sessions.count(),
        "minutes": sessions.aggregate(m=Sum("duration_minutes"))["m"],
        "channels": sorted(sessions.values_list("channel", flat=True)),
        "outcomes": dict(
            Outcome.objects.filter(case__project=project)
            .values_list("kind")
            .annotate(n=Count("id"))
            .order_by()
        ),
    }


def _erase(client, contact, confirm=True):
    return client.post(
        reverse("counselling:contact-erase", kwargs={"pk": contact.pk}),
        {"confirm": "on"} if confirm else {},
    )


def test_the_figures_are_the_same_before_and_after_erasing(
    world, client_for, django_capture_on_commit_callbacks
):
    contact, case = _leyla(world)
    shared = factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        contacts=[contact, Contact.objects.create(name="Berk Yılmaz")],
        project=world.project_x,
    )
    Session.objects.create(
        case=shared,
        held_on=datetime.date(2026, 3, 1),
        duration_minutes=45,
        channel="phone",
        participants="Leyla Aydın",
    )
    services.cases.close_case(case, by=world.advisor_x)
    before = _figures(world.project_x)

    with django_capture_on_commit_callbacks(execute=True):
        _erase(client_for(world.manager_x), contact)

    assert Contact.objects.get(pk=contact.pk).anonymised_at is not None
    assert before["sessions"] == 2 and before["minutes"] == 135
    assert _figures(world.project_x) == before


def test_erasing_blanks_the_person_withdraws_consents_and_blanks_their_requests(
    world, client_for, django_capture_on_commit_callbacks
):
    contact, _case = _leyla(world)
    waiting = _request_at(world.agency_x, user=contact.user, description="Noch eine Frage")

    with django_capture_on_commit_callbacks(execute=True):
        response = _erase(client_for(world.manager_x), contact)

    contact.refresh_from_db()
    assert (contact.name, contact.email, contact.phone) == ("", "", "")
    assert (contact.organization, contact.user, str(contact)) == (None, None, "(anonymised)")
    assert [c.withdrawn_at is not None for c in contact.consents.all()] == [True, True]
    assert contact.consents.first().text.startswith("Ich bin einverstanden")
    for request in Request.objects.filter(contact=contact):
        assert (request.description, request.preferred_times, request.postcode) == ("", "", "")
        assert (request.organization_name, request.requested_by) == ("", None)
    assert Request.objects.get(pk=waiting.pk).status == RequestStatus.WITHDRAWN
    assert response.status_code == 302
    assert response["Location"] == reverse("counselling:contact-detail", kwargs={"pk": contact.pk})


def test_erasing_neutralises_a_case_where_they_are_the_only_contact_and_deletes_its_files(
    world, client_for, django_capture_on_commit_callbacks
):
    contact, case = _leyla(world)
    stored = case.documents.get().file.name

    with django_capture_on_commit_callbacks(execute=True):
        _erase(client_for(world.manager_x), contact)

    case.refresh_from_db()
    session = case.sessions.get()
    # In the platform's language (German), whoever erased: "Fall 2026-00001".
    with translation.override("de"):
        expected = translation.gettext("Case %(reference)s") % {"reference": case.reference}
    assert case.title == services.gdpr.neutral_title(case) == expected
    assert not Note.objects.filter(case=case).exists()
    assert (session.summary, session.participants) == ("", "Berk Yılmaz")
    assert session.next_steps == "Satzungsentwurf bis März schicken"  # the case is still open
    assert not case.documents.exists()
    assert not models.private_storage.exists(stored)
    assert (case.case_type, case.project, case.status) == (
        "process_support",
        world.project_x,
        "open",
    )


def test_a_case_with_another_contact_keeps_its_title_without_the_name_and_its_notes(
    world, client_for, django_capture_on_commit_callbacks
):
    contact, case = _leyla(world)
    case.contacts.add(Contact.objects.create(name="Berk Yılmaz"))

    with django_capture_on_commit_callbacks(execute=True):
        _erase(client_for(world.manager_x), contact)

    case.refresh_from_db()
    assert case.title == "Vereinsgründung …"
    assert Note.objects.filter(case=case).count() == 1
    assert case.sessions.get().participants == "Berk Yılmaz"


def test_the_audit_entry_for_an_erasure_names_nobody(
    world, client_for, django_capture_on_commit_callbacks
):
    contact, _case = _leyla(world)
    client = client_for(world.manager_x)
    _export(client, contact)

    with django_capture_on_commit_callbacks(execute=True):
        _erase(client, contact)

    entries = AuditLogEntry.objects.filter(object_type="counselling.contact")
    assert sorted(entries.values_list("action", flat=True)) == ["delete", "export"]
    text = json.dumps(list(entries.values("object_repr", "changes")), ensure_ascii=False)
    for erased in ("Leyla", "leyla.aydin@example.org", "0151"):
        assert erased not in text


def test_erasing_needs_the_confirmation_box(world, client_for):
    contact, _case = _leyla(world)

    response = client_for(world.manager_x).post(
        reverse("counselling:contact-erase", kwargs={"pk": contact.pk}), follow=True
    )

    assert "Please confirm the erasure by ticking the box." in response.content.decode()
    contact.refresh_from_db()
    assert (contact.name, contact.anonymised_at) == ("Leyla Aydın", None)


def test_erasing_twice_says_it_was_already_done(world):
    contact, _case = _leyla(world)
    services.gdpr.erase_contact(contact, by=world.manager_x)

    with pytest.raises(Exception, match="already been erased"):
        services.gdpr.erase_contact(contact, by=world.manager_x)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leyla Aydın, Berk Yılmaz", "Berk Yılmaz"),
        ("Berk Yılmaz; leyla aydın (Vorsitzende)", "Berk Yılmaz, Vorsitzende"),
        ("Leyla Aydıncı", "Leyla Aydıncı"),
        ("", ""),
    ],
)
def test_a_name_is_removed_from_participants_as_a_whole_word(text, expected):
    assert services.gdpr.remove_name(text, "Leyla Aydın") == expected
