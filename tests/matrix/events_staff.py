"""Permission-matrix cases for the agency staff's event pages (see tests/matrix/__init__.py).

Every page is about an event of agency X: its staff and platform admins get it; everyone else
who is logged in gets 404, because outsiders must not learn that an event (or a draft) exists.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from gemeinsam.events import services
from gemeinsam.events.models import Event, EventDocument, Registration
from tests import factories
from tests.matrix import LOGIN, Case, staff_only


def of_agency_x(answer):
    return {
        "anonymous": LOGIN,
        "member_a": 404,
        "member_b": 404,
        "advisor_x": answer,
        "advisor_y": 404,
        "manager_x": answer,
        "admin": answer,
    }


def _event(w, **fields):
    if not hasattr(w, "staff_event"):
        w.staff_event = factories.make_event(w.agency_x, status="draft", **fields)
    return w.staff_event


def _registration(w, *, attended=None, approval=False):
    event = factories.make_event(w.agency_x, requires_approval=approval)
    registration = services.register(event, [factories.person()], consent=True).registrations[0]
    if attended is not None:
        # Attendance and certificates come once the event has begun.
        Registration.objects.filter(pk=registration.pk).update(attended=attended)
        now = timezone.now()
        Event.objects.filter(pk=event.pk).update(
            starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2)
        )
    return registration


def _on_registration(**options):
    def kwargs(w):
        registration = _registration(w, **options)
        return {"slug": registration.event.slug, "pk": registration.pk}

    return kwargs


def _pending(w):
    w.pending = _registration(w, approval=True)
    return {"slug": w.pending.event.slug}


def _slug(w):
    return {"slug": _event(w).slug}


def _document(w):
    event = _event(w)
    document = EventDocument.objects.create(
        event=event, title="Flyer", file=ContentFile(b"%PDF-1.4", name="flyer.pdf")
    )
    return {"slug": event.slug, "pk": document.pk}


def _scan(w):
    registration = _registration(w)
    return {"slug": registration.event.slug, "token": registration.token}


def _attended_event(w):
    return {"slug": _registration(w, attended=True).event.slug}


CASES: list[Case] = [
    Case("events:manage-list", staff_only()),
    Case("events:event-create", staff_only(), label="agency chosen on the page"),
    Case("events:event-create", of_agency_x(200), query="?agency=agency-x", label="agency X"),
    Case("events:event-update", of_agency_x(200), kwargs=_slug),
    Case("events:event-copy", of_agency_x(302), kwargs=_slug, method="post"),
    Case("events:event-documents", of_agency_x(200), kwargs=_slug),
    Case("events:document-delete", of_agency_x(302), kwargs=_document, method="post"),
    Case("events:participant-list", of_agency_x(200), kwargs=_slug),
    Case(
        "events:participant-decide",
        of_agency_x(302),
        kwargs=_on_registration(approval=True),
        method="post",
        data=lambda w: {"decision": "accept"},
    ),
    Case(
        "events:participant-cancel",
        of_agency_x(302),
        kwargs=_on_registration(),
        method="post",
    ),
    Case(
        "events:participant-attendance",
        of_agency_x(302),
        kwargs=_on_registration(),
        method="post",
        data=lambda w: {"attended": "yes"},
    ),
    Case(
        "events:participant-bulk",
        of_agency_x(302),
        kwargs=_pending,
        method="post",
        data=lambda w: {"action": "accept", "selected": [w.pending.pk]},
    ),
    Case(
        "events:participant-export",
        of_agency_x(200),
        kwargs=lambda w: {**_slug(w), "fmt": "xlsx"},
    ),
    Case(
        "events:participant-export",
        {**of_agency_x(404)},
        kwargs=lambda w: {**_slug(w), "fmt": "pdf"},
        label="unknown format",
    ),
    Case("events:participant-mail", of_agency_x(200), kwargs=_slug),
    Case(
        "events:participant-mail",
        of_agency_x(302),
        kwargs=_slug,
        method="post",
        data=lambda w: {"subject": "Raumänderung", "body": "Wir treffen uns in Raum 2."},
    ),
    Case("events:certificate", of_agency_x(200), kwargs=_on_registration(attended=True)),
    Case(
        "events:certificate",
        of_agency_x(404),
        kwargs=_on_registration(attended=False),
        label="not attended",
    ),
    Case("events:certificate-all", of_agency_x(200), kwargs=_attended_event),
    Case("events:checkin-list", of_agency_x(200), kwargs=_slug),
    Case("events:checkin", of_agency_x(200), kwargs=_slug),
    Case("events:checkin-scan", of_agency_x(200), kwargs=_scan),
    Case("events:checkin-scan", of_agency_x(302), kwargs=_scan, method="post"),
    Case(
        "events:checkin-scan",
        of_agency_x(404),
        kwargs=lambda w: {**_slug(w), "token": "not-a-real-token"},
        label="wrong token",
    ),
    Case("events:event-figures", of_agency_x(200), kwargs=_slug),
    Case(
        "events:project-figures",
        of_agency_x(200),
        kwargs=lambda w: {"project_pk": w.project_x.pk},
    ),
]
