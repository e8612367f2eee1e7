"""A person's start page (/my/): their organizations with nudges, and staff's open claims."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gemeinsam.counselling.models import Appointment, Request
from gemeinsam.counselling.services.timeline import add_task
from gemeinsam.events.enums import RegistrationStatus
from gemeinsam.events.models import Registration
from gemeinsam.funding.models import Programme, WatchedProgramme
from tests import factories

DAY = datetime.timedelta(days=1)

pytestmark = pytest.mark.django_db


def test_the_dashboard_lists_memberships_and_nudges(world, client_for):
    world.org_a.last_confirmed_on = None
    world.org_a.save()
    page = client_for(world.member_a).get("/en/my/").content.decode()
    assert "Verein A für Jugendarbeit" in page
    assert "has not been confirmed for a year" in page


def test_the_dashboard_shows_staff_the_open_claims(world, client_for):
    factories.make_membership(world.org_b, status="pending")
    page = client_for(world.advisor_x).get("/en/my/").content.decode()
    assert "1 request to act for an organization is waiting" in page


def test_pages_for_logged_in_people_are_not_cached(world, client_for):
    response = client_for(world.member_a).get("/de/my/")
    assert response["Cache-Control"] == "no-store, private"


# --- The dashboard by role --------------------------------------------------------------------

BERLIN = ZoneInfo("Europe/Berlin")
NOON = datetime.datetime(2027, 5, 12, 12, 0, tzinfo=BERLIN)  # a Wednesday


@pytest.fixture
def at_noon():
    with time_machine.travel(NOON, tick=False):
        yield


def _page(client) -> str:
    return client.get("/en/my/").content.decode()


def _programme() -> Programme:
    """A programme with a deadline on 30 June 2027, for watching."""
    return Programme.objects.create(
        code="mikro",
        name="Mikroförderung Ehrenamt",
        funder="Stiftung Beispiel",
        kind="micro",
        level="federal",
        deadline={"kind": "fixed", "dates": ["2027-06-30"]},
        application_url="https://foerderung.example.org/antrag",
        source_url="https://foerderung.example.org/",
        checked_on=datetime.date(2027, 5, 1),
    )


def _registration(event, *, user=None, organization=None, name="Amal Haddad", **extra):
    return Registration.objects.create(
        event=event,
        user=user,
        organization=organization,
        name=name,
        email=extra.pop("email", f"{name.split()[0].lower()}@example.org"),
        status=extra.pop("status", RegistrationStatus.CONFIRMED),
        **extra,
    )


def test_a_member_sees_coming_registrations_their_own_and_their_organizations(
    world, client_for, at_noon
):
    soon = factories.make_event(world.agency_x, "Elternabend Kita", starts_in=DAY * 3)
    later = factories.make_event(world.agency_x, "Vereinsrecht kompakt", starts_in=DAY * 20)
    past = factories.make_event(world.agency_x, "Rückblick Frühjahr", starts_in=-DAY * 5)
    own = _registration(soon, user=world.member_a)
    _registration(later, organization=world.org_a, name="Samira Nasser", status="waitlisted")
    _registration(past, user=world.member_a)
    _registration(later, user=world.member_a, status=RegistrationStatus.CANCELLED)
    _registration(soon, organization=world.org_b, name="Berk Yılmaz")  # not A's
    _registration(soon, organization=world.org_a, name="Omar Saleh")  # the same event: once

    page = _page(client_for(world.member_a))

    coming = page.split('id="coming-up"')[1].split('id="my-orgs"')[0]
    assert re.findall(
        # German titles on an English page, marked as German.
        r'<bdi><span lang="de" dir="ltr">(Elternabend Kita|Vereinsrecht kompakt|Rückblick[^<]*)'
        r"</span></bdi>",
        coming,
    ) == [
        "Elternabend Kita",
        "Vereinsrecht kompakt",
    ]
    assert f'href="/en/events/registrations/{own.token}/"' in coming  # own: the personal page
    assert "<bdi>Samira Nasser</bdi> for <bdi>Verein A für Jugendarbeit</bdi>" in coming
    assert "<bdi>Omar Saleh</bdi> for <bdi>Verein A für Jugendarbeit</bdi>" in coming
    assert "on the waiting list" in coming
    assert "Berk Yılmaz" not in coming
    assert 'id="my-day"' not in page and 'id="my-projects"' not in page  # no staff sections


def test_a_member_sees_bookings_counselling_and_the_deadlines_they_watch(
    world, client_for, at_noon
):
    room = factories.make_room(world.agency_x, "Seminarraum Nord")
    factories.make_booking(room, by=world.member_a, organization=world.org_a, starts_in=DAY * 2)
    factories.make_booking(room, by=world.member_a, starts_in=-DAY * 2, status="approved")
    factories.make_request(email="member.a@example.org", user=world.member_a)
    programme = _programme()
    WatchedProgramme.objects.create(user=world.member_a, programme=programme)

    page = _page(client_for(world.member_a))

    assert page.count("Seminarraum Nord") == 1  # the past booking is not coming
    assert "1 request waits for an answer." in page
    assert "0 cases are open." in page
    assert '<time datetime="2027-06-30">' in page
    assert "Mikroförderung Ehrenamt" in page


def test_an_advisor_sees_due_tasks_todays_appointments_and_new_requests(world, client_for, at_noon):
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x])
    today = NOON.date()

    def task(title, due_on, assignee=world.advisor_x):
        add_task(case, by=world.advisor_x, title=title, due_on=due_on, assignee=assignee)

    task("Satzung prüfen", today - DAY)
    task("Notar anrufen", today)
    task("Finanzamt schreiben", today + DAY * 5)
    task("Später", today + DAY * 20)
    for hour, day in ((9, today), (15, today), (9, today + DAY)):
        starts = datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)
        Appointment.objects.create(
            case=case,
            agency=world.agency_x,
            advisor=world.advisor_x,
            title=f"Beratung {day:%d.%m.} {hour} Uhr",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            channel="in_person",
        )
    for n in range(2):
        asked = factories.make_request(email=f"neu{n}@example.org")
        Request.objects.filter(pk=asked.pk).update(agency=world.agency_x)
    elsewhere = factories.make_request(email="andere@example.org")
    Request.objects.filter(pk=elsewhere.pk).update(agency=world.agency_y)

    page = _page(client_for(world.advisor_x))

    day = page.split('id="my-day"')[1].split('id="coming-up"')[0]
    assert re.findall(r"<bdi>(Beratung [^<]+)</bdi>", day) == [
        "Beratung 12.05. 9 Uhr",
        "Beratung 12.05. 15 Uhr",
    ]
    tasks = re.findall(r"<bdi>(Satzung prüfen|Notar anrufen|Finanzamt schreiben|Später)</bdi>", day)
    assert tasks == ["Satzung prüfen", "Notar anrufen", "Finanzamt schreiben"]
    assert ">overdue</span>" in day and ">today</span>" in day
    assert "2 requests wait for an answer in your agencies' intake." in day
    assert 'id="my-projects"' not in page  # advisors are not managers


def test_a_manager_sees_the_running_projects_in_figures(world, client_for, at_noon):
    ended = factories.make_project(
        world.agency_x, title="Abgeschlossen", ends_on=datetime.date(2026, 12, 31)
    )
    held = factories.make_event(world.agency_x, starts_in=-DAY, project=world.project_x)
    factories.make_event(world.agency_x, starts_in=DAY * 9, project=world.project_x)
    factories.make_event(world.agency_x, project=ended)
    _registration(held, name="Amal Haddad", checked_in_at=NOON - DAY)
    _registration(held, name="Berk Yılmaz")
    _registration(held, name="Cem Aksoy", status=RegistrationStatus.CANCELLED)
    factories.make_case(world.agency_x, advisors=[world.advisor_x], project=world.project_x)

    page = _page(client_for(world.manager_x))

    projects = page.split('id="my-projects"')[1].split('id="coming-up"')[0]
    assert "Willkommen in Berlin" in projects and "Abgeschlossen" not in projects
    cells = re.findall(r"<td[^>]*>(\d+)</td>", projects)
    assert cells == ["2", "2", "1", "1", "1"]  # events, confirmed, attended, cases, open


@pytest.mark.parametrize("role", ["member_a", "advisor_x", "manager_x"])
def test_the_dashboard_runs_as_many_queries_for_three_of_everything_as_for_one(
    world, client_for, role, at_noon, django_assert_max_num_queries
):
    user = getattr(world, role)
    client = client_for(user)
    room = factories.make_room(world.agency_x, "Seminarraum Nord")
    case = factories.make_case(world.agency_x, advisors=[world.advisor_x], project=world.project_x)

    def add_one(n):
        event = factories.make_event(world.agency_x, f"Termin {n}", project=world.project_x)
        _registration(event, user=user, name=f"Person {n}", email=f"p{n}@example.org")
        factories.make_booking(room, by=user, starts_in=DAY * (n + 1))
        add_task(
            case,
            by=world.advisor_x,
            title=f"Aufgabe {n}",
            due_on=NOON.date(),
            assignee=world.advisor_x,
        )

    add_one(1)
    _page(client)  # warm: the first page of a session reads what it keeps
    with CaptureQueriesContext(connection) as one:
        _page(client)
    add_one(2)
    add_one(3)
    with CaptureQueriesContext(connection) as three:
        _page(client)
    assert len(three) == len(one)


def test_an_arabic_reader_sees_event_room_and_programme_names_in_arabic_or_marked_german(
    world, client_for, at_noon
):
    from gemeinsam.core import content  # the translations the page reads

    event = factories.make_event(world.agency_x, "Arbeitsmarktgespräch", starts_in=DAY * 3)
    content.set_texts(event, "ar", {"title": "حوار سوق العمل"})
    _registration(event, user=world.member_a, name="Amal Haddad")
    room = factories.make_room(world.agency_x, "Seminarraum Nord")
    factories.make_booking(room, by=world.member_a, starts_in=DAY * 2)
    programme = _programme()
    content.set_texts(programme, "ar", {"name": "منحة صغيرة للعمل التطوعي"})
    WatchedProgramme.objects.create(user=world.member_a, programme=programme)

    page = client_for(world.member_a).get("/ar/my/").content.decode()

    assert "<bdi>حوار سوق العمل</bdi>" in page
    assert "<bdi>منحة صغيرة للعمل التطوعي</bdi>" in page
    assert '<bdi><span lang="de" dir="ltr">Seminarraum Nord</span></bdi>' in page
    assert "Arbeitsmarktgespräch" not in page and "Mikroförderung" not in page
