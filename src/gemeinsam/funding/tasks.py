"""Deadline reminders: whoever watches a programme gets a mail before its next deadline.

`REMINDER_DAYS` are the steps: a mail 14 days before the deadline (time to prepare the
application) and one 3 days before (time to send it off). A daily sweep
(`send_deadline_reminders`) finds the steps due, records each one (`DeadlineReminder`) and
queues one mail per person listing all their programmes due, all in one transaction; it runs
at 07:00 Europe/Berlin every morning (`core.schedule`).

A sweep that did not run for a few days catches up: a step whose day passed at most
`CATCH_UP_DAYS` ago is still sent, but never after the deadline itself, and a step whose day
came before someone started watching is not sent (they had just seen the deadline). The command
`gemeinsam send_deadline_reminders` runs the sweep once (for cron) and makes sure the daily run
is queued; running both, or the sweep twice, mails nobody twice for the same deadline and step.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from gemeinsam.core.schedule import daily

from .models import DeadlineReminder, Programme, WatchedProgramme

# Days before a deadline on which a reminder goes out, earliest first.
REMINDER_DAYS = (14, 3)
REMINDER_TIME = datetime.time(7, 0)
# A step missed because the sweep did not run (a server down over a weekend) is still sent
# this many days after its day; later, the next step (or the deadline) is close anyway.
CATCH_UP_DAYS = 3


@dataclass(frozen=True)
class DueStep:
    watch: WatchedProgramme
    deadline: datetime.date
    days_before: int


def due_steps(today: datetime.date) -> list[DueStep]:
    """For every watched, active programme with a deadline ahead (or today): the most urgent
    reminder step due today or missed in the last days, if any. Already sent steps included;
    the sweep skips those."""
    steps = []
    watches = WatchedProgramme.objects.filter(
        programme__is_active=True, user__is_active=True
    ).select_related("programme")
    for watch in watches.order_by("user_id", "id"):
        deadline = watch.programme.next_deadline(today)
        if deadline is None:
            continue
        watched_on = timezone.localdate(watch.created_at)
        due = [
            days
            for days in REMINDER_DAYS
            if (step_day := deadline - datetime.timedelta(days=days)) <= today
            and (today - step_day).days <= CATCH_UP_DAYS
            and step_day >= watched_on
        ]
        if due:
            steps.append(DueStep(watch, deadline, min(due)))
    return steps


@transaction.atomic
def sweep(today: datetime.date | None = None) -> int:
    """Record every due step and queue one mail per person; returns the number of reminders.

    Each step is claimed by creating its `DeadlineReminder` (unique per person, programme,
    deadline and step), so two sweeps at the same moment never send the same one twice.
    """
    today = today or timezone.localdate()
    by_user: dict[int, list[int]] = defaultdict(list)
    for step in due_steps(today):
        reminder, created = DeadlineReminder.objects.get_or_create(
            user_id=step.watch.user_id,
            programme_id=step.watch.programme_id,
            deadline=step.deadline,
            days_before=step.days_before,
        )
        if created:
            by_user[step.watch.user_id].append(reminder.pk)
    for user_id, reminder_ids in by_user.items():
        send_deadline_reminder_mail.enqueue(user_id, reminder_ids, today.isoformat())
    return sum(len(ids) for ids in by_user.values())


def _absolute(path: str) -> str:
    return f"{settings.GEMEINSAM_BASE_URL.rstrip('/')}{path}"


@dataclass(frozen=True)
class MailItem:
    programme: Programme
    deadline: datetime.date
    days_left: int
    organization: object
    programme_url: str


def build_reminder_mail(user, items: list[MailItem]) -> EmailMessage:
    """The mail in the recipient's language, with links in that language."""
    with translation.override(user.preferred_language):
        context = {
            "user": user,
            "items": items,
            "count": len(items),
            "watch_list_url": _absolute(reverse("funding:watch-list")),
        }
        subject = render_to_string("funding/mail/deadline_reminder_subject.txt", context)
        body = render_to_string("funding/mail/deadline_reminder_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email])


@task()
def send_deadline_reminder_mail(user_id: int, reminder_ids: list[int], today: str) -> bool:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    day = datetime.date.fromisoformat(today)
    watching = {
        watch.programme_id: watch
        for watch in WatchedProgramme.objects.filter(user=user).select_related("organization")
    }
    reminders = (
        DeadlineReminder.objects.filter(pk__in=reminder_ids, user=user)
        .select_related("programme")
        .order_by("deadline", "programme__name")
    )
    items = []
    with translation.override(user.preferred_language):
        for reminder in reminders:
            watch = watching.get(reminder.programme_id)
            if watch is None:  # stopped watching since the sweep
                continue
            url = reverse("funding:programme-detail", kwargs={"code": reminder.programme.code})
            items.append(
                MailItem(
                    programme=reminder.programme,
                    deadline=reminder.deadline,
                    days_left=(reminder.deadline - day).days,
                    organization=watch.organization,
                    programme_url=_absolute(url),
                )
            )
    if not items:
        return False
    build_reminder_mail(user, items).send()
    return True


@daily(at=REMINDER_TIME)
def send_deadline_reminders() -> int:
    """The daily sweep: remind of the deadlines coming up (`core.schedule` queues the next run)."""
    return sweep()
