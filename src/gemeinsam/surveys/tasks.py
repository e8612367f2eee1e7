"""Background jobs: invitation and reminder mails, run by `gemeinsam db_worker`.

Services enqueue them inside their transaction (django-tasks' database backend writes a row),
so a mail goes out exactly when the invitations or the reminder were committed. Each person
gets their own mail in the invitation's language, with their own link; a reminder skips
whoever has answered meanwhile.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from gemeinsam.core import content

from .models import Invitation

MAIL_KINDS = {"invitation", "reminder"}


def build_mail(invitation: Invitation, kind: str) -> EmailMessage:
    questionnaire = invitation.questionnaire
    with translation.override(invitation.language):
        path = reverse("surveys:answer", kwargs={"token": invitation.token})
        context = {
            "kind": kind,
            "title": content.text(questionnaire, "title", invitation.language),
            "agency": questionnaire.agency.name,
            "anonymous": questionnaire.anonymous,
            "url": settings.GEMEINSAM_BASE_URL.rstrip("/") + path,
        }
        subject = render_to_string("surveys/mail/subject.txt", context)
        body = render_to_string("surveys/mail/body.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[invitation.email])


@task()
def send_invitations(invitation_ids: list[int], kind: str) -> None:
    if kind not in MAIL_KINDS:
        return
    invitations = (
        Invitation.objects.filter(pk__in=invitation_ids, answered_on__isnull=True)
        .exclude(email="")
        .select_related("questionnaire__agency")
        .order_by("pk")
    )
    for invitation in invitations:
        build_mail(invitation, kind).send()
