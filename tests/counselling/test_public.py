"""Asking for counselling on the web, following the request by its link, and what members see of
their organizations' cases (the shared parts only)."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import empty

from gemeinsam.counselling import models as counselling_models
from gemeinsam.counselling import services, throttle
from gemeinsam.counselling.models import (
    AccessLogEntry,
    Appointment,
    ConsentRecord,
    Contact,
    CoverageArea,
    Document,
    Request,
    Session,
)
from tests import factories


def _url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"counselling:{name}", kwargs=kwargs)


def _page(response) -> str:
    return response.content.decode()


def _form(**overrides) -> dict:
    data = {
        "topics": [t.pk for t in factories.topics("association_founding")],
        "description": "Wir möchten einen Verein gründen und brauchen Hilfe bei der Satzung.",
        "channel": "video",
        "preferred_times": "abends nach 18 Uhr",
        "name": "Leyla Aydın",
        "email": "leyla@example.org",
        "phone": "",
        "organization_name": "Frauenverein Al-Amal",
        "postcode": "",
        "federal_state": "HH",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def hamburg(world):
    """Agency X takes requests from Hamburg."""
    CoverageArea.objects.create(agency=world.agency_x, federal_state="HH")
    world.agency_x.email = "beratung@agency-x.example.org"
    world.agency_x.phone = "040 123456"
    world.agency_x.save()
    return world.agency_x


# --- Asking -------------------------------------------------------------------------------------


def test_a_visitors_request_is_stored_routed_and_confirmed_in_their_language(
    world, hamburg, run_jobs, mailoutbox
):
    response = Client().post(_url("request-create", "ar"), _form())
    request = Request.objects.get()
    assert response["Location"] == _url("request-status", "ar", token=request.token)
    assert (request.agency, request.routed_by, request.channel, request.organization_name) == (
        hamburg,
        "federal_state",
        "video",
        "Frauenverein Al-Amal",
    )
    assert (request.contact.name, request.contact.email, request.contact.preferred_language) == (
        "Leyla Aydın",
        "leyla@example.org",
        "ar",
    )
    consent = ConsentRecord.objects.get(contact=request.contact)
    assert consent.text_version == "2026-01"
    run_jobs()
    [mail] = mailoutbox
    assert mail.to == ["leyla@example.org"]
    assert f"/ar/counselling/requests/{request.token}/" in mail.body
    assert "تأسيس جمعية" in mail.body  # the topic, in Arabic
    assert "beratung@agency-x.example.org" in mail.body


def test_after_sending_the_visitor_lands_on_the_status_page_with_a_message(world, hamburg):
    response = Client().post(_url("request-create"), _form(), follow=True)
    page = _page(response)
    assert "We have received your request and sent you a confirmation" in page
    assert "Received, waiting for an answer" in page
    assert "Kompetenzzentrum Migration Nord" in page
    assert "040 123456" in page


def test_a_filled_honeypot_looks_like_success_and_stores_nothing(world, hamburg, mailoutbox):
    response = Client().post(
        _url("request-create"), _form(website="https://spam.example.org"), follow=True
    )
    assert "Thank you. We have received your request." in _page(response)
    assert (Request.objects.count(), Contact.objects.count()) == (0, 0)


def test_the_honeypot_is_hidden_from_people_and_screen_readers(world):
    page = _page(Client().get(_url("request-create")))
    assert '<div class="visually-hidden" aria-hidden="true">' in page
    assert 'name="website" tabindex="-1"' in page


def test_the_sixth_request_within_the_hour_from_one_address_is_refused(world, hamburg, settings):
    settings.GEMEINSAM_REQUEST_RATE = "5/h"
    client = Client(REMOTE_ADDR="198.51.100.7")
    answers = [client.post(_url("request-create"), _form()).status_code for _ in range(5)]
    refused = client.post(_url("request-create"), _form())
    assert answers == [302] * 5
    assert refused.status_code == 429
    assert "You have sent too many requests in a short time." in _page(refused)
    assert Request.objects.count() == 5
    # Another address is not affected.
    other = Client(REMOTE_ADDR="203.0.113.9").post(_url("request-create"), _form())
    assert (other.status_code, Request.objects.count()) == (302, 6)


def test_a_form_with_errors_does_not_count_against_the_limit(world, hamburg, settings):
    settings.GEMEINSAM_REQUEST_RATE = "1/h"
    client = Client(REMOTE_ADDR="198.51.100.8")
    client.post(_url("request-create"), _form(consent=None))
    sent = client.post(_url("request-create"), _form())
    assert (sent.status_code, Request.objects.count()) == (302, 1)


def test_the_limit_is_read_like_the_apis_rates():
    assert throttle.parse_rate("5/h") == (5, 3600)
    assert throttle.parse_rate("10/15m") == (10, 900)
    assert throttle.parse_rate("100/day") == (100, 86400)
    assert throttle.parse_rate("") is None
    with pytest.raises(ValueError):
        throttle.parse_rate("five per hour")


def test_a_visitor_without_email_or_phone_is_asked_for_one(world):
    response = Client().post(_url("request-create"), _form(email="", phone=""))
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Please give an email address or a phone number for the answer."
    ]
    assert Request.objects.count() == 0


def test_a_phone_number_alone_is_enough(world, hamburg, mailoutbox):
    response = Client().post(_url("request-create"), _form(email="", phone="+49 40 1234567"))
    request = Request.objects.get()
    assert response["Location"] == _url("request-status", token=request.token)
    assert (request.contact.phone, mailoutbox) == ("+49 40 1234567", [])


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"topics": []}, "topics"),
        ({"consent": None}, "consent"),
        ({"description": "x" * 4001}, "description"),
        ({"postcode": "1234"}, "postcode"),
        ({"phone": "call me<script>"}, "phone"),
        ({"email": "not-an-address"}, "email"),
        ({"channel": "pigeon"}, "channel"),
    ],
)
def test_bad_input_is_marked_at_its_field_and_nothing_is_stored(world, overrides, field):
    response = Client().post(_url("request-create"), _form(**overrides))
    assert list(response.context["form"].errors) == [field]
    assert Request.objects.count() == 0


def test_a_members_form_is_prefilled_with_their_organization(world, client_for):
    world.org_a.postcode = "20095"
    world.org_a.save()
    form = client_for(world.member_a).get(_url("request-create")).context["form"]
    assert form["organization"].value() == world.org_a.pk
    assert (form["postcode"].value(), form["federal_state"].value()) == ("20095", "NW")
    assert "email" not in form.fields


def test_someone_without_an_organization_types_its_name(world, client_for):
    form = client_for(world.advisor_x).get(_url("request-create")).context["form"]
    assert ("organization" in form.fields, "organization_name" in form.fields) == (False, True)


def test_a_members_request_carries_the_organization_and_shows_on_their_page(
    world, hamburg, client_for
):
    client = client_for(world.member_a)
    data = _form(name=None, email=None, organization=world.org_a.pk, organization_name="")
    client.post(_url("request-create"), data)
    request = Request.objects.get()
    assert (request.organization, request.requested_by, request.contact.user) == (
        world.org_a,
        world.member_a,
        world.member_a,
    )
    page = _page(client.get(_url("my-counselling")))
    assert _url("request-status", token=request.token) in page
    assert "Founding an association" in page
    assert "Received, waiting for an answer" in page


def test_a_member_cannot_ask_in_the_name_of_another_organization(world, client_for):
    data = _form(name=None, email=None, organization=world.org_b.pk)
    response = client_for(world.member_a).post(_url("request-create"), data)
    assert list(response.context["form"].errors) == ["organization"]
    assert Request.objects.count() == 0


# --- Following the request ----------------------------------------------------------------------


def test_the_status_page_says_when_a_request_was_passed_on(world, hamburg):
    request = factories.make_request(federal_state="HH")
    services.intake.forward_request(
        request, to_agency=world.agency_y, reason="Näher am Wohnort", by=world.advisor_x
    )
    page = _page(Client().get(_url("request-status", token=request.token)))
    assert "Passed on to another agency" in page
    assert "Integrationsagentur Süd" in page
    assert "Näher am Wohnort" not in page  # the reason between agencies is theirs


def test_the_status_page_gives_the_reason_for_a_decline(world, hamburg):
    request = factories.make_request(federal_state="HH")
    services.intake.decline_request(
        request, reason="Bitte wenden Sie sich an die Verbraucherzentrale.", by=world.advisor_x
    )
    page = _page(Client().get(_url("request-status", token=request.token)))
    assert "Declined" in page
    assert "Bitte wenden Sie sich an die Verbraucherzentrale." in page
    assert "Withdraw my request" not in page


def test_no_cache_keeps_a_copy_of_the_status_page(world):
    request = factories.make_request(federal_state="")
    response = Client().get(_url("request-status", token=request.token))
    assert "no-store" in response["Cache-Control"]


def test_a_new_request_can_be_withdrawn_once(world, hamburg):
    request = factories.make_request(federal_state="HH")
    url = _url("request-withdraw", token=request.token)
    first = Client().post(url, follow=True)
    request.refresh_from_db()
    assert request.status == "withdrawn"
    assert "You have withdrawn your request." in _page(first)
    again = Client().post(url, follow=True)
    assert "This request has already been dealt with." in _page(again)


def test_withdrawing_needs_a_post(world):
    request = factories.make_request(federal_state="")
    response = Client().get(_url("request-withdraw", token=request.token))
    request.refresh_from_db()
    assert (response.status_code, request.status) == (405, "new")


# --- Shared cases -------------------------------------------------------------------------------


@pytest.fixture
def private_root(tmp_path):
    storage = counselling_models.private_storage
    storage._wrapped = FileSystemStorage(location=tmp_path)
    yield tmp_path
    storage._wrapped = empty


def _document(case, name: str, *, shared: bool, content: bytes = b"%PDF-1.7\n") -> Document:
    document = Document(
        case=case,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        is_shared=shared,
    )
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


@pytest.fixture
def case_of_a(world):
    return factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        organizations=[world.org_a],
        title="Vereinsgründung Frauenverein Al-Amal",
    )


def test_a_member_of_another_organization_gets_neither_the_case_nor_its_documents(
    world, client_for, case_of_a, private_root
):
    document = _document(case_of_a, "satzung.pdf", shared=True)
    client = client_for(world.member_b)
    case_page = client.get(_url("shared-case", pk=case_of_a.pk))
    download = client.get(_url("shared-document", pk=case_of_a.pk, doc=document.pk))
    listed = _page(client.get(_url("my-counselling")))
    assert (case_page.status_code, download.status_code) == (404, 404)
    assert "Frauenverein Al-Amal" not in listed


def test_the_shared_case_shows_next_steps_but_never_summaries_notes_or_unshared_documents(
    world, client_for, case_of_a, private_root
):
    Session.objects.create(
        case=case_of_a,
        held_on=datetime.date(2026, 2, 3),
        duration_minutes=60,
        channel="video",
        summary="Streit im Vorstand über die Kasse",
        next_steps="Satzungsentwurf bis Freitag an die Beraterin schicken",
        advisor=world.advisor_x,
    )
    services.timeline.add_note(
        case_of_a, body="Vertraulich: Kassenprüfung steht aus", by=world.advisor_x
    )
    _document(case_of_a, "satzung-entwurf.pdf", shared=True)
    _document(case_of_a, "interne-einschaetzung.pdf", shared=False)
    case_of_a.tasks.create(title="Gründungsprotokoll unterschreiben", is_shared=True)
    case_of_a.tasks.create(title="Rückruf Finanzamt (intern)", is_shared=False)
    starts = timezone.now() + datetime.timedelta(days=3)
    appointment = Appointment.objects.create(
        case=case_of_a,
        agency=world.agency_x,
        advisor=world.advisor_x,
        title="Zweites Beratungsgespräch",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        channel="video",
    )
    page = _page(client_for(world.member_a).get(_url("shared-case", pk=case_of_a.pk)))
    assert "Satzungsentwurf bis Freitag an die Beraterin schicken" in page
    assert "satzung-entwurf.pdf" in page
    assert "Gründungsprotokoll unterschreiben" in page
    assert "Xenia Wolff" in page
    assert _url("appointment-ics", pk=appointment.pk) in page
    for secret in [
        "Streit im Vorstand",
        "Kassenprüfung",
        "interne-einschaetzung.pdf",
        "Rückruf Finanzamt",
    ]:
        assert secret not in page


def test_a_shared_document_downloads_under_its_own_name_and_the_read_is_logged(
    world, client_for, case_of_a, private_root
):
    document = _document(case_of_a, "Satzung (Entwurf).pdf", shared=True, content=b"%PDF-1.7 x")
    response = client_for(world.member_a).get(
        _url("shared-document", pk=case_of_a.pk, doc=document.pk)
    )
    assert b"".join(response.streaming_content) == b"%PDF-1.7 x"
    assert response["Content-Disposition"] == 'attachment; filename="Satzung (Entwurf).pdf"'
    assert response["Content-Type"] == "application/pdf"
    entry = AccessLogEntry.objects.get(case=case_of_a)
    assert (entry.user, entry.kind, entry.object_repr) == (
        world.member_a,
        "read_document",
        "Satzung (Entwurf).pdf",
    )


def test_an_unshared_document_is_not_there_for_the_member(
    world, client_for, case_of_a, private_root
):
    document = _document(case_of_a, "intern.pdf", shared=False)
    response = client_for(world.member_a).get(
        _url("shared-document", pk=case_of_a.pk, doc=document.pk)
    )
    assert (response.status_code, AccessLogEntry.objects.count()) == (404, 0)


def test_a_document_whose_file_is_gone_is_a_404_not_an_error(
    world, client_for, case_of_a, private_root
):
    document = _document(case_of_a, "weg.pdf", shared=True)
    counselling_models.private_storage.delete(document.file.name)
    response = client_for(world.member_a).get(
        _url("shared-document", pk=case_of_a.pk, doc=document.pk)
    )
    assert (response.status_code, response["Content-Type"]) == (404, "text/html; charset=utf-8")


def test_a_contact_person_with_an_account_sees_the_case_too(world, client_for):
    contact = services.public.contact_for(by=world.member_b)
    case = factories.make_case(world.agency_y, advisors=[world.advisor_y], contacts=[contact])
    client = client_for(world.member_b)
    assert client.get(_url("shared-case", pk=case.pk)).status_code == 200
    assert _url("shared-case", pk=case.pk) in _page(client.get(_url("my-counselling")))


# --- Query counts -------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    return len(ctx.captured_queries)


def test_my_counselling_costs_the_same_for_three_requests_and_cases_as_for_one(
    world, client_for, django_assert_num_queries
):
    client = client_for(world.member_a)

    def grow(i):
        factories.make_request(user=world.member_a, email="", federal_state="")
        factories.make_case(
            world.agency_x,
            advisors=[world.advisor_x],
            organizations=[world.org_a],
            title=f"Fall {i}",
        )

    grow(0)
    one = _queries(client, _url("my-counselling"))
    grow(1)
    grow(2)
    with django_assert_num_queries(one):
        page = _page(client.get(_url("my-counselling")))
    assert "Fall 2" in page


def test_the_shared_case_costs_the_same_for_three_entries_as_for_one(
    world, client_for, case_of_a, private_root, django_assert_num_queries
):
    client = client_for(world.member_a)

    def grow(i):
        Session.objects.create(
            case=case_of_a,
            held_on=datetime.date(2026, 2, 1 + i),
            duration_minutes=30,
            channel="phone",
            next_steps=f"Schritt {i}",
        )
        case_of_a.tasks.create(title=f"Aufgabe {i}", is_shared=True)
        _document(case_of_a, f"datei-{i}.pdf", shared=True)

    grow(0)
    one = _queries(client, _url("shared-case", pk=case_of_a.pk))
    grow(1)
    grow(2)
    with django_assert_num_queries(one):
        page = _page(client.get(_url("shared-case", pk=case_of_a.pk)))
    assert "Schritt 2" in page
