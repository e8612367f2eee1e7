"""Surveys in the registry of personal data (`core.personal_data`).

An invitation holds the address it was sent to: that is the agency's data about a person.
What the person answered is theirs only in a questionnaire that is not anonymous, where the
response names the invitation; an anonymous response names nobody and is never found here.

Erasure takes the identity away and keeps the answers: the address is blanked and a response
no longer names the invitation or the moment it came, so it counts on as an anonymous one.
Questionnaires, versions, the item bank and its wordings hold no data about people.
"""

from django.db.models import Q

from gemeinsam.core import personal_data
from gemeinsam.core.personal_data import DataSubject, Scope, matches_email

from .models import Answer, Invitation, Response


def _invitations(subject: DataSubject, scope: Scope):
    if not subject.emails:
        return Invitation.objects.none()
    found = Invitation.objects.filter(matches_email("email", subject.emails))
    if not scope.everything:
        found = found.filter(questionnaire__agency_id__in=scope.agency_ids)
    return found.select_related("questionnaire__agency")


def export(subject: DataSubject, scope: Scope) -> dict:
    invitations = list(_invitations(subject, scope).order_by("created_on", "pk"))
    answers = (
        Answer.objects.filter(response__invitation__in=invitations)
        .select_related("question__item", "response")
        .order_by("question__position")
    )
    by_invitation: dict[int, list] = {}
    for answer in answers:
        by_invitation.setdefault(answer.response.invitation_id, []).append(
            {"question": answer.question.item.code, "answer": answer.value, "other": answer.other}
        )
    return {
        "survey_invitations": [
            {
                "agency": i.questionnaire.agency.name,
                "questionnaire": i.questionnaire.title,
                "email": i.email,
                "invited_on": i.created_on,
                "answered_on": i.answered_on,
                "answers": by_invitation.get(i.pk, []),
            }
            for i in invitations
        ]
    }


def erase(subject: DataSubject, scope: Scope) -> int:
    invitations = _invitations(subject, scope)
    ids = list(invitations.values_list("pk", flat=True))
    unlinked = Response.objects.filter(Q(invitation_id__in=ids)).update(
        invitation=None, submitted_at=None
    )
    blanked = Invitation.objects.filter(pk__in=ids).update(email="")
    return unlinked + blanked


personal_data.register(
    "surveys",
    models=["surveys.Invitation", "surveys.Response", "surveys.Answer"],
    export=export,
    erase=erase,
    per_agency=True,
    order=70,
)
personal_data.not_personal("surveys.Question", "list_name names an XLSForm choice list")
