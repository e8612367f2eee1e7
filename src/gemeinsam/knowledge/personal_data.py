"""Guides, portraits and recommendations, for the registry of personal data
(`core.personal_data`).

A guide names its owner (one of the agency's staff), a portrait the member of the organization
who gave its consent, and a status update the staff member who wrote it. These are the person's
and the platform's, not an agency's records about someone: exported, they list what the person
owns, consented to or wrote; erased, the name goes and the record stays — a portrait keeps the
consent's day, since the organization's consent is what the portrait stands on.
"""

from gemeinsam.core import personal_data
from gemeinsam.core.personal_data import DataSubject, Scope

from .models import Guide, Portrait, RecommendationUpdate


def export(subject: DataSubject, scope: Scope) -> dict:
    user = subject.user
    if user is None:
        return {"guides_owned": [], "portrait_consents": [], "recommendation_updates": []}
    guides = Guide.objects.filter(owner=user).select_related("agency").order_by("id")
    portraits = Portrait.objects.filter(consent_by=user).select_related("organization")
    return {
        "guides_owned": [{"guide": g.title, "agency": g.agency.name} for g in guides],
        "portrait_consents": [
            {
                "portrait": p.title,
                "organization": p.organization.name,
                "consent_on": p.consent_on,
                "withdrawn_at": p.withdrawn_at,
            }
            for p in portraits.order_by("id")
        ],
        "recommendation_updates": [
            {"recommendation": u.recommendation.title, "on": u.on, "text": u.text}
            for u in RecommendationUpdate.objects.filter(created_by=user)
            .select_related("recommendation")
            .order_by("id")
        ],
    }


def erase(subject: DataSubject, scope: Scope) -> int:
    user = subject.user
    if user is None:
        return 0
    return (
        Guide.objects.filter(owner=user).update(owner=None)
        + Portrait.objects.filter(consent_by=user).update(consent_by=None)
        + RecommendationUpdate.objects.filter(created_by=user).update(created_by=None)
    )


personal_data.register(
    "knowledge",
    models=["knowledge.Guide", "knowledge.Portrait", "knowledge.RecommendationUpdate"],
    export=export,
    erase=erase,
    per_agency=False,
    order=65,
)
