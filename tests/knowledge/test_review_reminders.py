"""A guide's owner is reminded on the morning its review date comes, once per review date."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail

from gemeinsam.knowledge import services, tasks
from gemeinsam.knowledge.inputs import GuideInput
from tests.knowledge.guides import make_guide

BERLIN = ZoneInfo("Europe/Berlin")


def _morning(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(7, 0), tzinfo=BERLIN)


def test_the_owner_is_reminded_when_the_review_comes_across_the_month_end(world, run_jobs):
    guide = make_guide(world.agency_x, by=world.advisor_x, as_of=datetime.date(2026, 8, 31))
    assert guide.review_on == datetime.date(2027, 2, 28)

    with time_machine.travel(_morning(datetime.date(2027, 2, 27)), tick=False):
        assert tasks.send_review_reminders.call() == 0
    with time_machine.travel(_morning(datetime.date(2027, 2, 28)), tick=False):
        assert tasks.send_review_reminders.call() == 1
        run_jobs()
        # The same morning again (a second worker, the command): nobody is mailed twice.
        assert tasks.send_review_reminders.call() == 0
        run_jobs()

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            ["advisor.x@example.org"],
            # In the owner's language (German, the default).
            "Bitte überprüfen Sie den Leitfaden Anerkennung als Träger der freien Jugendhilfe",
        )
    ]
    assert f"/knowledge/{guide.slug}/edit/" in mail.outbox[0].body


def test_a_missed_morning_is_caught_up_and_a_new_review_date_reminds_again(world, run_jobs):
    guide = make_guide(world.agency_x, by=world.advisor_x, as_of=datetime.date(2026, 1, 31))
    assert guide.review_on == datetime.date(2026, 7, 31)

    with time_machine.travel(_morning(datetime.date(2026, 8, 3)), tick=False):
        assert tasks.send_review_reminders.call() == 1
        run_jobs()
        services.update_guide(
            guide,
            GuideInput(
                title=guide.title,
                summary=guide.summary,
                as_of=datetime.date(2026, 8, 3),
                review_on=datetime.date(2026, 9, 30),
                counselling_topic_id=guide.counselling_topic_id,
                owner_id=world.advisor_x.pk,
            ),
            by=world.advisor_x,
        )
    with time_machine.travel(_morning(datetime.date(2026, 9, 29)), tick=False):
        assert tasks.send_review_reminders.call() == 0
    with time_machine.travel(_morning(datetime.date(2026, 9, 30)), tick=False):
        assert tasks.send_review_reminders.call() == 1
        run_jobs()

    assert len(mail.outbox) == 2


def test_a_guide_without_an_active_owner_reminds_nobody(world, run_jobs):
    guide = make_guide(world.agency_x, by=world.advisor_x, as_of=datetime.date(2026, 1, 31))
    world.advisor_x.is_active = False
    world.advisor_x.save()

    with time_machine.travel(_morning(datetime.date(2026, 8, 1)), tick=False):
        assert tasks.send_review_reminders.call() == 0
        run_jobs()

    guide.refresh_from_db()
    assert (mail.outbox, guide.review_reminded_for) == ([], None)
