"""Appointments: the advisor's week, invitations with a calendar file, changes, cancellations,
and the .ics for staff and for the case's parties."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gemeinsam.counselling import services
from gemeinsam.counselling.models import Appointment, Contact
from gemeinsam.counselling.services.appointments import AppointmentData
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")
VIDEO = "https://video.example.org/beratung-17"


@pytest.fixture
def leyla(db):
    return Contact.objects.create(
        name="Leyla Aydın", email="leyla@example.org", preferred_language="en"
    )


@pytest.fixture
def case(world, leyla):
    return factories.make_case(
        world.agency_x, advisors=[world.advisor_x], organizations=[world.org_a], contacts=[leyla]
    )


def _form(world, contacts, **overrides) -> dict:
    data = {
        "title": "Satzungsentwurf besprechen",
        "starts_at": "2030-07-09T10:00",
        "ends_at": "2030-07-09T11:00",
        "channel": "video",
        "location": "",
        "video_link": VIDEO,
        "advisor": world.advisor_x.pk,
        "attendees": [c.pk for c in contacts],
    }
    return {**data, **overrides}


def _create(client, case, data):
    return client.post(f"{reverse('counselling:appointment-create')}?case={case.pk}", data)


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def _appointment(world, case=None, *, starts_at, title="Beratungsgespräch", attendees=()):
    appointment, _sent = services.appointments.create_appointment(
        agency=world.agency_x,
        case=case,
        data=AppointmentData(
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=1),
            channel="in_person",
            advisor=world.advisor_x,
            location="Beratungsraum 2",
            attendees=list(attendees),
        ),
        by=world.advisor_x,
    )
    return appointment


def _calendar(message):
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    calendar = icalendar.Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    return filename, mimetype, calendar, vevent


def test_an_invitation_carries_a_calendar_file_with_uid_sequence_berlin_time_and_video_link(
    world, case, leyla, client_for, run_jobs
):
    response = _create(client_for(world.advisor_x), case, _form(world, [leyla]))
    run_jobs()

    appointment = Appointment.objects.get()
    (message,) = mail.outbox
    filename, mimetype, calendar, vevent = _calendar(message)
    assert response.status_code == 302
    assert message.to == ["leyla@example.org"]
    assert message.subject == "Invitation: Satzungsentwurf besprechen"
    assert f"Video link: {VIDEO}" in message.body
    assert (filename, mimetype) == (
        "invitation.ics",
        "text/calendar; charset=utf-8; method=REQUEST",
    )
    assert str(calendar["method"]) == "REQUEST"
    assert str(vevent["uid"]) == appointment.uid
    assert vevent["sequence"] == 0
    assert vevent["dtstart"].params["TZID"] == "Europe/Berlin"
    assert vevent.decoded("dtstart") == datetime.datetime(2030, 7, 9, 10, tzinfo=BERLIN)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(vevent["attendee"]) == "mailto:leyla@example.org"
    assert str(vevent["organizer"]) == "mailto:advisor.x@example.org"
    assert VIDEO in str(vevent["description"])
    assert str(vevent["location"]) == VIDEO


def test_the_invitation_is_written_in_the_contacts_language(world, case, client_for, run_jobs):
    german = Contact.objects.create(name="Omar Haddad", email="omar@example.org")
    case.contacts.add(german)
    _create(client_for(world.advisor_x), case, _form(world, [german]))
    run_jobs()

    (message,) = mail.outbox
    assert "Dienstag, 9. Juli 2030, 10:00 – 11:00" in message.body


def test_a_change_raises_the_sequence_and_sends_the_new_details(
    world, case, leyla, client_for, run_jobs
):
    client = client_for(world.advisor_x)
    _create(client, case, _form(world, [leyla]))
    appointment = Appointment.objects.get()
    run_jobs()
    mail.outbox.clear()

    response = client.post(
        reverse("counselling:appointment-edit", kwargs={"pk": appointment.pk}),
        _form(world, [leyla], starts_at="2030-07-09T14:00", ends_at="2030-07-09T15:30"),
    )
    run_jobs()

    (message,) = mail.outbox
    *_rest, vevent = _calendar(message)
    appointment.refresh_from_db()
    assert response.status_code == 302
    assert appointment.sequence == 1
    assert message.subject == "Appointment changed: Satzungsentwurf besprechen"
    assert (str(vevent["uid"]), vevent["sequence"]) == (appointment.uid, 1)
    assert vevent.decoded("dtstart") == datetime.datetime(2030, 7, 9, 14, tzinfo=BERLIN)


def test_saving_without_a_change_keeps_the_sequence_and_sends_nothing(
    world, case, leyla, client_for, run_jobs
):
    client = client_for(world.advisor_x)
    _create(client, case, _form(world, [leyla]))
    appointment = Appointment.objects.get()
    run_jobs()
    mail.outbox.clear()

    client.post(
        reverse("counselling:appointment-edit", kwargs={"pk": appointment.pk}),
        _form(world, [leyla]),
    )
    run_jobs()

    appointment.refresh_from_db()
    assert (appointment.sequence, mail.outbox) == (0, [])


def test_someone_no_longer_invited_gets_a_cancellation_and_a_newcomer_an_invitation(
    world, case, leyla, client_for, run_jobs
):
    omar = Contact.objects.create(name="Omar Haddad", email="omar@example.org")
    case.contacts.add(omar)
    client = client_for(world.advisor_x)
    _create(client, case, _form(world, [leyla]))
    appointment = Appointment.objects.get()
    run_jobs()
    mail.outbox.clear()

    client.post(
        reverse("counselling:appointment-edit", kwargs={"pk": appointment.pk}),
        _form(world, [omar]),
    )
    run_jobs()

    by_person = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_person) == ["leyla@example.org", "omar@example.org"]
    assert str(_calendar(by_person["leyla@example.org"])[2]["method"]) == "CANCEL"
    assert str(_calendar(by_person["omar@example.org"])[2]["method"]) == "REQUEST"


def test_cancelling_sends_a_calendar_file_with_method_cancel(
    world, case, leyla, client_for, run_jobs
):
    client = client_for(world.manager_x)
    _create(client_for(world.advisor_x), case, _form(world, [leyla]))
    appointment = Appointment.objects.get()
    run_jobs()
    mail.outbox.clear()

    response = client.post(reverse("counselling:appointment-cancel", kwargs={"pk": appointment.pk}))
    run_jobs()

    (message,) = mail.outbox
    filename, mimetype, calendar, vevent = _calendar(message)
    appointment.refresh_from_db()
    assert response.status_code == 302
    assert appointment.cancelled_at is not None
    assert message.subject == "Appointment cancelled: Satzungsentwurf besprechen"
    assert VIDEO not in message.body
    assert (filename, mimetype) == (
        "cancellation.ics",
        "text/calendar; charset=utf-8; method=CANCEL",
    )
    assert (str(calendar["method"]), str(vevent["status"])) == ("CANCEL", "CANCELLED")
    assert (str(vevent["uid"]), vevent["sequence"]) == (appointment.uid, 1)


def test_cancelling_twice_is_refused_with_a_message(world, case, leyla, client_for, run_jobs):
    appointment = _appointment(world, case, starts_at=_at(datetime.date(2030, 7, 9), 10))
    client = client_for(world.advisor_x)
    url = reverse("counselling:appointment-cancel", kwargs={"pk": appointment.pk})
    client.post(url)

    response = client.post(url, follow=True)

    assert "This appointment has already been cancelled." in response.content.decode()
    assert Appointment.objects.get().sequence == 1


def test_an_appointment_cannot_end_before_it_starts(world, case, leyla, client_for):
    response = _create(
        client_for(world.advisor_x),
        case,
        _form(world, [leyla], starts_at="2030-07-09T10:00", ends_at="2030-07-09T09:00"),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "ends_at": ["The appointment must end after it starts."]
    }
    assert Appointment.objects.count() == 0


def test_the_advisor_must_work_for_the_cases_agency(world, case, leyla, client_for):
    response = _create(
        client_for(world.advisor_x), case, _form(world, [leyla], advisor=world.advisor_y.pk)
    )

    assert "advisor" in response.context["form"].errors
    assert Appointment.objects.count() == 0


def test_the_form_is_prefilled_from_the_case_and_offers_its_contact_people(world, case, client_for):
    response = client_for(world.advisor_x).get(
        f"{reverse('counselling:appointment-create')}?case={case.pk}"
    )

    form = response.context["form"]
    assert form["title"].value() == case.title
    assert form["advisor"].value() == world.advisor_x.pk
    assert [c.name for c in form.fields["attendees"].queryset] == ["Leyla Aydın"]


def test_an_appointment_without_a_case_is_made_by_the_agencys_staff(world, client_for, run_jobs):
    data = _form(world, [], channel="phone", video_link="")
    data.pop("attendees")

    response = client_for(world.advisor_x).post(reverse("counselling:appointment-create"), data)
    run_jobs()

    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert (appointment.agency, appointment.case, mail.outbox) == (world.agency_x, None, [])


def test_an_advisor_not_on_the_case_may_not_plan_or_change_its_appointments(
    world, case, client_for
):
    colleague = factories.make_user("kollegin@example.org", name="Clara Brandt")
    factories.make_staff(world.agency_x, user=colleague, role="advisor")
    appointment = _appointment(world, case, starts_at=_at(datetime.date(2030, 7, 9), 10))
    client = client_for(colleague)

    create = client.get(f"{reverse('counselling:appointment-create')}?case={case.pk}")
    edit = client.get(reverse("counselling:appointment-edit", kwargs={"pk": appointment.pk}))

    assert (create.status_code, edit.status_code) == (403, 403)


# --- The week -------------------------------------------------------------------------------------


def _this_monday() -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday())


def test_the_week_shows_this_weeks_appointments_and_not_next_weeks(world, case, client_for):
    monday = _this_monday()
    _appointment(world, case, starts_at=_at(monday + datetime.timedelta(days=2), 9), title="Jetzt")
    _appointment(world, case, starts_at=_at(monday + datetime.timedelta(days=9), 9), title="Später")

    response = client_for(world.advisor_x).get(reverse("counselling:appointment-week"))

    page = response.content.decode()
    days = response.context["days"]
    assert [d.date for d in days] == [monday + datetime.timedelta(days=i) for i in range(7)]
    assert [[a.title for a in d.appointments] for d in days][2] == ["Jetzt"]
    assert "Jetzt" in page
    assert "Später" not in page
    assert reverse("counselling:case-detail", kwargs={"pk": case.pk}) in page
    assert "09:00" in page


def test_the_next_week_link_leads_to_next_weeks_appointments(world, case, client_for):
    monday = _this_monday() + datetime.timedelta(days=7)
    _appointment(world, case, starts_at=_at(monday, 16), title="Später")
    client = client_for(world.advisor_x)

    first = client.get(reverse("counselling:appointment-week"))
    response = client.get(first.context["next_url"])

    year, week, _weekday = monday.isocalendar()
    assert first.context["next_url"].endswith(f"?week={year}-W{week:02d}")
    assert "Später" in response.content.decode()


def test_a_manager_sees_a_colleagues_week(world, case, client_for):
    _appointment(world, case, starts_at=_at(_this_monday(), 11), title="Erstgespräch")

    response = client_for(world.manager_x).get(
        reverse("counselling:appointment-week"), {"advisor": world.advisor_x.pk}
    )

    assert response.context["advisor"] == world.advisor_x
    assert "Erstgespräch" in response.content.decode()


@pytest.mark.parametrize("advisor", ["advisor_y", "admin", "member_a"])
def test_someone_outside_the_viewers_agencies_is_not_found(world, client_for, advisor):
    response = client_for(world.advisor_x).get(
        reverse("counselling:appointment-week"), {"advisor": getattr(world, advisor).pk}
    )

    assert response.status_code == 404
    assert getattr(world, advisor).name not in response.content.decode()


@pytest.mark.parametrize("week", ["2026-W99", "x", "2026-W00"])
def test_a_bad_week_shows_the_current_week_with_a_message(world, client_for, week):
    response = client_for(world.advisor_x).get(
        reverse("counselling:appointment-week"), {"week": week}
    )

    assert response.context["monday"] == _this_monday()
    assert f"“{week}” is not a week; this is the current week." in response.content.decode()


def test_a_given_week_is_shown(world, client_for):
    response = client_for(world.advisor_x).get(
        reverse("counselling:appointment-week"), {"week": "2026-W47"}
    )

    assert response.context["monday"] == datetime.date(2026, 11, 16)
    assert "Week 47" in response.content.decode()


def test_the_week_costs_the_same_for_three_appointments_as_for_one(
    world, case, client_for, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.advisor_x)
    url = reverse("counselling:appointment-week")
    monday = _this_monday()
    _appointment(world, case, starts_at=_at(monday, 9))
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    other = factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Mediation")
    _appointment(world, other, starts_at=_at(monday + datetime.timedelta(days=1), 9))
    _appointment(world, None, starts_at=_at(monday + datetime.timedelta(days=3), 9))

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert sum(len(d.appointments) for d in response.context["days"]) == 3


# --- The calendar file ----------------------------------------------------------------------------


def test_a_member_of_the_cases_organization_gets_the_ics_without_other_peoples_addresses(
    world, case, leyla, client_for
):
    appointment = _appointment(
        world, case, starts_at=_at(datetime.date(2030, 7, 9), 10), attendees=[leyla]
    )

    member = client_for(world.member_a).get(
        reverse("counselling:appointment-ics", kwargs={"pk": appointment.pk})
    )
    staff = client_for(world.advisor_x).get(
        reverse("counselling:appointment-ics", kwargs={"pk": appointment.pk})
    )

    (member_event,) = icalendar.Calendar.from_ical(member.content).walk("VEVENT")
    (staff_event,) = icalendar.Calendar.from_ical(staff.content).walk("VEVENT")
    assert str(member_event["uid"]) == appointment.uid
    assert "attendee" not in member_event
    assert str(staff_event["attendee"]) == "mailto:leyla@example.org"


def test_a_cancelled_appointments_ics_is_the_cancellation(world, case, client_for):
    appointment = _appointment(world, case, starts_at=_at(datetime.date(2030, 7, 9), 10))
    services.appointments.cancel_appointment(appointment, by=world.advisor_x)

    response = client_for(world.member_a).get(
        reverse("counselling:appointment-ics", kwargs={"pk": appointment.pk})
    )

    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["method"]) == "CANCEL"
    assert calendar.walk("VEVENT")[0]["sequence"] == 1


def test_a_forwarded_cases_appointment_moves_with_it_to_the_new_agency(
    world, case, leyla, client_for
):
    from gemeinsam.counselling.services.cases import forward_case

    appointment = _appointment(world, case, starts_at=_at(datetime.date(2030, 7, 9), 10))
    forward_case(
        case,
        to_agency=world.agency_y,
        advisors=[world.advisor_y],
        reason="Näher am Wohnort",
        by=world.manager_x,
    )
    url = reverse("counselling:appointment-edit", kwargs={"pk": appointment.pk})

    before = client_for(world.advisor_x).get(url)
    response = client_for(world.advisor_y).post(
        url, _form(world, [leyla], advisor=world.advisor_y.pk)
    )

    appointment.refresh_from_db()
    assert before.status_code == 404
    assert response.status_code == 302
    assert (appointment.agency, appointment.advisor) == (world.agency_y, world.advisor_y)


def test_a_video_link_must_be_a_web_address(world, case, leyla, client_for):
    response = _create(
        client_for(world.advisor_x), case, _form(world, [leyla], video_link="javascript:alert(1)")
    )

    assert response.context["form"].errors == {"video_link": ["Enter a valid URL."]}


def test_a_contact_without_an_email_address_is_invited_but_not_mailed(
    world, case, client_for, run_jobs
):
    by_phone = Contact.objects.create(name="Samira K.", phone="0251 000000")
    case.contacts.add(by_phone)

    _create(client_for(world.advisor_x), case, _form(world, [by_phone]))
    run_jobs()

    assert list(Appointment.objects.get().attendees.all()) == [by_phone]
    assert mail.outbox == []
