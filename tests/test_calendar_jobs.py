"""Every scheduled job on every kind of day: month ends, Christmas, New Year, 29 February and the
two daylight-saving switches in Europe/Berlin.

Each test moves the clock (time-machine) to the evening before, starts the job's daily chain as
the command does, and lets the worker run what is due at the job's hour: nothing a minute
before, the day's work at the hour, and the next run queued for the same wall-clock time the
next day — 23 or 25 hours later across a switch.
"""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gemeinsam.counselling import queries as counselling_queries
from gemeinsam.counselling import services as counselling_services
from gemeinsam.counselling.models import Case, Task
from gemeinsam.counselling.tasks import cases as case_tasks
from gemeinsam.counselling.tasks import timeline as timeline_tasks
from gemeinsam.funding import tasks as funding_tasks
from gemeinsam.funding.models import DeadlineReminder, Programme, WatchedProgramme
from gemeinsam.organizations import services as organization_services
from gemeinsam.organizations.interchange import retention as import_retention
from gemeinsam.organizations.models import ImportBatch, Organization
from tests import factories
from tests.calendar_days import BERLIN, DAYS, LEAP_DAY, each_day, local

DAY = datetime.timedelta(days=1)


def _ready(job) -> list[datetime.datetime]:
    runs = DBTaskResult.objects.filter(task_path=job.module_path, status="READY")
    return [timezone.localtime(r.run_after) for r in runs.order_by("run_after")]


def _run_at(moment: datetime.datetime, run_jobs) -> list:
    """Move the clock to `moment`, let the worker run what is due; the mails it sent."""
    before = len(mail.outbox)
    with time_machine.travel(moment, tick=False):
        run_jobs()
    return mail.outbox[before:]


def _minute_before(moment: datetime.datetime) -> datetime.datetime:
    """One real minute earlier (aware arithmetic in Python would keep the wall clock's zone
    and step over a daylight-saving switch)."""
    return moment.astimezone(datetime.UTC) - datetime.timedelta(minutes=1)


def _assert_next_run(job, day: datetime.date, at: datetime.time) -> None:
    (queued,) = _ready(job)
    expected = datetime.datetime.combine(day + DAY, at, tzinfo=BERLIN)
    assert (queued.date(), queued.time()) == (day + DAY, at)
    assert queued == expected  # the same instant, not only the same clock face


def _programme(code: str, deadline: dict, checked_on: datetime.date) -> Programme:
    return Programme.objects.create(
        code=code,
        name=f"Programm {code}",
        funder="Stiftung Beispiel",
        kind="micro",
        level="federal",
        deadline=deadline,
        application_url="https://foerderung.example.org/antrag",
        source_url="https://foerderung.example.org/",
        checked_on=checked_on,
    )


@each_day()
def test_deadline_reminders_go_out_at_seven_14_and_3_days_before(world, run_jobs, day):
    with time_machine.travel(local(day - 30 * DAY), tick=False):
        for code, ahead in (("vierzehn", 14), ("drei", 3), ("fuenfzehn", 15), ("vier", 4)):
            deadline = {"kind": "fixed", "dates": [(day + ahead * DAY).isoformat()]}
            programme = _programme(code, deadline, checked_on=day - 100 * DAY)
            WatchedProgramme.objects.create(user=world.member_a, programme=programme)
    with time_machine.travel(local(day - DAY, 21, 0), tick=False):
        call_command("send_deadline_reminders", stdout=io.StringIO())
        assert mail.outbox == []  # nothing is due the evening before

    assert _run_at(_minute_before(local(day, 7, 0)), run_jobs) == []
    (message,) = _run_at(local(day, 7, 0), run_jobs)

    sent = DeadlineReminder.objects.values_list("programme__code", "days_before", "deadline")
    assert sorted(sent) == [("drei", 3, day + 3 * DAY), ("vierzehn", 14, day + 14 * DAY)]
    assert message.to == [world.member_a.email]
    assert "Programm vierzehn" in message.body and "Programm drei" in message.body
    _assert_next_run(funding_tasks.send_deadline_reminders, day, datetime.time(7, 0))
    # The same day again (a second worker, a cron run): nobody is mailed twice.
    with time_machine.travel(local(day, 12, 0), tick=False):
        assert funding_tasks.sweep() == 0


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2027, 2, 14), datetime.date(2027, 2, 28)),
        (datetime.date(2027, 3, 1), datetime.date(2028, 2, 29)),
        (datetime.date(2028, 2, 15), LEAP_DAY),
        (datetime.date(2028, 3, 1), datetime.date(2029, 2, 28)),
    ],
)
def test_a_yearly_deadline_on_29_february_falls_on_the_28th_in_other_years(db, today, expected):
    programme = _programme("schalttag", {"kind": "yearly", "month": 2, "day": 29}, checked_on=today)
    assert programme.next_deadline(today) == expected


@each_day()
def test_task_reminders_go_out_at_seven_in_the_morning(world, run_jobs, day):
    with time_machine.travel(local(day - 10 * DAY), tick=False):
        case = factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Satzung")
        Task.objects.create(
            case=case, title="Satzung einreichen", assignee=world.advisor_x, due_on=day
        )
        Task.objects.create(
            case=case, title="Kassenprüfung", assignee=world.advisor_x, due_on=day + DAY
        )
    with time_machine.travel(local(day - DAY, 21, 0), tick=False):
        call_command("send_task_reminders", stdout=io.StringIO())

    assert _run_at(_minute_before(local(day, 7, 0)), run_jobs) == []
    (message,) = _run_at(local(day, 7, 0), run_jobs)

    assert "Satzung einreichen" in message.body
    assert "Kassenprüfung" not in message.body
    _assert_next_run(timeline_tasks.send_task_reminders, day, datetime.time(7, 0))
    (tomorrow,) = _run_at(local(day + DAY, 7, 0), run_jobs)
    assert "Kassenprüfung" in tomorrow.body


@each_day()
def test_retention_anonymises_at_three_the_cases_whose_period_ended(world, run_jobs, settings, day):
    retention = settings.GEMEINSAM_CASE_RETENTION_DAYS  # three years: across a 29 February
    last_kept = day - (retention - 1) * DAY
    with time_machine.travel(local(day - (retention + 400) * DAY), tick=False):
        cases = {
            closed_on: factories.make_case(
                world.agency_x, advisors=[world.advisor_x], title=f"Fall {closed_on}"
            )
            for closed_on in (last_kept - DAY, last_kept)
        }
    for closed_on, case in cases.items():
        counselling_services.cases.close_case(case, by=world.advisor_x, on=closed_on)
    with time_machine.travel(local(day - DAY, 21, 0), tick=False):
        call_command("anonymise_expired_cases", stdout=io.StringIO())
        assert counselling_queries.expired_cases().count() == 0

    _run_at(_minute_before(local(day, 3, 0)), run_jobs)
    assert Case.objects.filter(anonymised_at__isnull=False).count() == 0
    _run_at(local(day, 3, 0), run_jobs)

    anonymised = set(Case.objects.filter(anonymised_at__isnull=False).values_list("pk", flat=True))
    assert anonymised == {cases[last_kept - DAY].pk}
    _assert_next_run(case_tasks.anonymise_expired_cases_job, day, datetime.time(3, 0))


@each_day()
def test_import_files_never_applied_are_deleted_at_half_past_two_after_30_days(
    db, run_jobs, settings, tmp_path, day
):
    settings.MEDIA_ROOT = tmp_path
    run = local(day, 2, 30)
    # Thirty days of 24 hours (counted in UTC): across a switch, not the same clock face.
    cutoff = run.astimezone(datetime.UTC) - import_retention.KEEP_UNAPPLIED
    for label, moment in (
        ("deleted", cutoff - datetime.timedelta(minutes=1)),
        ("kept", cutoff + datetime.timedelta(minutes=1)),
    ):
        with time_machine.travel(moment, tick=False):
            batch = ImportBatch(original_name=f"{label}.csv")
            batch.file.save(f"{label}.csv", ContentFile(b"Name\r\nVerein\r\n"), save=False)
            batch.save()
    with time_machine.travel(local(day - DAY, 21, 0), tick=False):
        call_command("purge_import_files", stdout=io.StringIO())

    _run_at(_minute_before(run), run_jobs)
    assert ImportBatch.objects.exclude(file="").count() == 2
    _run_at(run, run_jobs)

    kept = set(ImportBatch.objects.exclude(file="").values_list("original_name", flat=True))
    assert kept == {"kept.csv"}
    _assert_next_run(import_retention.purge_old_files_job, day, datetime.time(2, 30))


@each_day()
def test_twelve_months_without_a_check_marks_programmes_and_profiles_possibly_outdated(world, day):
    checked = {
        n: _programme(f"geprueft-{n}", {"kind": "rolling"}, day - n * DAY) for n in (365, 366)
    }
    Organization.objects.update(last_confirmed_on=day)  # the world's own: confirmed today
    confirmed = {}
    for n in (364, 365):
        org = factories.make_organization(f"Verein {n}")
        org.last_confirmed_on = day - n * DAY
        org.save()
        factories.make_membership(org, factories.make_user(f"vorstand{n}@example.org"))
        confirmed[n] = org

    with time_machine.travel(local(day), tick=False):
        assert [checked[n].possibly_outdated(timezone.localdate()) for n in (365, 366)] == [
            False,
            True,
        ]
        assert [confirmed[n].confirmation_overdue for n in (364, 365)] == [False, True]
        assert organization_services.remind_unconfirmed() == 1

    reminded = Organization.objects.filter(confirmation_reminded_on=day)
    assert list(reminded) == [confirmed[365]]
    assert [m.to for m in mail.outbox] == [["vorstand365@example.org"]]


def test_the_days_cover_every_month_christmas_29_february_and_both_switches():
    assert {d.month for d in DAYS} == set(range(1, 13))
    assert {datetime.date(2027, 12, n) for n in range(24, 32)} <= set(DAYS)
    assert LEAP_DAY in DAYS
    switches = [d for d in DAYS if local(d, 12).utcoffset() != local(d, 1).utcoffset()]
    assert [(d.month, d.day) for d in switches] == [(3, 28), (10, 31)]
