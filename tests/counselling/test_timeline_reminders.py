"""Task reminders: the assignee of an open task gets one mail on the morning it is due."""

from __future__ import annotations

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gemeinsam.core.schedule import next_at
from gemeinsam.counselling.models import Task
from gemeinsam.counselling.tasks.timeline import REMINDER_TIME, send_task_reminders
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def case(world):
    return factories.make_case(world.agency_x, advisors=[world.advisor_x], title="Satzung")


def _task(case, assignee, *, due_in_days=0, title="Satzungsentwurf an das Amtsgericht", **extra):
    return Task.objects.create(
        case=case,
        title=title,
        assignee=assignee,
        due_on=timezone.localdate() + datetime.timedelta(days=due_in_days),
        **extra,
    )


def _run_command() -> str:
    out = io.StringIO()
    call_command("send_task_reminders", stdout=out)
    return out.getvalue()


def _daily_runs():
    return DBTaskResult.objects.filter(
        task_path=send_task_reminders.module_path, status="READY"
    ).order_by("run_after")


def test_a_task_due_today_gets_one_mail_and_a_second_sweep_sends_nothing(world, case, run_jobs):
    world.advisor_x.preferred_language = "en"
    world.advisor_x.save()
    task = _task(case, world.advisor_x)

    _run_command()
    run_jobs()
    _run_command()
    run_jobs()

    (message,) = mail.outbox
    task.refresh_from_db()
    assert message.to == ["advisor.x@example.org"]
    assert message.subject == "Reminder: a task is due"
    assert "Satzungsentwurf an das Amtsgericht" in message.body
    assert f"/en/counselling/manage/cases/{case.pk}/" in message.body
    assert task.reminder_sent_at is not None


def test_done_tasks_tasks_due_later_and_unassigned_tasks_get_no_mail(world, case, run_jobs):
    _task(case, world.advisor_x, done_at=timezone.now())
    _task(case, world.advisor_x, due_in_days=1)
    _task(case, None)

    _run_command()
    run_jobs()

    assert mail.outbox == []


def test_someone_who_left_the_agency_is_not_reminded(world, case, run_jobs):
    _task(case, world.advisor_x)
    world.advisor_x.staff_memberships.update(is_active=False)

    _run_command()
    run_jobs()

    assert mail.outbox == []


def test_an_assignee_gets_one_mail_for_all_tasks_due_in_their_language(world, case, run_jobs):
    _task(case, world.manager_x, title="Gründungsversammlung vorbereiten")
    _task(case, world.manager_x, due_in_days=-2, title="Notartermin vereinbaren")

    _run_command()
    run_jobs()

    (message,) = mail.outbox
    assert world.manager_x.preferred_language == "de"
    assert message.body.startswith("Hallo Marta Krüger,")
    assert message.body.index("Notartermin") < message.body.index("Gründungsversammlung")
    assert f"/de/counselling/manage/cases/{case.pk}/" in message.body


def test_the_daily_job_sends_the_reminders_and_queues_itself_once_for_seven_tomorrow(
    world, case, run_jobs
):
    _task(case, world.advisor_x)
    send_task_reminders.enqueue()

    run_jobs()
    _run_command()

    (queued,) = _daily_runs()
    assert len(mail.outbox) == 1
    assert queued.run_after == next_at(REMINDER_TIME)
    assert timezone.localtime(queued.run_after).time() == datetime.time(7, 0)
    assert queued.run_after > timezone.now()


def test_the_command_queues_the_daily_run_when_none_is_waiting(db):
    output = _run_command()

    assert [r.run_after for r in _daily_runs()] == [next_at(REMINDER_TIME)]
    assert f"Next run: {timezone.localtime(next_at(REMINDER_TIME)):%Y-%m-%d} 07:00 " in output


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime.datetime(2026, 3, 28, 6, 59), datetime.datetime(2026, 3, 28, 7, 0)),
        (datetime.datetime(2026, 3, 28, 7, 0), datetime.datetime(2026, 3, 29, 7, 0)),
        (datetime.datetime(2026, 10, 24, 23, 30), datetime.datetime(2026, 10, 25, 7, 0)),
    ],
)
def test_the_next_run_is_seven_in_the_morning_in_berlin_also_across_summer_time(now, expected):
    assert next_at(REMINDER_TIME, now.replace(tzinfo=BERLIN)) == expected.replace(tzinfo=BERLIN)
