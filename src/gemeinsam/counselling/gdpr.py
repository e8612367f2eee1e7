"""What counselling holds about a person or an organization, as plain data (GDPR art. 15, 20).

`person_data()` and `organization_data()` build one dict each; the JSON downloads and the
readable pages both show exactly that dict. Choices come as `{"code", "label"}`, dates as
date objects (the JSON encoder writes ISO 8601).

Staff see what their agencies hold: requests and cases of the agencies they work for. Internal
notes and session summaries are included only for someone allowed to read them
(`counselling.view_confidential` on that case); anyone else learns how many notes exist. A person
exporting their own data sees all their requests and cases, their shared tasks and documents,
and never internal notes.

Reads only: the views log every staff export (`services.gdpr.log_export`).
"""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from gemeinsam.accounts.roles import may
from gemeinsam.agencies.models import Agency
from gemeinsam.core import personal_data
from gemeinsam.core.personal_data import DataSubject, Scope

from . import queries
from .models import Appointment, Case, Contact, Note, Request, Session

GDPR_PERM = "counselling.manage_gdpr"


def gdpr_agencies(user) -> list[Agency]:
    """The agencies for which this person answers data-protection requests (their managers)."""
    return [a for a in queries.staff_agencies(user) if may(user, GDPR_PERM, a)]


def linked_to(agency_ids) -> Q:
    """Contacts with a request or a case with one of these agencies."""
    return Q(pk__in=Request.objects.filter(agency_id__in=agency_ids).values("contact_id")) | Q(
        pk__in=Case.contacts.through.objects.filter(case__agency_id__in=agency_ids).values(
            "contact_id"
        )
    )


def contacts_reachable_by(user) -> QuerySet[Contact]:
    """People a manager may export or erase: those with a request or case with one of the
    manager's agencies. A request no agency covers shows in every agency's queue, but it shows
    that request only: it never opens the record of the person who sent it."""
    agency_ids = [a.pk for a in gdpr_agencies(user)]
    if not agency_ids:
        return Contact.objects.none()
    return Contact.objects.filter(linked_to(agency_ids))


def cases_held(contact: Contact, agencies) -> int:
    """How many of the person's cases these agencies hold."""
    return Case.objects.filter(contacts=contact, agency__in=agencies).count()


def _count(queryset) -> Subquery:
    return Coalesce(
        Subquery(
            queryset.order_by().values("contact_id").annotate(n=Count("*")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def contacts_of_agency(agency: Agency, q: str = "") -> QuerySet[Contact]:
    """The agency's people (not yet anonymised), found by name, email or phone; one query per
    page whatever its length, with the number of requests and cases each has with the agency."""
    contacts = Contact.objects.filter(linked_to([agency.pk]), anonymised_at__isnull=True)
    q = q.strip()
    if q:
        contacts = contacts.filter(
            Q(name__icontains=q) | Q(email__icontains=q) | Q(phone__icontains=q)
        )
    links = Case.contacts.through.objects.filter(contact_id=OuterRef("pk"), case__agency=agency)
    return (
        contacts.select_related("organization")
        .annotate(
            request_count=_count(Request.objects.filter(contact_id=OuterRef("pk"), agency=agency)),
            case_count=_count(links),
        )
        .order_by("name", "email", "id")
    )


# --- Building blocks ---------------------------------------------------------------------------


def _choice(obj, field: str) -> dict | None:
    code = getattr(obj, field)
    if code in (None, ""):
        return None
    return {"code": code, "label": str(getattr(obj, f"get_{field}_display")())}


def _ref(obj) -> dict | None:
    """Reference data (topics, languages) as its stable code and its label."""
    return None if obj is None else {"code": obj.code, "label": obj.label}


def _name(obj) -> str:
    return "" if obj is None else str(obj)


def contact_details(contact: Contact) -> dict:
    return {
        "id": contact.pk,
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "organization": _name(contact.organization),
        "preferred_language": _choice(contact, "preferred_language"),
        "created_at": contact.created_at,
        "anonymised_at": contact.anonymised_at,
        "consents": [
            {
                "purpose": _choice(consent, "purpose"),
                "given_at": consent.given_at,
                "text_version": consent.text_version,
                "text": consent.text,
                "withdrawn_at": consent.withdrawn_at,
            }
            for consent in contact.consents.all()
        ],
    }


def _request_data(request: Request) -> dict:
    return {
        "id": request.pk,
        "created_at": request.created_at,
        "agency": _name(request.agency),
        "routed_by": _choice(request, "routed_by"),
        "organization": _name(request.organization),
        "organization_name": request.organization_name,
        "topics": [_ref(t) for t in request.topics.all()],
        "language": _ref(request.language),
        "channel": _choice(request, "channel"),
        "preferred_times": request.preferred_times,
        "description": request.description,
        "postcode": request.postcode,
        "federal_state": _choice(request, "federal_state"),
        "status": _choice(request, "status"),
        "decided_by": _name(request.decided_by),
        "decided_at": request.decided_at,
        "decline_reason": request.decline_reason,
        "suggested_advisors": [str(u) for u in request.suggested_advisors.all()],
        "forwardings": [
            {"from": _name(f.from_agency), "to": _name(f.to_agency), "at": f.at}
            for f in request.forwardings.all()
        ],
    }


def _requests(queryset) -> list[dict]:
    requests = queryset.select_related(
        "agency", "organization", "language", "decided_by"
    ).prefetch_related(
        "topics", "suggested_advisors", "forwardings__from_agency", "forwardings__to_agency"
    )
    return [_request_data(r) for r in requests.order_by("created_at", "id")]


def _case_queryset(queryset) -> QuerySet[Case]:
    return (
        queryset.select_related("agency", "project", "language")
        .prefetch_related(
            "topics",
            "organizations",
            "advisors",
            Prefetch("sessions", queryset=Session.objects.defer("summary").order_by("held_on")),
            Prefetch("appointments", queryset=Appointment.objects.select_related("advisor")),
            "tasks",
            "outcomes",
            "documents",
        )
        .annotate(note_count=Count("notes", distinct=True))
        .order_by("opened_on", "id")
    )


def _case_data(case: Case, viewer) -> dict:
    staff = may(viewer, "counselling.view_case", case)
    confidential = may(viewer, "counselling.view_confidential", case)
    summaries = {}
    notes = []
    if confidential:
        summaries = dict(case.sessions.exclude(summary="").values_list("pk", "summary"))
        notes = [
            {"created_at": n.created_at, "author": _name(n.author), "text": n.body}
            for n in Note.objects.filter(case=case).select_related("author")
        ]
    documents = [d for d in case.documents.all() if staff or d.is_shared]
    tasks = [t for t in case.tasks.all() if staff or t.is_shared]
    return {
        "id": case.pk,
        "reference": case.reference,
        "agency": _name(case.agency),
        "title": case.title,
        "case_type": _choice(case, "case_type"),
        "status": _choice(case, "status"),
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "anonymised_at": case.anonymised_at,
        "topics": [_ref(t) for t in case.topics.all()],
        "language": _ref(case.language),
        "project": _name(case.project),
        "organizations": [o.name for o in case.organizations.all()],
        "advisors": [str(a) for a in case.advisors.all()],
        "sessions": [
            {
                "held_on": s.held_on,
                "duration_minutes": s.duration_minutes,
                "channel": _choice(s, "channel"),
                "participants": s.participants,
                "next_steps": s.next_steps,
                "summary": summaries.get(s.pk, "") if confidential else None,
            }
            for s in case.sessions.all()
        ],
        "appointments": [
            {
                "title": a.title,
                "starts_at": a.starts_at,
                "ends_at": a.ends_at,
                "channel": _choice(a, "channel"),
                "location": a.location,
                "advisor": _name(a.advisor),
                "cancelled_at": a.cancelled_at,
            }
            for a in sorted(case.appointments.all(), key=lambda a: (a.starts_at, a.pk))
        ],
        "tasks": [
            {"title": t.title, "due_on": t.due_on, "done_at": t.done_at, "shared": t.is_shared}
            for t in tasks
        ],
        "outcomes": [
            {
                "kind": _choice(o, "kind"),
                "achieved_on": o.achieved_on,
                "programme": o.programme,
                "amount": o.amount,
                "comment": o.comment,
            }
            for o in case.outcomes.all()
        ],
        "documents": [
            {"name": d.original_name, "uploaded_at": d.uploaded_at, "shared": d.is_shared}
            for d in documents
        ],
        "documents_not_shown": len(case.documents.all()) - len(documents),
        "confidential_included": confidential,
        "internal_notes": {"count": case.note_count, "included": confidential, "items": notes},
    }


def _cases(queryset, viewer) -> list[dict]:
    return [_case_data(case, viewer) for case in _case_queryset(queryset)]


def _is_self(contact: Contact, viewer) -> bool:
    return bool(viewer and viewer.is_authenticated and contact.user_id == viewer.pk)


def subject_of(contact: Contact) -> DataSubject:
    """The person behind a counselling record, for the registry of personal data."""
    return DataSubject(
        user=contact.user,
        emails=frozenset({contact.email.lower()} if contact.email else ()),
        names=frozenset({contact.name} if contact.name else ()),
        records={"counselling.contact": frozenset({contact.pk})},
    )


def subject_of_user(user) -> DataSubject:
    """A person by their account, with their counselling record if they have one."""
    contact = Contact.objects.filter(user=user).first()
    emails = {user.email.lower()}
    if contact is not None and contact.email:
        emails.add(contact.email.lower())
    return DataSubject(
        user=user,
        emails=frozenset(emails),
        names=frozenset(n for n in (user.name, contact.name if contact else "") if n),
        records={"counselling.contact": frozenset({contact.pk} if contact else ())},
    )


def counselling_sections(subject: DataSubject, scope: Scope) -> dict:
    """Counselling's part of a person's export (the registry's exporter): their record, and
    the requests and cases in scope. Staff get what their agencies hold (and the requests no
    agency covers); the person themself gets all of theirs, never internal notes."""
    contacts = Contact.objects.filter(pk__in=subject.records_of("counselling.contact"))
    contact = contacts.select_related("organization", "user").prefetch_related("consents").first()
    if contact is None:
        return {"person": None, "requests": [], "cases": []}
    requests = Request.objects.filter(contact=contact)
    cases = Case.objects.filter(contacts=contact)
    if not scope.everything:
        requests = requests.filter(Q(agency_id__in=scope.agency_ids) | Q(agency__isnull=True))
        cases = cases.filter(agency_id__in=scope.agency_ids)
    return {
        "person": contact_details(contact),
        "requests": _requests(requests),
        "cases": _cases(cases, scope.viewer),
    }


# --- The exports ------------------------------------------------------------------------------


def person_data(contact: Contact, *, viewer) -> dict:
    """Everything about one person that the viewer may export, from every app that holds
    personal data (`core.personal_data`).

    Staff get what the agencies they work for hold: counselling, registrations for their
    events, bookings of their rooms. The person themself gets everything, their account too.
    """
    if _is_self(contact, viewer):
        scope = Scope(viewer=viewer)
    else:
        agency_ids = queries.staff_agencies(viewer).values_list("pk", flat=True)
        scope = Scope.of_agencies(agency_ids, viewer=viewer)
    return {"exported_at": timezone.now(), **personal_data.export(subject_of(contact), scope)}


def own_data(user) -> dict:
    """What a logged-in person gets about themself: everything every app holds, their
    counselling record included if they have one (found by their account). Never internal
    notes."""
    subject = subject_of_user(user)
    return {"exported_at": timezone.now(), **personal_data.export(subject, Scope(viewer=user))}


def organization_data(organization, *, viewer) -> dict:
    """What counselling holds about an organization in the viewer's (managed) agencies: its
    requests and cases, and the contact people linked to it."""
    agency_ids = [a.pk for a in gdpr_agencies(viewer)]
    contacts = (
        Contact.objects.filter(organization=organization)
        .filter(linked_to(agency_ids))
        .prefetch_related("consents")
        .select_related("organization")
        .order_by("name", "id")
    )
    return {
        "exported_at": timezone.now(),
        "organization": {
            "name": organization.name,
            "slug": organization.slug,
            "kind": _choice(organization, "kind"),
        },
        "requests": _requests(
            Request.objects.filter(organization=organization, agency_id__in=agency_ids)
        ),
        "cases": _cases(
            Case.objects.filter(organizations=organization, agency_id__in=agency_ids), viewer
        ),
        "contacts": [contact_details(c) for c in contacts],
    }
