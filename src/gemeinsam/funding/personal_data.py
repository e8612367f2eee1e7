"""Readiness results and watch lists, for the registry of personal data (`core.personal_data`).

Both are the person's and the platform's, not an agency's. A saved readiness result belongs to
its organization: erased, it no longer says who saved it. A watch list and the reminders sent
for it are the person's alone and are deleted.
"""

from gemeinsam.core import personal_data
from gemeinsam.core.personal_data import DataSubject, Scope, choice

from .models import DeadlineReminder, ReadinessResult, WatchedProgramme


def export(subject: DataSubject, scope: Scope) -> dict:
    user = subject.user
    if user is None:
        return {"readiness_results": [], "watch_list": []}
    results = ReadinessResult.objects.filter(created_by=user).select_related(
        "organization", "rule_version"
    )
    watched = WatchedProgramme.objects.filter(user=user).select_related("programme", "organization")
    return {
        "readiness_results": [
            {
                "organization": r.organization.name,
                "check": str(r.rule_version),
                "result": choice(r, "status"),
                "as_of": r.as_of,
                "saved_at": r.created_at,
            }
            for r in results.order_by("created_at", "id")
        ],
        "watch_list": [
            {
                "programme": w.programme.name,
                "organization": w.organization.name if w.organization else "",
                "since": w.created_at,
            }
            for w in watched.order_by("created_at", "id")
        ],
    }


def erase(subject: DataSubject, scope: Scope) -> int:
    user = subject.user
    if user is None:
        return 0
    changed = ReadinessResult.objects.filter(created_by=user).update(created_by=None)
    deleted, _by_model = WatchedProgramme.objects.filter(user=user).delete()
    reminders, _by_model = DeadlineReminder.objects.filter(user=user).delete()
    return changed + deleted + reminders


personal_data.register(
    "funding",
    models=["funding.ReadinessResult", "funding.WatchedProgramme", "funding.DeadlineReminder"],
    export=export,
    erase=erase,
    per_agency=False,
    order=60,
)
personal_data.not_personal("funding.Programme", "a funding programme's name")
