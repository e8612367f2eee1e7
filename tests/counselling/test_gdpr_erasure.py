"""Erasing a person, across agencies: what one agency's manager can reach and erase, what stays
for the others, what an anonymous request can do to an existing record, and that nothing a
staff member typed still names an erased person anywhere in the database."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import empty

from gemeinsam.counselling import (
    models,
    services,
)
from gemeinsam.counselling.models import Case, Contact, Document, Note, Request
from gemeinsam.events import services as event_services
from gemeinsam.events.models import Question, Registration
from tests import factories
from tests.api_support import API
from tests.personal_data_scan import rows_naming

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
NAME, EMAIL, PHONE = "Leyla Aydın", "leyla.aydin@example.org", "0151 2345678"
# What must be gone: the whole name, each part of it, the address and the phone's digits.
TRACES = ("Leyla", "Aydın", EMAIL, "2345678")


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path):
    settings.GEMEINSAM_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    models.private_storage._wrapped = empty
    yield
    models.private_storage._wrapped = empty


@pytest.fixture
def manager_y(world):
    """The manager of agency Y (the world has advisor Y only)."""
    user = factories.make_user("manager.y@example.org", name="Yasemin Öztürk")
    factories.make_staff(world.agency_y, user=user, role="manager")
    return user


def _client_of(world, agency, *, user=None, email=EMAIL, name=NAME):
    """Leyla, counselled by `agency`: her request there and an open case on it."""
    request = factories.make_request(user=user, email=email, name=name, phone=PHONE)
    Request.objects.filter(pk=request.pk).update(agency=agency)
    advisor = world.advisor_x if agency == world.agency_x else world.advisor_y
    case = factories.make_case(
        agency,
        advisors=[advisor],
        organizations=[world.org_a],
        contacts=[request.contact],
        title=f"Vereinsgründung {NAME}",
        request=request,
    )
    services.timeline.add_note(case, body=f"Anruf von {NAME}: Streit im Vorstand", by=advisor)
    return request.contact, case


def _upload(client, case, name):
    return client.post(
        reverse("counselling:document-upload", kwargs={"pk": case.pk}),
        {"file": SimpleUploadedFile(name, PDF)},
        format="multipart",
    )


def _erase(client, contact):
    return client.post(
        reverse("counselling:contact-erase", kwargs={"pk": contact.pk}), {"confirm": "on"}
    )


def _ask_anonymously(**fields):
    payload = {
        "topics": ["association_founding"],
        "description": "Ich brauche Hilfe.",
        "channel": "phone",
        "consent": True,
        **fields,
    }
    return Client().post(
        f"{API}/counselling/requests", data=payload, content_type="application/json"
    )


# --- H1 and M1: an anonymous request from a region no agency covers ------------------------------


def test_an_anonymous_request_with_a_clients_address_reaches_neither_the_client_nor_their_record(
    world, manager_y, client_for
):
    leyla, case = _client_of(world, world.agency_x)

    response = _ask_anonymously(name="Someone", email=EMAIL, phone="0176 5550000", postcode="01067")

    assert (response.status_code, response.json()["agency"]) == (201, None)
    request = Request.objects.get(pk=response.json()["id"])
    assert request.contact_id != leyla.pk
    leyla.refresh_from_db()
    assert (leyla.name, leyla.email, leyla.phone) == (NAME, EMAIL, PHONE)
    # Agency Y's manager sees the request in the queue, and nothing more.
    via = client_for(manager_y)
    queue = via.get(reverse("counselling:intake", kwargs={"agency": world.agency_y.slug}))
    assert "Someone" in queue.content.decode()
    for name in ("contact-detail", "contact-export"):
        page = via.get(reverse(f"counselling:{name}", kwargs={"pk": leyla.pk}))
        assert page.status_code == 404
        assert NAME not in page.content.decode()
    erase = _erase(via, leyla)
    assert erase.status_code == 404
    case.refresh_from_db()
    assert (case.title, Note.objects.filter(case=case).count()) == (f"Vereinsgründung {NAME}", 1)


def test_an_unrouted_request_does_not_open_its_senders_record_to_every_agency(
    world, manager_y, client_for
):
    """A logged-in client of X asks again from a region nobody covers: the request is theirs,
    in every queue, but Y's manager still cannot open or erase the person."""
    member = factories.make_user("leyla.konto@example.org", name=NAME)
    leyla, case = _client_of(world, world.agency_x, user=member)
    again = factories.make_request(user=member, postcode="01067", federal_state="")
    assert (again.agency, again.contact_id) == (None, leyla.pk)

    via = client_for(manager_y)
    detail = via.get(reverse("counselling:request-detail", kwargs={"pk": again.pk}))
    person = via.get(reverse("counselling:contact-detail", kwargs={"pk": leyla.pk}))

    assert "Wir möchten einen Verein gründen" in detail.content.decode()
    assert person.status_code == 404
    assert _erase(via, leyla).status_code == 404
    assert Case.objects.get(pk=case.pk).title == f"Vereinsgründung {NAME}"


# --- M1: merging only on the staff's word ---------------------------------------------------------


def test_staff_merge_a_new_request_into_the_person_their_agency_already_counsels(world, client_for):
    leyla, _case = _client_of(world, world.agency_x)
    newer = factories.make_request(email=EMAIL.upper(), name="L. Aydın", phone="")
    Request.objects.filter(pk=newer.pk).update(agency=world.agency_x)
    client = client_for(world.advisor_x)
    url = reverse("counselling:request-detail", kwargs={"pk": newer.pk})

    page = client.get(url)
    assert "Someone your agency already counsels?" in page.content.decode()
    assert f"{NAME} ({EMAIL}, {PHONE})" in page.content.decode()
    response = client.post(
        reverse("counselling:request-merge", kwargs={"pk": newer.pk}), {"merge-into": leyla.pk}
    )

    assert response["Location"] == f"{url}?from={world.agency_x.slug}"
    assert not Contact.objects.filter(pk=newer.contact_id).exists()
    newer.refresh_from_db()
    leyla.refresh_from_db()
    assert newer.contact_id == leyla.pk
    assert (leyla.name, leyla.phone) == (NAME, PHONE)  # known details stay
    assert leyla.consents.count() == 2
    followed = client.get(url)
    assert "The two records are now one." in followed.content.decode()
    assert "Someone your agency already counsels?" not in followed.content.decode()


def test_staff_cannot_merge_into_a_person_of_another_agency(world, client_for):
    other, _case = _client_of(world, world.agency_y)
    newer = factories.make_request(email=EMAIL, name="Someone")
    Request.objects.filter(pk=newer.pk).update(agency=world.agency_x)
    client = client_for(world.advisor_x)

    page = client.get(reverse("counselling:request-detail", kwargs={"pk": newer.pk}))
    response = client.post(
        reverse("counselling:request-merge", kwargs={"pk": newer.pk}), {"merge-into": other.pk}
    )

    assert "Someone your agency already counsels?" not in page.content.decode()
    assert (
        "Choose one of the people your agency counsels with the same address or phone."
        in response.content.decode()
    )
    newer.refresh_from_db()
    assert newer.contact_id != other.pk
    assert Contact.objects.get(pk=other.pk).name == NAME


# --- H1: erasing across agencies ------------------------------------------------------------------


def test_an_agency_erases_only_what_it_holds_and_the_other_agencys_managers_are_told(
    world, manager_y, client_for, run_jobs, mailoutbox, django_capture_on_commit_callbacks
):
    leyla, case_x = _client_of(world, world.agency_x)
    case_y = factories.make_case(
        world.agency_y,
        advisors=[world.advisor_y],
        contacts=[leyla],
        title=f"Beratung Süd {NAME}",
    )
    services.timeline.add_note(case_y, body=f"{NAME} kommt dienstags", by=world.advisor_y)
    _upload(client_for(world.advisor_y), case_y, f"Satzung {NAME}.pdf")
    stored = Document.objects.get(case=case_y).file.name
    event_x = factories.make_event(world.agency_x, "Workshop Nord")
    event_y = factories.make_event(world.agency_y, "Workshop Süd")
    for event in (event_x, event_y):
        event_services.register(event, [factories.person(NAME, email=EMAIL)], consent=True)
    run_jobs()
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = _erase(client_for(world.manager_x), leyla)
    run_jobs()

    # Y's case, notes, document and file are as they were; the person is still Y's client.
    case_y.refresh_from_db()
    assert case_y.title == f"Beratung Süd {NAME}"
    assert [n.body for n in Note.objects.filter(case=case_y)] == [f"{NAME} kommt dienstags"]
    assert models.private_storage.exists(stored)
    leyla.refresh_from_db()
    assert (leyla.name, leyla.email, leyla.phone, leyla.anonymised_at) == (
        NAME,
        EMAIL,
        PHONE,
        None,
    )
    assert list(case_y.contacts.all()) == [leyla]
    # X holds nothing of hers any more.
    case_x.refresh_from_db()
    assert NAME not in case_x.title and not Note.objects.filter(case=case_x).exists()
    assert not case_x.contacts.filter(pk=leyla.pk).exists()
    assert not Request.objects.filter(contact=leyla, agency=world.agency_x).exists()
    registrations = dict(Registration.objects.values_list("event__title", "name"))
    assert registrations == {"Workshop Nord": "", "Workshop Süd": NAME}
    # X's manager is told the same as always, and no longer reaches her.
    assert response["Location"] == reverse(
        "counselling:contact-list", kwargs={"agency": world.agency_x.slug}
    )
    assert (
        client_for(world.manager_x)
        .get(reverse("counselling:contact-detail", kwargs={"pk": leyla.pk}))
        .status_code
        == 404
    )
    # Y's manager gets a mail with the link to her page, which still shows her.
    [mail] = mailoutbox
    assert mail.to == [manager_y.email]
    # In the manager's language (German by default).
    assert mail.subject == (
        "Eine Person, die Ihr Träger berät, hat um die Löschung ihrer Daten gebeten"
    )
    assert "Gelöscht von: Kompetenzzentrum Migration Nord" in mail.body
    assert f"/de/counselling/manage/people/{leyla.pk}/" in mail.body  # her language: German
    assert world.agency_x.name in mail.body and NAME not in mail.body
    page = client_for(manager_y).get(reverse("counselling:contact-detail", kwargs={"pk": leyla.pk}))
    assert NAME in page.content.decode()


def test_the_erasure_message_does_not_tell_whether_other_agencies_hold_the_person(
    world, client_for, django_capture_on_commit_callbacks
):
    alone, _case = _client_of(world, world.agency_x)
    shared, _case = _client_of(world, world.agency_x, email="zweite@example.org", name="Nur X")
    factories.make_case(world.agency_y, advisors=[world.advisor_y], contacts=[shared])
    client = client_for(world.manager_x)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(
            reverse("counselling:contact-erase", kwargs={"pk": alone.pk}),
            {"confirm": "on"},
            follow=True,
        )
        second = client.post(
            reverse("counselling:contact-erase", kwargs={"pk": shared.pk}),
            {"confirm": "on"},
            follow=True,
        )

    messages = [[str(m) for m in r.context["messages"]] for r in (first, second)]
    assert messages[0] == messages[1]
    assert "If other agencies hold data about the person" in messages[0][0]


# --- M3: nothing typed about the person survives their erasure ------------------------------------


def test_after_erasing_no_text_column_of_any_table_names_the_person(
    world, client_for, run_jobs, django_capture_on_commit_callbacks
):
    """Her name goes into every free-text field a staff member can type into, and into her own
    requests and registrations; after the erasure, no text column of any table names her."""
    leyla, case = _client_of(world, world.agency_x)
    berk = Contact.objects.create(name="Berk Yılmaz", email="berk@example.org")
    shared = factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        contacts=[leyla, berk],
        title=f"Vorstand: {NAME} und Berk Yılmaz",
    )
    advisor = world.advisor_x
    for on in (case, shared):
        services.timeline.add_session(
            on,
            by=advisor,
            held_on=datetime.date(2026, 2, 3),
            duration_minutes=60,
            channel="video",
            participants=f"{NAME}, Berk Yılmaz",
            summary=f"{NAME} will zurücktreten",
            next_steps=f"Frau Aydın schickt die Satzung ({EMAIL}, {PHONE})",
        )
        services.timeline.add_task(on, by=advisor, title=f"{NAME} zurückrufen", assignee=advisor)
        services.timeline.add_outcome(
            on,
            by=advisor,
            kind="association_registered",
            achieved_on=datetime.date(2026, 3, 1),
            comment=f"Eingetragen dank {NAME}",
        )
        services.timeline.add_note(on, body=f"Leyla ruft an unter {PHONE}", by=advisor)
        services.appointments.create_appointment(
            agency=world.agency_x,
            case=on,
            data=services.appointments.AppointmentData(
                title=f"Termin mit {NAME}",
                starts_at=timezone.now() + datetime.timedelta(days=3),
                ends_at=timezone.now() + datetime.timedelta(days=3, hours=1),
                channel="in_person",
                advisor=advisor,
                location=f"bei {NAME} zu Hause",
                attendees=[leyla],
            ),
            by=advisor,
        )
        assert _upload(client_for(advisor), on, f"Pass {NAME}.pdf").status_code == 302
        document = Document.objects.filter(case=on).latest("pk")
        client_for(advisor).get(
            reverse("counselling:document-download", kwargs={"pk": on.pk, "doc": document.pk})
        )
        services.timeline.break_glass(
            on, world.manager_x, reason=f"{NAME} beschwert sich über die Beratung"
        )
    declined = factories.make_request(email=EMAIL, name=NAME, description=f"Ich bin {NAME}")
    Request.objects.filter(pk=declined.pk).update(agency=world.agency_x)
    declined.refresh_from_db()
    services.intake.merge_contact(declined, into=leyla, by=advisor)
    services.intake.decline_request(declined, reason=f"{NAME} wohnt außerhalb", by=advisor)
    event = factories.make_event(world.agency_x, "Workshop Förderanträge")
    question = Question.objects.create(event=event, label="Kinderbetreuung?", kind="text")
    event_services.register(
        event,
        [factories.person(NAME, email=EMAIL, answers={question.pk: f"{NAME} bringt zwei Kinder"})],
        consent=True,
    )
    client_for(world.manager_x).get(reverse("counselling:contact-export", kwargs={"pk": leyla.pk}))
    run_jobs()
    assert {table for table, *_rest in rows_naming(*TRACES)} >= {
        "counselling_case",
        "counselling_session",
        "counselling_note",
        "counselling_task",
        "counselling_outcome",
        "counselling_appointment",
        "counselling_breakglass",
        "counselling_accesslogentry",
        "counselling_document",
        "counselling_request",
        "counselling_contact",
        "events_registration",
        "events_answer",
    }

    with django_capture_on_commit_callbacks(execute=True):
        _erase(client_for(world.manager_x), leyla)

    assert rows_naming(*TRACES) == []
    # Berk stays on the shared case, with his name.
    assert Case.objects.get(pk=shared.pk).title == "Vorstand: … und Berk Yılmaz"
    named = Case.objects.get(pk=shared.pk).contacts.filter(anonymised_at__isnull=True)
    assert list(named) == [berk]
