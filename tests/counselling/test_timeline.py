"""The case page and its timeline: the header, sessions, tasks, outcomes, appointments and
forwardings merged by date, and the forms that add to it."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gemeinsam.core.models import AuditLogEntry
from gemeinsam.counselling import services
from gemeinsam.counselling.models import Appointment, Contact, Outcome, Session, Task
from tests import factories

TODAY = timezone.localdate()


def _days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def case(world):
    contact = Contact.objects.create(name="Samira Nasser", email="samira@example.org")
    return factories.make_case(
        world.agency_x,
        advisors=[world.advisor_x],
        organizations=[world.org_a],
        contacts=[contact],
        title="Vereinsgründung Frauenverein Al-Amal",
        project=world.project_x,
    )


@pytest.fixture
def colleague(world):
    """An advisor of agency X who does not work on the case."""
    user = factories.make_user("kollegin@example.org", name="Carla Brandt")
    factories.make_staff(world.agency_x, user=user, role="advisor")
    return user


def _url(name, case, **extra):
    return reverse(f"counselling:{name}", kwargs={"pk": case.pk, **extra})


def _page(client, case) -> str:
    response = client.get(_url("case-detail", case))
    assert response.status_code == 200
    return response.content.decode()


def _session(case, by, **extra):
    values = {
        "held_on": _days_ago(3),
        "duration_minutes": 90,
        "channel": "video",
        "participants": "Vorstand, Kassenwartin",
        "summary": "Konflikt um den Vorsitz, vertraulich",
        "next_steps": "Satzungsentwurf bis Freitag an die Beratungsstelle",
    }
    values.update(extra)
    return services.timeline.add_session(case, by=by, **values)


# --- The header --------------------------------------------------------------------------------


def test_the_case_page_shows_the_header_and_links_to_the_case_actions(world, client_for, case):
    html = _page(client_for(world.advisor_x), case)

    assert case.reference in html
    assert "Vereinsgründung Frauenverein Al-Amal" in html
    assert "process support" in html
    assert "Kompetenzzentrum Migration Nord" in html
    org_url = reverse("organizations:organization-detail", kwargs={"slug": world.org_a.slug})
    assert f'href="{org_url}"' in html
    assert "Samira Nasser" in html
    assert "Xenia Wolff" in html
    assert "Willkommen in Berlin" in html
    assert _url("case-edit", case) in html
    assert _url("case-forward", case) in html
    assert _url("case-close", case) in html
    assert f"{reverse('counselling:appointment-create')}?case={case.pk}" in html


def test_colleagues_see_the_case_but_no_links_to_change_it(world, client_for, case, colleague):
    html = _page(client_for(colleague), case)

    assert "Vereinsgründung Frauenverein Al-Amal" in html
    assert _url("case-edit", case) not in html
    assert _url("session-add", case) not in html


def test_staff_of_another_agency_and_platform_admins_get_not_found(world, client_for, case):
    for user in (world.advisor_y, world.admin, world.member_a):
        response = client_for(user).get(_url("case-detail", case))
        assert response.status_code == 404, user
        assert case.title not in response.content.decode(), user


# --- The timeline ------------------------------------------------------------------------------


def test_the_timeline_lists_everything_newest_first(world, client_for, case):
    _session(case, world.advisor_x, held_on=_days_ago(30), participants="Gründungsmitglieder")
    services.timeline.add_outcome(
        case,
        by=world.advisor_x,
        kind="funding_submitted",
        achieved_on=_days_ago(10),
        programme="Auf Augenhöhe",
        amount=Decimal("12500.00"),
    )
    start = timezone.now() - datetime.timedelta(days=5)
    Appointment.objects.create(
        case=case,
        agency=world.agency_x,
        advisor=world.advisor_x,
        title="Termin beim Notariat",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        channel="in_person",
    )
    services.timeline.add_task(
        case, by=world.advisor_x, title="Anmeldung beim Registergericht", due_on=_days_ago(1)
    )

    html = _page(client_for(world.advisor_x), case)

    positions = [
        html.index(text)
        for text in (
            "Anmeldung beim Registergericht",
            "Termin beim Notariat",
            "Auf Augenhöhe",
            "Gründungsmitglieder",
        )
    ]
    assert positions == sorted(positions)
    assert "12,500.00 €" in html


def test_a_session_shows_its_facts_and_next_steps_to_colleagues_but_the_summary_only_to_advisors(
    world, client_for, case, colleague
):
    _session(case, world.advisor_x)

    advisor_html = _page(client_for(world.advisor_x), case)
    colleague_html = _page(client_for(colleague), case)
    manager_html = _page(client_for(world.manager_x), case)

    for html in (advisor_html, colleague_html, manager_html):
        assert "90 minutes" in html
        assert "Vorstand, Kassenwartin" in html
        assert "Satzungsentwurf bis Freitag an die Beratungsstelle" in html
    assert "Konflikt um den Vorsitz" in advisor_html
    assert "Konflikt um den Vorsitz" not in colleague_html
    assert "Konflikt um den Vorsitz" not in manager_html


def test_an_overdue_task_is_marked_and_can_be_marked_done(world, client_for, case):
    task = services.timeline.add_task(
        case,
        by=world.advisor_x,
        title="Gemeinnützigkeit beim Finanzamt beantragen",
        due_on=_days_ago(2),
        assignee=world.advisor_x,
    )
    client = client_for(world.advisor_x)
    html = _page(client, case)
    assert "Overdue" in html
    assert "assigned to Xenia Wolff" in html

    response = client.post(_url("task-done", case, task=task.pk))

    assert response["Location"] == _url("case-detail", case)
    task.refresh_from_db()
    assert task.done_at is not None
    html = _page(client, case)
    assert "Overdue" not in html
    assert "Done on" in html
    assert _url("task-done", case, task=task.pk) not in html


def test_open_tasks_are_listed_soonest_due_first_and_done_ones_join_the_timeline(
    world, client_for, case
):
    def task(title, due_on=None):
        return services.timeline.add_task(case, by=world.advisor_x, title=title, due_on=due_on)

    task("Ohne Termin")
    task("In zwei Wochen", _days_ago(-14))
    task("Morgen", _days_ago(-1))
    task("Seit drei Tagen fällig", _days_ago(3))
    done = task("Erledigt", _days_ago(-30))
    services.timeline.complete_task(done, by=world.advisor_x)

    html = _page(client_for(world.advisor_x), case)

    open_list, timeline = html.split('id="timeline-heading"')
    assert "4 open tasks" in open_list
    titles = re.findall(r"Task · ([^<]+)</h3>", open_list)
    assert titles == ["Seit drei Tagen fällig", "Morgen", "In zwei Wochen", "Ohne Termin"]
    assert re.findall(r"Task · ([^<]+)</h3>", timeline) == ["Erledigt"]


def test_a_colleague_cannot_mark_a_task_done(world, client_for, case, colleague):
    task = services.timeline.add_task(case, by=world.advisor_x, title="Notartermin vereinbaren")

    response = client_for(colleague).post(_url("task-done", case, task=task.pk))

    assert response.status_code == 403
    task.refresh_from_db()
    assert task.done_at is None


def test_a_task_of_another_case_is_not_found_under_this_case(world, client_for, case):
    other = factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Anderer Fall")
    task = services.timeline.add_task(other, by=world.advisor_x, title="Fremde Aufgabe")

    response = client_for(world.advisor_x).post(_url("task-done", case, task=task.pk))

    assert response.status_code == 404
    task.refresh_from_db()
    assert task.done_at is None


def test_forwardings_show_both_agencies_and_the_reason_to_the_new_agency(world, client_for, case):
    services.cases.forward_case(
        case,
        to_agency=world.agency_y,
        advisors=[world.advisor_y],
        reason="Der Verein ist nach Süddeutschland umgezogen.",
        by=world.advisor_x,
    )

    html = _page(client_for(world.advisor_y), case)

    assert "From Kompetenzzentrum Migration Nord to Integrationsagentur Süd" in html
    assert "Der Verein ist nach Süddeutschland umgezogen." in html
    assert client_for(world.advisor_x).get(_url("case-detail", case)).status_code == 404


def test_the_case_page_costs_the_same_queries_for_one_or_three_of_each_item(
    world, client_for, case
):
    client = client_for(world.advisor_x)

    def add_one(n):
        _session(case, world.advisor_x, participants=f"Runde {n}")
        services.timeline.add_task(case, by=world.advisor_x, title=f"Aufgabe {n}")
        services.timeline.add_note(case, body=f"Notiz {n}", by=world.advisor_x)
        services.timeline.add_outcome(
            case, by=world.advisor_x, kind="cooperation", achieved_on=_days_ago(n)
        )

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _page(client, case)
        return len(queries)

    add_one(1)
    one = count()
    add_one(2)
    add_one(3)
    assert count() == one


# --- Sessions ----------------------------------------------------------------------------------


def test_an_advisor_records_a_session(world, client_for, case):
    response = client_for(world.advisor_x).post(
        _url("session-add", case),
        {
            "held_on": _days_ago(1).isoformat(),
            "duration_minutes": "45",
            "channel": "phone",
            "participants": "Frau Nasser",
            "summary": "Finanzielle Lage angespannt",
            "next_steps": "Kostenplan schicken",
        },
    )

    assert response["Location"] == _url("case-detail", case)
    session = Session.objects.get(case=case)
    assert (session.held_on, session.duration_minutes, session.channel) == (
        _days_ago(1),
        45,
        "phone",
    )
    assert session.summary == "Finanzielle Lage angespannt"
    assert session.next_steps == "Kostenplan schicken"
    assert session.advisor == world.advisor_x


def test_a_manager_of_the_agency_may_record_a_session(world, client_for, case):
    response = client_for(world.manager_x).post(
        _url("session-add", case),
        {"held_on": TODAY.isoformat(), "duration_minutes": "30", "channel": "email"},
    )

    assert response.status_code == 302
    assert Session.objects.get(case=case).advisor == world.manager_x


@pytest.mark.parametrize(
    ("duration", "held_on", "message"),
    [
        ("0", _days_ago(1), "greater than or equal to 1"),
        ("1441", _days_ago(1), "less than or equal to 1440"),
        ("-5", _days_ago(1), "greater than or equal to 1"),
        ("viel", _days_ago(1), "Enter a whole number"),
        ("60", TODAY + datetime.timedelta(days=2), "once it has taken place"),
        ("60", datetime.date(1970, 1, 1), "before the year 2000"),
    ],
)
def test_a_session_with_an_impossible_duration_or_date_is_refused(
    world, client_for, case, duration, held_on, message
):
    response = client_for(world.advisor_x).post(
        _url("session-add", case),
        {"held_on": held_on.isoformat(), "duration_minutes": duration, "channel": "phone"},
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Session.objects.exists()


def test_a_colleague_cannot_record_a_session(world, client_for, case, colleague):
    response = client_for(colleague).post(
        _url("session-add", case),
        {"held_on": TODAY.isoformat(), "duration_minutes": "30", "channel": "phone"},
    )

    assert response.status_code == 403
    assert not Session.objects.exists()


# --- Tasks -------------------------------------------------------------------------------------


def test_a_task_is_added_for_one_of_the_cases_advisors_and_shared(world, client_for, case):
    response = client_for(world.advisor_x).post(
        _url("task-add", case),
        {
            "title": "Satzung beim Amtsgericht einreichen",
            "due_on": (TODAY + datetime.timedelta(days=14)).isoformat(),
            "assignee": world.advisor_x.pk,
            "is_shared": "on",
        },
    )

    assert response.status_code == 302
    task = Task.objects.get(case=case)
    assert (task.title, task.assignee, task.is_shared) == (
        "Satzung beim Amtsgericht einreichen",
        world.advisor_x,
        True,
    )


def test_a_task_cannot_be_assigned_to_someone_who_is_not_an_advisor_of_the_case(
    world, client_for, case, colleague
):
    response = client_for(world.advisor_x).post(
        _url("task-add", case), {"title": "Beitragsordnung prüfen", "assignee": colleague.pk}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Task.objects.exists()


# --- Outcomes ----------------------------------------------------------------------------------


def test_a_funding_outcome_is_recorded_with_programme_and_amount_and_audited(
    world, client_for, case
):
    response = client_for(world.advisor_x).post(
        _url("outcome-add", case),
        {
            "kind": "funding_approved",
            "achieved_on": _days_ago(2).isoformat(),
            "programme": "Tandemförderung der Hamburger Behörde",
            "amount": "8000.50",
            "comment": "Bewilligt für 2026",
        },
    )

    assert response.status_code == 302
    outcome = Outcome.objects.get(case=case)
    assert (outcome.kind, outcome.programme, outcome.amount) == (
        "funding_approved",
        "Tandemförderung der Hamburger Behörde",
        Decimal("8000.50"),
    )
    entry = AuditLogEntry.objects.get(object_type="counselling.outcome")
    assert entry.actor == world.advisor_x
    assert entry.changes["amount"] == "8000.50"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "funding_submitted", "amount": "100"}, "Please name the programme."),
        ({"kind": "funding_submitted", "programme": "Auf Augenhöhe"}, "Please give the amount."),
        (
            {"kind": "funding_approved", "programme": "Auf Augenhöhe", "amount": "-10"},
            "The amount cannot be negative.",
        ),
        ({"kind": "committee_seat", "amount": "500"}, "Only funding outcomes have an amount."),
        ({"kind": "no_such_kind"}, "Select a valid choice"),
    ],
)
def test_an_outcome_with_missing_or_wrong_funding_details_is_refused(
    world, client_for, case, data, message
):
    response = client_for(world.advisor_x).post(
        _url("outcome-add", case), {"achieved_on": _days_ago(1).isoformat(), **data}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Outcome.objects.exists()


def test_an_anonymised_case_takes_nothing_new(world, client_for, case):
    case.anonymised_at = timezone.now()
    case.save(update_fields=["anonymised_at"])

    response = client_for(world.advisor_x).post(
        _url("outcome-add", case),
        {"kind": "cooperation", "achieved_on": _days_ago(1).isoformat()},
    )

    assert "This case has been anonymised" in response.content.decode()
    assert not Outcome.objects.exists()
