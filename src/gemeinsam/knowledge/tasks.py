"""Review reminders: a guide's owner gets a mail on the morning its review date comes.

The daily sweep (`send_review_reminders`, 07:00 Europe/Berlin, `core.schedule`) finds the
guides whose review date has come and whose owner was not yet reminded of that date, records
the date on the guide (`review_reminded_for`) and queues one mail per guide, in one
transaction. A sweep that did not run for days catches up; a changed review date reminds
again when it comes; running the sweep twice mails nobody twice.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from gemeinsam.core.schedule import daily

from .models import Guide

REMINDER_TIME = datetime.time(7, 0)


def due_reviews(today: datetime.date):
    """Guides whose review date has come, with an active owner not yet reminded of it."""
    return Guide.objects.filter(review_on__lte=today, owner__is_active=True).filter(
        Q(review_reminded_for__isnull=True) | ~Q(review_reminded_for=F("review_on"))
    )


@transaction.atomic
def sweep(today: datetime.date) -> int:
    guides = list(due_reviews(today).select_for_update().order_by("id"))
    for guide in guides:
        guide.review_reminded_for = guide.review_on
        guide.save(update_fields=["review_reminded_for"])
        send_review_reminder_mail.enqueue(guide.pk)
    return len(guides)


def build_review_mail(guide: Guide) -> EmailMessage:
    owner = guide.owner
    with translation.override(owner.preferred_language):
        url = reverse("knowledge:guide-update", kwargs={"slug": guide.slug})
        context = {
            "guide": guide,
            "owner": owner,
            "edit_url": f"{settings.GEMEINSAM_BASE_URL.rstrip('/')}{url}",
        }
        subject = render_to_string("knowledge/mail/review_reminder_subject.txt", context)
        body = render_to_string("knowledge/mail/review_reminder_body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[owner.email])


@task()
def send_review_reminder_mail(guide_id: int) -> bool:
    guide = Guide.objects.select_related("owner", "agency").filter(pk=guide_id).first()
    if guide is None or guide.owner is None or not guide.owner.is_active:
        return False
    build_review_mail(guide).send()
    return True


@daily(at=REMINDER_TIME)
def send_review_reminders() -> int:
    """The daily sweep (`core.schedule` queues the next run)."""
    return sweep(timezone.localdate())
