"""Term-end reminders: the staff who follow a committee hear 60 days before a holder's term ends,
so that a successor can be nominated, proposed and appointed in time.

The daily sweep (07:00 Europe/Berlin, `core.schedule`) records a `TermReminder` per holder and
term end, and queues one mail per staff member listing all holders due, in one transaction. A
missed day is caught up (a reminder is due from 60 days before the end until the end); nobody is
reminded twice for the same holder and term end.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from gemeinsam.core.schedule import daily

from . import queries
from .models import Mandate, TermReminder

REMINDER_TIME = datetime.time(7, 0)


@transaction.atomic
def sweep(today: datetime.date | None = None) -> int:
    """Record each due reminder and queue one mail per staff member; returns the reminders."""
    today = today or timezone.localdate()
    by_user: dict[int, list[int]] = defaultdict(list)
    count = 0
    for mandate in queries.ending_soon(today):
        _reminder, created = TermReminder.objects.get_or_create(
            mandate=mandate, term_end=mandate.seat.term.end_date
        )
        if not created:
            continue
        count += 1
        staff = mandate.seat.committee.agency.staff.filter(is_active=True, user__is_active=True)
        for user_id in staff.values_list("user_id", flat=True):
            by_user[user_id].append(mandate.pk)
    for user_id, mandate_ids in by_user.items():
        send_term_reminder_mail.enqueue(user_id, mandate_ids, today.isoformat())
    return count


def build_mail(user, mandates: list[Mandate], today: datetime.date) -> EmailMessage:
    base = settings.GEMEINSAM_BASE_URL.rstrip("/")
    with translation.override(user.preferred_language or "de"):
        items = [
            {
                "mandate": m,
                "days_left": (m.seat.term.end_date - today).days,
                "url": base + m.seat.committee.get_absolute_url(),
            }
            for m in mandates
        ]
        context = {"user": user, "items": items, "count": len(items)}
        subject = render_to_string("committees/mail/term_reminder_subject.txt", context)
        body = render_to_string("committees/mail/term_reminder_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email])


@task()
def send_term_reminder_mail(user_id: int, mandate_ids: list[int], today: str) -> bool:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    mandates = list(
        Mandate.objects.filter(pk__in=mandate_ids, seat__term__isnull=False)
        .select_related("seat", "seat__term", "seat__committee", "seat__committee__body")
        .select_related("organization")
        .order_by("seat__term__end_date", "id")
    )
    if not mandates:
        return False
    build_mail(user, mandates, datetime.date.fromisoformat(today)).send()
    return True


@daily(at=REMINDER_TIME)
def send_term_reminders() -> int:
    """The daily sweep (`core.schedule` queues the next run)."""
    return sweep()
