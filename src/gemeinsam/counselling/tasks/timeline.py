"""Task reminders: on the morning a task is due, its assignee gets a mail about it, once.

A daily sweep (`send_task_reminders`) marks the due tasks (`Task.reminder_sent_at`) and queues
one mail per assignee listing their tasks, all in one transaction; it runs at 07:00 Europe/Berlin
every morning (`core.schedule`). The command `gemeinsam send_task_reminders` runs the sweep once
(for cron) and makes sure the daily run is queued; running both, or the sweep twice, mails
nobody twice.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from gemeinsam.agencies.models import StaffMembership
from gemeinsam.core.schedule import daily

from ..enums import CaseStatus
from ..models import Task

REMINDER_TIME = datetime.time(7, 0)
# A sweep that did not run for a few days (a server down over the weekend) catches up;
# tasks overdue for longer were surely noticed on the case already.
CATCH_UP_DAYS = 7


def due_tasks(today: datetime.date) -> QuerySet[Task]:
    """Open tasks due today (or missed in the last days), not yet reminded, on open cases,
    assigned to someone who still works for the case's agency."""
    works_there = StaffMembership.objects.filter(
        user=OuterRef("assignee"), agency=OuterRef("case__agency"), is_active=True
    )
    return Task.objects.filter(
        done_at__isnull=True,
        reminder_sent_at__isnull=True,
        due_on__lte=today,
        due_on__gte=today - datetime.timedelta(days=CATCH_UP_DAYS),
        assignee__is_active=True,
        case__status=CaseStatus.OPEN,
        case__anonymised_at__isnull=True,
    ).filter(Exists(works_there))


@transaction.atomic
def sweep(today: datetime.date | None = None) -> int:
    """Mark every due task and queue one mail per assignee; returns the number of tasks.

    Each task is claimed by a conditional update, so two sweeps at the same moment never
    remind of the same task twice.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    by_assignee: dict[int, list[int]] = defaultdict(list)
    for pk, assignee_id in (
        due_tasks(today).order_by("due_on", "id").values_list("pk", "assignee_id")
    ):
        claimed = Task.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if claimed:
            by_assignee[assignee_id].append(pk)
    for assignee_id, task_ids in by_assignee.items():
        send_task_reminder_mail.enqueue(assignee_id, task_ids)
    return sum(len(ids) for ids in by_assignee.values())


def _case_url(task: Task, language: str) -> str:
    base = settings.GEMEINSAM_BASE_URL.rstrip("/")
    with translation.override(language):
        return f"{base}{reverse('counselling:case-detail', kwargs={'pk': task.case_id})}"


def build_reminder_mail(user, tasks: list[Task]) -> EmailMessage:
    language = user.preferred_language
    with translation.override(language):
        context = {
            "user": user,
            "items": [(task, _case_url(task, language)) for task in tasks],
            "count": len(tasks),
        }
        subject = render_to_string(
            "counselling/appointments/mail/task_reminder_subject.txt", context
        ).strip()
        body = render_to_string("counselling/appointments/mail/task_reminder_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email])


@task()
def send_task_reminder_mail(user_id: int, task_ids: list[int]) -> bool:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    tasks = list(
        Task.objects.filter(pk__in=task_ids, assignee_id=user_id, done_at__isnull=True)
        .select_related("case")
        .order_by("due_on", "id")
    )
    if user is None or not tasks:
        return False  # done or handed on since the sweep: nothing to remind of
    build_reminder_mail(user, tasks).send()
    return True


@daily(at=REMINDER_TIME)
def send_task_reminders() -> int:
    """The daily sweep: remind of the tasks due today (`core.schedule` queues the next run)."""
    return sweep()
