"""The mandate's lifecycle, succession and carry-over, and the term-end reminders."""

from __future__ import annotations

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from gemeinsam.committees import services, tasks
from gemeinsam.committees.enums import MandateAction, MandateStatus, SeatRole
from gemeinsam.committees.models import Mandate, TermReminder
from tests.committees import factories

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def seat(world):
    committee = factories.make_committee(world.agency_x)
    return factories.make_seat(committee, term=factories.make_term(committee))


def _walk(mandate, *actions, by=None, today=None):
    for action in actions:
        mandate = services.advance_mandate(mandate, action, by=by, today=today)
    return mandate


def test_the_lifecycle_runs_from_interest_to_report_back(world, seat):
    mandate = factories.make_mandate(seat, organization=world.org_a)

    mandate = _walk(
        mandate,
        MandateAction.NOMINATE,
        MandateAction.PROPOSE,
        MandateAction.APPOINT,
        MandateAction.ATTEND,
        MandateAction.ATTEND,
        MandateAction.REPORT,
        by=world.advisor_x,
        today=datetime.date(2026, 3, 2),
    )

    assert (mandate.status, mandate.appointed_on) == (
        MandateStatus.REPORTED,
        datetime.date(2026, 3, 2),
    )
    assert (mandate.meetings_attended, mandate.reports_given) == (2, 1)


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (MandateStatus.INTEREST, MandateAction.APPOINT),
        (MandateStatus.NOMINATED, MandateAction.ATTEND),
        (MandateStatus.APPOINTED, MandateAction.WITHDRAW),
        (MandateStatus.SUCCEEDED, MandateAction.REPORT),
        (MandateStatus.WITHDRAWN, MandateAction.NOMINATE),
    ],
)
def test_a_step_the_lifecycle_does_not_allow_is_refused_and_changes_nothing(
    world, seat, status, action
):
    mandate = factories.make_mandate(seat, status=status)

    with pytest.raises(ValidationError):
        services.advance_mandate(mandate, action, by=world.advisor_x)

    mandate.refresh_from_db()
    assert (mandate.status, mandate.meetings_attended) == (status, 0)


def test_the_refusal_names_the_step_and_the_status_in_the_persons_language(world, seat):
    mandate = factories.make_mandate(seat, status=MandateStatus.INTEREST)

    with translation.override("de"), pytest.raises(ValidationError) as refused:
        services.advance_mandate(mandate, MandateAction.APPOINT, by=world.advisor_x)

    assert refused.value.messages == [
        "„Berufung erfassen“ ist für ein Mandat mit dem Stand „interessiert“ nicht möglich."
    ]


def test_the_refusal_reaches_the_page_as_a_message(world, seat, client_for):
    mandate = factories.make_mandate(seat, status=MandateStatus.INTEREST)
    client = client_for(world.advisor_x)

    response = client.post(
        f"/tr/committees/mandates/{mandate.pk}/step/", {"action": "report"}, follow=True
    )

    assert "“Ağa yapılan geri bildirimi kaydet”, durumu “ilgileniyor”" in (
        response.content.decode().replace("&quot;", '"')
    )


def test_the_holder_stays_on_after_the_term_until_a_successor_is_appointed(world, seat):
    seat.term.start_date, seat.term.end_date = (
        datetime.date(2016, 11, 1),
        datetime.date(2021, 10, 31),
    )
    seat.term.save()
    holder = factories.make_mandate(
        seat, "Amina Yılmaz", organization=world.org_a, status=MandateStatus.REPORTED
    )
    alternate = factories.make_mandate(
        seat, "Deniz Kaya", status=MandateStatus.APPOINTED, role=SeatRole.ALTERNATE
    )
    successor = factories.make_mandate(seat, "Kemal Aksoy", status=MandateStatus.PROPOSED)

    # Proposed is not appointed: the holder still holds the seat after the term's end.
    holder.refresh_from_db()
    assert holder.is_holding

    successor = services.advance_mandate(
        successor, MandateAction.APPOINT, by=world.advisor_x, today=datetime.date(2022, 1, 20)
    )

    holder.refresh_from_db()
    alternate.refresh_from_db()
    assert (holder.status, holder.ended_on, holder.successor) == (
        MandateStatus.SUCCEEDED,
        datetime.date(2022, 1, 20),
        successor,
    )
    # The alternate holds another role of the seat and stays.
    assert alternate.status == MandateStatus.APPOINTED
    assert list(
        Mandate.objects.filter(seat=seat, status__in=["appointed", "reported"]).values_list(
            "holder_name", flat=True
        )
    ) == ["Deniz Kaya", "Kemal Aksoy"]


def test_a_member_of_the_organization_may_not_take_a_step(world, seat, client_for):
    mandate = factories.make_mandate(seat, organization=world.org_a, status=MandateStatus.PROPOSED)

    response = client_for(world.member_a).post(
        f"/de/committees/mandates/{mandate.pk}/step/", {"action": "appoint"}
    )

    mandate.refresh_from_db()
    assert (response.status_code, mandate.status) == (403, MandateStatus.PROPOSED)


def test_the_pipeline_lists_only_the_steps_allowed_next(world, seat, client_for):
    factories.make_mandate(seat, "Amina Yılmaz", status=MandateStatus.NOMINATED)

    page = client_for(world.advisor_x).get(
        f"/en/committees/lichtenberg/{seat.committee.slug}/mandates/"
    )

    html = page.content.decode()
    assert 'value="propose"' in html
    assert 'value="withdraw"' in html
    assert 'value="appoint"' not in html


def test_the_pipeline_costs_the_same_for_three_mandates_as_for_one(
    world, seat, client_for, django_assert_num_queries
):
    client = client_for(world.advisor_x)
    url = f"/en/committees/lichtenberg/{seat.committee.slug}/mandates/"
    factories.make_mandate(seat, "Person 0", organization=world.org_a)
    client.get(url)  # content types are read once per process
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    factories.make_mandate(seat, "Person 1", organization=world.org_b)
    factories.make_mandate(seat, "Person 2", status=MandateStatus.APPOINTED)

    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert "Person 2" in response.content.decode()


def _holder_until(world, seat, end: datetime.date):
    seat.term.end_date = end
    seat.term.save()
    return factories.make_mandate(
        seat, "Amina Yılmaz", organization=world.org_a, status=MandateStatus.APPOINTED
    )


@pytest.mark.parametrize(
    ("end", "day_before", "due_day"),
    [
        # 60 days before 29 February 2028 is 31 December 2027.
        (datetime.date(2028, 2, 29), datetime.date(2027, 12, 30), datetime.date(2027, 12, 31)),
        # 60 days before 1 March 2027 is 31 December 2026 (February has 28 days).
        (datetime.date(2027, 3, 1), datetime.date(2026, 12, 30), datetime.date(2026, 12, 31)),
        # Across a month's end: 60 days before 30 April is 29 February in a leap year.
        (datetime.date(2028, 4, 29), datetime.date(2028, 2, 28), datetime.date(2028, 2, 29)),
    ],
)
def test_the_reminder_goes_out_sixty_days_before_the_term_ends(
    world, seat, run_jobs, end, day_before, due_day
):
    _holder_until(world, seat, end)

    with time_machine.travel(datetime.datetime.combine(day_before, datetime.time(7), BERLIN)):
        assert tasks.sweep() == 0
    with time_machine.travel(datetime.datetime.combine(due_day, datetime.time(7), BERLIN)):
        assert tasks.sweep() == 1
        run_jobs()
    next_day = due_day + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(next_day, datetime.time(7), BERLIN)):
        assert tasks.sweep() == 0  # never twice

    # Agency X's advisor and manager, one mail each.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.advisor_x.email, world.manager_x.email]
    )
    assert "Amina Yılmaz" in mail.outbox[0].body
    assert "(in 60 Tagen)" in mail.outbox[0].body
    assert TermReminder.objects.get().term_end == end


def test_a_missed_sweep_catches_up_but_not_after_the_end(world, seat):
    _holder_until(world, seat, datetime.date(2027, 3, 1))

    assert tasks.sweep(datetime.date(2027, 3, 1)) == 0  # the term ended today
    assert tasks.sweep(datetime.date(2027, 1, 15)) == 1  # days after the due day


def test_a_successor_appointed_before_the_reminder_ends_it(world, seat):
    holder = _holder_until(world, seat, datetime.date(2027, 3, 1))
    successor = factories.make_mandate(seat, "Kemal Aksoy", status=MandateStatus.PROPOSED)
    services.advance_mandate(successor, MandateAction.APPOINT, by=None)

    # The successor holds the seat now, on the same term; the earlier holder gets none.
    assert tasks.sweep(datetime.date(2026, 12, 31)) == 1
    assert TermReminder.objects.get().mandate_id == successor.pk
    holder.refresh_from_db()
    assert holder.status == MandateStatus.SUCCEEDED


def test_the_reminder_mail_is_in_the_staff_members_language(world, seat):
    world.advisor_x.preferred_language = "ar"
    world.advisor_x.save()
    mandate = _holder_until(world, seat, datetime.date(2027, 3, 1))

    message = tasks.build_mail(world.advisor_x, [mandate], datetime.date(2026, 12, 31))

    assert "تنتهي الولاية" in message.body
    assert message.to == [world.advisor_x.email]


def test_the_command_sweeps_once_and_queues_the_next_morning_run(world, seat):
    _holder_until(world, seat, datetime.date(2027, 3, 1))
    out = io.StringIO()

    with time_machine.travel(datetime.datetime(2026, 12, 31, 12, tzinfo=BERLIN), tick=False):
        call_command("send_term_reminders", stdout=out)
        call_command("send_term_reminders", stdout=io.StringIO())

    assert out.getvalue().splitlines()[0] == "Queued 1 term-end reminder(s)."
    assert TermReminder.objects.count() == 1
    [run] = DBTaskResult.objects.filter(
        task_path=tasks.send_term_reminders.module_path, status="READY"
    )
    assert run.run_after.astimezone(BERLIN) == datetime.datetime(2027, 1, 1, 7, tzinfo=BERLIN)
