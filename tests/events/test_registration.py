"""Registering for events on the web: the form, groups, and the personal page behind the link."""

from __future__ import annotations

import datetime
import re

import icalendar
import pytest
import segno
from django.core import mail
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from gemeinsam.events import services
from gemeinsam.events.models import Question, Registration
from tests import factories


def _url(name: str, language: str = "en", **kwargs) -> str:
    with translation.override(language):
        return reverse(f"events:{name}", kwargs=kwargs)


def _page(response) -> str:
    return response.content.decode()


@pytest.fixture
def event(world):
    event = factories.make_event(
        world.agency_x,
        "Workshop Vereinsfinanzen",
        capacity=2,
        consent_text="Wir speichern Ihre Angaben bis zum Ende des Projekts.",
    )
    Question.objects.create(
        event=event, label="Interpretation", kind="single", choices=["ar", "tr"], required=True
    )
    Question.objects.create(
        event=event, label="Food", kind="multiple", choices=["vegan", "halal"], position=1
    )
    Question.objects.create(event=event, label="Step-free access", kind="checkbox", position=2)
    Question.objects.create(event=event, label="Anything else", kind="text", position=3)
    return event


def _answers(event, **values) -> dict:
    by_label = {q.label: f"question_{q.pk}" for q in event.questions.all()}
    return {by_label[label]: value for label, value in values.items()}


def _form(event, **overrides) -> dict:
    data = {
        "name": "Leyla Aydın",
        "email": "leyla@example.org",
        "organization_name": "",
        "consent": "on",
        **_answers(event, Interpretation="ar", Food=["vegan", "halal"]),
    }
    data.update(overrides)
    return data


def _register(event, name="Leyla Aydın", email=None, **extra) -> Registration:
    outcome = services.register(event, [factories.person(name, email, **extra)], consent=True)
    return outcome.registrations[0]


# --- The form -----------------------------------------------------------------------------------


def test_a_visitor_registers_with_answers_and_lands_on_the_personal_page(event, client):
    response = client.post(_url("registration-create", slug=event.slug), _form(event))
    registration = Registration.objects.get(event=event)
    assert response["Location"] == _url("registration-detail", token=registration.token)
    assert (registration.name, registration.email, registration.status) == (
        "Leyla Aydın",
        "leyla@example.org",
        "confirmed",
    )
    assert registration.language == "en"
    assert {a.question.label: a.value for a in registration.answers.all()} == {
        "Interpretation": "ar",
        "Food": ["vegan", "halal"],
        "Step-free access": False,
    }
    assert registration.consent_text == event.consent_text
    followed = client.get(response["Location"])
    assert "You are registered." in _page(followed)


def test_the_registration_takes_the_language_of_the_page(event, client):
    client.post(_url("registration-create", "ar", slug=event.slug), _form(event))
    assert Registration.objects.get(event=event).language == "ar"


def test_the_form_shows_every_question_with_a_legend_for_choices(event, client):
    page = _page(client.get(_url("registration-create", slug=event.slug)))
    # On an English page, the German questions are marked as German.
    assert (
        '<legend><span lang="de" dir="ltr">Interpretation</span> '
        '<span class="required">(required)</span></legend>'
    ) in page
    assert '<legend><span lang="de" dir="ltr">Food</span></legend>' in page
    assert 'type="radio" name="question_' in page
    assert 'type="checkbox" name="question_' in page
    assert "Wir speichern Ihre Angaben bis zum Ende des Projekts." in page


def test_a_bad_email_and_an_overlong_name_are_explained_and_nothing_is_saved(event, client):
    response = client.post(
        _url("registration-create", slug=event.slug),
        _form(event, name="x" * 201, email="leyla-at-example"),
    )
    page = _page(response)
    assert Registration.objects.count() == 0
    assert "Enter a valid email address." in page
    assert "Ensure this value has at most 200 characters (it has 201)." in page
    assert 'aria-describedby="id_email_helptext id_email_error"' in page


def test_errors_are_in_the_language_of_the_page(event, client):
    page = _page(
        client.post(_url("registration-create", "de", slug=event.slug), _form(event, email="x"))
    )
    assert "Bitte gültige E-Mail-Adresse eingeben." in page


def test_a_missing_required_answer_is_marked_on_its_question(event, client):
    interpretation = event.questions.get(label="Interpretation")
    data = _form(event)
    del data[f"question_{interpretation.pk}"]
    page = _page(client.post(_url("registration-create", slug=event.slug), data))
    assert Registration.objects.count() == 0
    assert f'<ul class="errorlist" id="id_question_{interpretation.pk}_error">' in page
    assert "This field is required." in page


def test_a_choice_the_event_does_not_offer_is_refused(event, client):
    page = _page(
        client.post(
            _url("registration-create", slug=event.slug),
            _form(event, **_answers(event, Interpretation="fr")),
        )
    )
    assert Registration.objects.count() == 0
    assert "Select a valid choice. fr is not one of the available choices." in page


def test_consent_is_needed_when_the_event_asks_for_it(event, client):
    data = _form(event)
    del data["consent"]
    page = _page(client.post(_url("registration-create", slug=event.slug), data))
    assert Registration.objects.count() == 0
    assert "Please agree to the consent text." in page


def test_a_second_registration_sends_the_link_again_without_showing_it(event, client, run_jobs):
    first = _register(event, email="leyla@example.org")
    run_jobs()
    mail.outbox.clear()
    response = client.post(_url("registration-create", slug=event.slug), _form(event))
    page = _page(response)
    assert Registration.objects.filter(event=event).count() == 1
    assert "leyla@example.org is already registered for this event." in page
    assert "We have sent the personal link to this address again." in page
    assert first.token not in page
    # Sent over and over, the form mails the link once in ten minutes, not once each time.
    for _ in range(2):
        again = _page(client.post(_url("registration-create", slug=event.slug), _form(event)))
        assert "leyla@example.org is already registered for this event." in again
    run_jobs()
    assert [(m.to, first.token in m.body) for m in mail.outbox] == [(["leyla@example.org"], True)]
    assert mail.outbox[0].subject == "Ihre Anmeldung: Workshop Vereinsfinanzen"


def test_a_registration_before_the_window_opens_is_refused_with_the_date(world, client):
    opens = timezone.now() + datetime.timedelta(days=3)
    event = factories.make_event(world.agency_x, registration_opens_at=opens)
    page = _page(client.get(_url("registration-create", slug=event.slug)))
    posted = _page(
        client.post(
            _url("registration-create", slug=event.slug),
            {"name": "Leyla", "email": "leyla@example.org"},
        )
    )
    assert "Registration opens on" in page
    assert '<form method="post" novalidate>' not in page
    assert "Registration opens on" in posted
    assert Registration.objects.count() == 0


def test_a_past_event_takes_no_registrations(world, client):
    event = factories.make_event(world.agency_x, starts_in=datetime.timedelta(days=-2))
    response = client.post(
        _url("registration-create", slug=event.slug),
        {"name": "Leyla", "email": "leyla@example.org"},
    )
    assert "This event has already taken place." in _page(response)
    assert Registration.objects.count() == 0


def test_a_full_event_puts_the_visitor_on_the_waiting_list(event, client):
    _register(event)
    _register(event)
    form_page = _page(client.get(_url("registration-create", slug=event.slug)))
    response = client.post(_url("registration-create", slug=event.slug), _form(event), follow=True)
    assert "Join the waiting list" in form_page
    assert Registration.objects.get(email="leyla@example.org").status == "waitlisted"
    assert "You are number 1 on the waiting list." in _page(response)


def test_a_member_finds_their_own_organization_preselected(world, event, client_for):
    client = client_for(world.member_a)
    page = _page(client.get(_url("registration-create", slug=event.slug)))
    response = client.post(
        _url("registration-create", slug=event.slug),
        _form(event, organization=world.org_a.pk, email="member.a@example.org"),
    )
    registration = Registration.objects.get(event=event)
    assert f'<option value="{world.org_a.pk}" selected>' in page
    assert 'value="Amal Haddad"' in page
    assert response.status_code == 302
    assert (registration.organization, registration.user) == (world.org_a, world.member_a)


def test_a_typed_organization_name_is_matched_to_the_directory(world, event, client):
    client.post(
        _url("registration-create", slug=event.slug),
        _form(event, organization_name="verein b für kultur"),
    )
    client.post(
        _url("registration-create", slug=event.slug),
        _form(event, email="omar@example.org", organization_name="Nachbarschaftsinitiative"),
    )
    first, second = Registration.objects.order_by("id")
    assert (first.organization, first.organization_name) == (world.org_b, "")
    assert (second.organization, second.organization_name) == (None, "Nachbarschaftsinitiative")


def test_a_private_organization_is_not_suggested_or_matched(world, event, client):
    page = _page(client.get(_url("registration-create", slug=event.slug)))
    client.post(
        _url("registration-create", slug=event.slug),
        _form(event, organization_name=world.org_a.name),
    )
    registration = Registration.objects.get()
    assert '<option value="Verein B für Kultur">' in page
    assert world.org_a.name not in page
    assert (registration.organization, registration.organization_name) == (None, world.org_a.name)


# --- The personal page --------------------------------------------------------------------------


@pytest.fixture
def online_event(world):
    return factories.make_event(
        world.agency_x,
        "Online-Sprechstunde",
        capacity=1,
        format="online",
        online_url="https://video.example.org/raum-42",
    )


def test_a_confirmed_participant_sees_the_video_link_calendar_and_qr_code(online_event, client):
    registration = _register(online_event)
    page = _page(client.get(_url("registration-detail", token=registration.token)))
    assert "Confirmed" in page
    assert 'href="https://video.example.org/raum-42"' in page
    assert _url("registration-ics", token=registration.token) in page
    assert re.search(r'<svg [^>]*class="qr">', page)
    assert "<bdi>Leyla Aydın</bdi>" in page


def test_a_waiting_participant_sees_the_position_but_no_video_link(online_event, client):
    _register(online_event)
    waiting = _register(online_event, "Omar Haddad")
    page = _page(client.get(_url("registration-detail", token=waiting.token)))
    assert "You are number 1 on the waiting list." in page
    assert "video.example.org" not in page
    assert "event.ics" not in page
    assert "<svg" not in page


def test_an_in_person_event_shows_no_video_link_even_if_one_is_stored(world, client):
    event = factories.make_event(world.agency_x, online_url="https://video.example.org/x")
    registration = _register(event)
    page = _page(client.get(_url("registration-detail", token=registration.token)))
    assert "video.example.org" not in page


def test_the_qr_code_holds_the_staff_check_in_address(online_event, client):
    registration = _register(online_event)
    page = _page(client.get(_url("registration-detail", token=registration.token)))
    try:
        data = "http://testserver" + _url(
            "checkin-scan", slug=online_event.slug, token=registration.token
        )
    except NoReverseMatch:
        data = registration.token
    expected = segno.make(data, error="m").svg_inline(
        scale=4, border=2, omitsize=False, svgclass="qr"
    )
    assert expected in page


def test_the_calendar_file_carries_the_video_link_for_confirmed_participants(online_event, client):
    registration = _register(online_event)
    waiting = _register(online_event, "Omar Haddad")
    response = client.get(_url("registration-ics", token=registration.token))
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert str(vevent["summary"]) == "Online-Sprechstunde"
    assert "https://video.example.org/raum-42" in str(vevent["location"])
    assert vevent.decoded("dtstart") == online_event.starts_at
    assert client.get(_url("registration-ics", token=waiting.token)).status_code == 404


def test_a_made_up_token_finds_nothing(event, client):
    _register(event)
    response = client.get(_url("registration-detail", token="x" * 32))
    assert (response.status_code, "Leyla" in _page(response)) == (404, False)


def test_a_participant_changes_name_organization_and_answers(world, event, client):
    registration = _register(event, answers={event.questions.get(label="Interpretation").pk: "ar"})
    url = _url("registration-update", token=registration.token)
    form_page = _page(client.get(url))
    response = client.post(
        url,
        {
            "name": "Leyla Aydın-Kaya",
            "organization_name": "Verein B für Kultur",
            **_answers(event, Interpretation="tr", **{"Anything else": "Kinderbetreuung"}),
        },
    )
    registration.refresh_from_db()
    assert re.search(r'value="ar" required id="id_question_\d+_0" checked>', form_page)
    assert response["Location"] == _url("registration-detail", token=registration.token)
    assert (registration.name, registration.organization) == ("Leyla Aydın-Kaya", world.org_b)
    assert {a.question.label: a.value for a in registration.answers.all()} == {
        "Interpretation": "tr",
        "Step-free access": False,
        "Anything else": "Kinderbetreuung",
    }


def test_a_change_with_a_missing_required_answer_keeps_the_old_answers(event, client):
    interpretation = event.questions.get(label="Interpretation")
    registration = _register(event, answers={interpretation.pk: "ar"})
    page = _page(
        client.post(_url("registration-update", token=registration.token), {"name": "Leyla"})
    )
    assert "This field is required." in page
    assert [a.value for a in registration.answers.all()] == ["ar"]


def test_cancelling_asks_first_then_gives_the_place_to_the_waiting_list(event, client, run_jobs):
    leaving = _register(event)
    _register(event, "Omar Haddad")
    waiting = _register(event, "Selin Kaya", email="selin@example.org")
    url = _url("registration-cancel", token=leaving.token)
    confirm_page = _page(client.get(url))
    leaving.refresh_from_db()
    assert "Do you really want to cancel?" in confirm_page
    assert leaving.status == "confirmed"
    response = client.post(url, follow=True)
    leaving.refresh_from_db()
    waiting.refresh_from_db()
    assert (leaving.status, waiting.status) == ("cancelled", "confirmed")
    assert "Your registration has been cancelled." in _page(response)
    mail.outbox.clear()
    run_jobs()
    moved_up = [m for m in mail.outbox if m.to == ["selin@example.org"]]
    subject = "Ein Platz ist für Sie frei: Workshop Vereinsfinanzen"
    assert [m.subject for m in moved_up][-1] == subject


def test_a_cancelled_registration_can_be_neither_changed_nor_cancelled_again(event, client):
    registration = _register(event)
    services.cancel(registration)
    change = client.get(_url("registration-update", token=registration.token), follow=True)
    cancel_page = _page(client.get(_url("registration-cancel", token=registration.token)))
    client.post(_url("registration-cancel", token=registration.token))
    assert "This registration can no longer be changed." in _page(change)
    assert "This registration cannot be cancelled any more." in cancel_page
    assert Registration.objects.get().status == "cancelled"


# --- Groups -------------------------------------------------------------------------------------


def _group_data(event, people, *, organization=None, consent=True) -> dict:
    data = {
        "people-TOTAL_FORMS": str(len(people)),
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": str(event.max_group_size),
    }
    interpretation = event.questions.filter(label="Interpretation").first()
    for i, (name, email) in enumerate(people):
        data[f"people-{i}-name"] = name
        data[f"people-{i}-email"] = email
        if interpretation and name:
            data[f"people-{i}-question_{interpretation.pk}"] = "ar"
    if organization is not None:
        data["organization"] = organization.pk
    if consent:
        data["consent"] = "on"
    return data


def test_a_member_registers_a_group_that_fits_and_gets_the_group_page(world, event, client_for):
    client = client_for(world.member_a)
    people = [("Leyla Aydın", "leyla@example.org"), ("Omar Haddad", "omar@example.org"), ("", "")]
    response = client.post(
        _url("group-create", slug=event.slug),
        _group_data(event, people, organization=world.org_a),
    )
    registrations = list(Registration.objects.order_by("id"))
    group = registrations[0].group
    assert response["Location"] == _url("group-detail", token=group.token)
    assert [(r.name, r.status, r.organization) for r in registrations] == [
        ("Leyla Aydın", "confirmed", world.org_a),
        ("Omar Haddad", "confirmed", world.org_a),
    ]
    assert (group.booked_by, group.contact_email) == (world.member_a, "member.a@example.org")
    page = _page(client_for(None).get(response["Location"]))
    assert "<bdi>Leyla Aydın</bdi>" in page
    assert "<bdi>Omar Haddad</bdi>" in page
    assert page.count("Confirmed") == 2


def test_a_group_too_large_for_the_places_left_waits_as_a_whole(world, event, client_for):
    people = [("A", "a@example.org"), ("B", "b@example.org"), ("C", "c@example.org")]
    response = client_for(world.member_a).post(
        _url("group-create", slug=event.slug),
        _group_data(event, people, organization=world.org_a),
        follow=True,
    )
    assert [r.status for r in Registration.objects.all()] == ["waitlisted"] * 3
    assert "The group is number 1 on the waiting list." in _page(response)


def test_a_group_with_one_email_twice_is_refused(world, event, client_for):
    people = [("A", "same@example.org"), ("B", "Same@example.org")]
    page = _page(
        client_for(world.member_a).post(
            _url("group-create", slug=event.slug), _group_data(event, people)
        )
    )
    assert "Each participant needs their own email address." in page
    assert Registration.objects.count() == 0


def test_a_group_larger_than_the_event_allows_is_refused(world, client_for):
    event = factories.make_event(world.agency_x, max_group_size=2)
    people = [("A", "a@example.org"), ("B", "b@example.org"), ("C", "c@example.org")]
    page = _page(
        client_for(world.member_a).post(
            _url("group-create", slug=event.slug), _group_data(event, people, consent=False)
        )
    )
    assert "Please submit at most 2 forms." in page
    assert Registration.objects.count() == 0


def test_more_rows_keep_what_was_typed_and_check_nothing_yet(world, client_for):
    event = factories.make_event(world.agency_x, max_group_size=8, consent_text="Einwilligung")
    interpretation = Question.objects.create(
        event=event, label="Interpretation", kind="single", choices=["ar", "tr"], required=True
    )
    client = client_for(world.member_a)
    people = [("Leyla Aydın", "leyla@example.org"), ("", ""), ("Omar Haddad", "kein-mail")]
    data = {**_group_data(event, people, organization=world.org_a), "add_rows": "1"}

    response = client.post(_url("group-create", slug=event.slug), data)

    page = _page(response)
    assert Registration.objects.count() == 0
    # The two started rows come back filled in, the empty one is dropped, three new ones follow.
    assert 'name="people-TOTAL_FORMS" value="5"' in page
    assert 'name="people-0-name" value="Leyla Aydın"' in page
    assert 'name="people-1-name" value="Omar Haddad"' in page
    assert 'name="people-1-email" value="kein-mail"' in page
    assert '<input type="text" name="people-2-name" maxlength="200" id="id_people-2-name">' in page
    assert f'name="people-0-question_{interpretation.pk}" value="ar"' in page
    assert re.search(rf'name="people-0-question_{interpretation.pk}" value="ar"[^>]* checked', page)
    assert re.search(r'<input type="checkbox" name="consent"[^>]* checked>', page)
    # Nothing was checked yet: no error summary, no error at the unfinished address.
    assert "error-summary" not in page
    assert "Enter a valid email address." not in page


def test_after_more_rows_the_group_registers_with_the_rows_typed_before(world, client_for):
    event = factories.make_event(world.agency_x, max_group_size=8)
    client = client_for(world.member_a)
    first = {
        **_group_data(event, [("Leyla Aydın", "leyla@example.org")], organization=world.org_a),
        "add_rows": "1",
    }
    client.post(_url("group-create", slug=event.slug), first)
    # The page came back with four rows: the first as typed, three empty; the person adds one.
    people = [("Leyla Aydın", "leyla@example.org"), ("Omar Haddad", "omar@example.org")]
    second = _group_data(event, [*people, ("", ""), ("", "")], organization=world.org_a)

    response = client.post(_url("group-create", slug=event.slug), second)

    assert response.status_code == 302
    assert list(Registration.objects.order_by("id").values_list("name", flat=True)) == [
        "Leyla Aydın",
        "Omar Haddad",
    ]


def test_an_empty_group_form_shows_the_error_summary_linked_to_the_rows(world, client_for):
    event = factories.make_event(world.agency_x, consent_text="Einwilligung")
    people = [("Leyla Aydın", "")]

    page = _page(
        client_for(world.member_a).post(
            _url("group-create", slug=event.slug),
            _group_data(event, people, organization=world.org_a, consent=False),
        )
    )

    summary = page[
        page.index('<div class="error-summary"') : page.index(
            "</ul>", page.index('<div class="error-summary"')
        )
    ]
    assert 'href="#id_people-0-email"' in summary
    assert 'href="#id_consent"' in summary


def test_the_group_form_offers_only_the_members_own_organizations(world, event, client_for):
    page = _page(client_for(world.member_a).get(_url("group-create", slug=event.slug)))
    assert world.org_a.name in page
    assert world.org_b.name not in page


def test_the_group_form_is_not_for_people_without_an_organization(event, client_for):
    someone = factories.make_user("someone@example.org")
    response = client_for(someone).get(_url("group-create", slug=event.slug))
    assert response.status_code == 403


def test_the_booker_cancels_the_whole_group_and_the_places_go_on(world, event, run_jobs):
    people = [factories.person("A", "a@example.org"), factories.person("B", "b@example.org")]
    outcome = services.register(event, people, consent=True, booked_by=world.member_a)
    waiting = _register(event, "Selin Kaya", email="selin@example.org")
    client = Client()
    confirm_page = _page(client.get(_url("group-cancel", token=outcome.group.token)))
    response = client.post(_url("group-cancel", token=outcome.group.token), follow=True)
    waiting.refresh_from_db()
    assert "This cancels the registrations of 2 people." in confirm_page
    assert [r.status for r in outcome.group.registrations.order_by("id")] == ["cancelled"] * 2
    assert waiting.status == "confirmed"
    assert "The whole group&#x27;s registration has been cancelled." in _page(response)


def test_the_group_page_costs_the_same_queries_for_one_or_three_people(
    world, django_assert_max_num_queries
):
    event = factories.make_event(world.agency_x, capacity=None)

    def group_of(size, prefix):
        people = [factories.person(f"P{i}", f"{prefix}{i}@example.org") for i in range(size)]
        people.append(factories.person("Extra", f"{prefix}x@example.org"))
        return services.register(event, people, consent=True).group

    small, large = group_of(1, "s"), group_of(3, "l")
    client = Client()
    with django_assert_max_num_queries(12) as small_queries:
        client.get(_url("group-detail", token=small.token))
    with django_assert_max_num_queries(12) as large_queries:
        client.get(_url("group-detail", token=large.token))
    assert len(small_queries.captured_queries) == len(large_queries.captured_queries)
