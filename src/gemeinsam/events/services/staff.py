"""Writes of the agency staff's event pages: events, series, copies, downloads, and mail to the
participants. One transaction each; every mail is queued inside it (see `services`).

Registrations themselves (decisions, cancellations, attendance, check-in) are changed only by
`services`, which holds the event's lock while counting places.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from gemeinsam.core import audit, races, slugs
from gemeinsam.core.enums import AuditAction

from ..enums import EventStatus, RegistrationStatus
from ..models import Event, EventDocument, EventSeries, Question, Registration, Speaker
from ..tasks import schedule_reminder, send_registration_mail
from .participants import capacity_changed

# Words the events URLs use themselves; an event with such a slug would hide the page.
RESERVED_SLUGS = frozenset(
    {
        "manage",
        "new",
        "calendar",
        "feed",
        "feeds",
        "ical",
        "registrations",
        "groups",
        "api",
        "trainings",
        "agency",
    }
)
# The scalar fields the audit log compares (many-to-many fields are listed by name).
AUDITED = [
    "title",
    "kind",
    "format",
    "status",
    "starts_at",
    "ends_at",
    "venue_name",
    "city",
    "online_url",
    "project",
    "host_organization",
    "registration_required",
    "registration_opens_at",
    "registration_closes_at",
    "capacity",
    "waitlist_enabled",
    "requires_approval",
    "consent_text",
    "reminder_days",
]
# Never copied from a form's (possibly stale) instance: only `services` changes these.
NOT_FROM_FORM = {"id", "seats_taken", "reminder_sent_at", "created_at", "created_by", "series"}

WEEKLY, BIWEEKLY, MONTHLY = "weekly", "biweekly", "monthly"


def _slug_for(title: str) -> str:
    return slugs.unique_slug(
        title,
        taken=Event.objects.all(),
        fallback="veranstaltung",
        max_length=70,
        reserved=RESERVED_SLUGS,
    )


def _locked(event_id: int) -> Event:
    query = Event.objects.all()
    if races.locks(races.REGISTRATION):
        query = query.select_for_update()
    return query.get(pk=event_id)


def _editable_fields(form) -> list[str]:
    m2m = {f.name for f in Event._meta.many_to_many}
    return [name for name in form.Meta.fields if name not in m2m and name not in NOT_FROM_FORM]


def _cancel_all_registrations(event: Event) -> list[int]:
    """The event was cancelled: every active registration ends, and each person is told."""
    active = list(event.registrations.active().values_list("pk", flat=True))
    Registration.objects.filter(pk__in=active).update(
        status=RegistrationStatus.CANCELLED, cancelled_at=timezone.now()
    )
    Event.objects.filter(pk=event.pk).update(seats_taken=0)
    event.seats_taken = 0
    for pk in active:
        send_registration_mail.enqueue(pk, "event_cancelled")
    return active


def _save_inlines(event: Event, questions, speakers) -> None:
    for formset in (questions, speakers):
        if formset is not None:
            formset.instance = event
            formset.save()


@transaction.atomic
def save_event(*, by, agency, form, questions=None, speakers=None) -> Event:
    """Create or update one event with its questions and speakers.

    Side effects: an audit entry; the reminder job is (re)queued; when the places were raised,
    the waiting list moves up (with its mails); when the status becomes cancelled, every active
    registration is cancelled and each person gets the "event cancelled" mail.
    """
    event = form.save(commit=False)
    if event.pk is None:
        event.agency = agency
        event.created_by = by if by.is_authenticated else None
        event.slug = _slug_for(event.title)
        event.full_clean()
        event.save()
        form.save_m2m()
        _save_inlines(event, questions, speakers)
        audit.record(
            by=by,
            action=AuditAction.CREATE,
            obj=event,
            changes={"title": event.title, "starts_at": str(event.starts_at)},
        )
        schedule_reminder(event)
        return event

    stored = _locked(event.pk)
    before = audit.snapshot(stored, AUDITED)
    # Only the form's own fields are written, so a registration that took a place since the
    # form was opened keeps its count.
    event.save(update_fields=[*_editable_fields(form), "updated_at"])
    form.save_m2m()
    _save_inlines(event, questions, speakers)
    event.seats_taken = stored.seats_taken
    event.reminder_sent_at = stored.reminder_sent_at
    changes = audit.diff(before, audit.snapshot(event, AUDITED))
    if changes:
        audit.record(by=by, action=AuditAction.UPDATE, obj=event, changes=changes)
    if before["status"] != EventStatus.CANCELLED and event.status == EventStatus.CANCELLED:
        _cancel_all_registrations(event)
    elif _places_raised(before["capacity"], event.capacity):
        capacity_changed(event)
    schedule_reminder(event)
    return event


def _places_raised(old: int | None, new: int | None) -> bool:
    if old is None:
        return False
    return new is None or new > old


# --- Series ----------------------------------------------------------------------------------


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> int:
    """The day of the month of its n-th `weekday` (the last one if there is no n-th)."""
    days = [
        day
        for day in range(1, calendar.monthrange(year, month)[1] + 1)
        if calendar.weekday(year, month, day) == weekday
    ]
    return days[min(n, len(days)) - 1]


def series_starts(first: datetime, repeat: str, count: int) -> list[datetime]:
    """The start of every date of a series, at the same wall-clock time in Berlin (so summer
    time does not move the event by an hour)."""
    local = timezone.localtime(first)
    naive = local.replace(tzinfo=None)
    starts = []
    for i in range(count):
        if repeat == WEEKLY:
            day = naive + timedelta(weeks=i)
        elif repeat == BIWEEKLY:
            day = naive + timedelta(weeks=2 * i)
        elif repeat == MONTHLY:
            months = naive.month - 1 + i
            year, month = naive.year + months // 12, months % 12 + 1
            n = (naive.day - 1) // 7 + 1
            day = naive.replace(
                year=year, month=month, day=_nth_weekday(year, month, naive.weekday(), n)
            )
        else:
            raise ValueError(repeat)
        starts.append(timezone.make_aware(day, local.tzinfo))
    return starts


def _copy_inlines(source: Event, target: Event) -> None:
    Question.objects.bulk_create(
        [
            Question(
                event=target,
                label=q.label,
                kind=q.kind,
                choices=q.choices,
                required=q.required,
                help_text=q.help_text,
                position=q.position,
            )
            for q in source.questions.all()
        ]
    )
    Speaker.objects.bulk_create(
        [
            Speaker(
                event=target,
                name=s.name,
                role=s.role,
                organization_id=s.organization_id,
                organization_name=s.organization_name,
                position=s.position,
            )
            for s in source.speakers.all()
        ]
    )


def _copy_m2m(source: Event, target: Event) -> None:
    for field in Event._meta.many_to_many:
        getattr(target, field.name).set(getattr(source, field.name).all())


def _clone(source: Event, *, starts_at: datetime, status: str, series=None, by=None) -> Event:
    """A new event with the source's fields, questions and speakers, moved to `starts_at`."""
    shift = starts_at - source.starts_at
    values = {
        f.name: getattr(source, f.name)
        for f in Event._meta.concrete_fields
        if f.name not in NOT_FROM_FORM | {"slug", "updated_at"}
    }
    values.update(
        starts_at=starts_at,
        ends_at=source.ends_at + shift,
        registration_opens_at=(
            source.registration_opens_at + shift if source.registration_opens_at else None
        ),
        registration_closes_at=(
            source.registration_closes_at + shift if source.registration_closes_at else None
        ),
        status=status,
        series=series,
        created_by=by if by is not None and by.is_authenticated else None,
        slug=_slug_for(source.title),
    )
    clone = Event.objects.create(**values)
    _copy_m2m(source, clone)
    _copy_inlines(source, clone)
    return clone


@transaction.atomic
def create_series(*, by, agency, form, questions, speakers, repeat: str, count: int):
    """Create every date of a series at once, all or nothing: one event per date, sharing an
    `EventSeries`. Side effects: an audit entry and a reminder job per event."""
    first = save_event(by=by, agency=agency, form=form, questions=questions, speakers=speakers)
    series = EventSeries.objects.create(agency=agency, title=first.title)
    Event.objects.filter(pk=first.pk).update(series=series)
    first.series = series
    events = [first]
    for starts_at in series_starts(first.starts_at, repeat, count)[1:]:
        event = _clone(first, starts_at=starts_at, status=first.status, series=series, by=by)
        audit.record(
            by=by,
            action=AuditAction.CREATE,
            obj=event,
            changes={"title": event.title, "starts_at": str(event.starts_at), "series": series.pk},
        )
        schedule_reminder(event)
        events.append(event)
    return events


@transaction.atomic
def copy_event(*, by, event: Event) -> Event:
    """A new draft with the event's fields, questions and speakers (dates kept, to be edited);
    no registrations and no downloads. Side effect: an audit entry."""
    copy = _clone(event, starts_at=event.starts_at, status=EventStatus.DRAFT, by=by)
    audit.record(
        by=by,
        action=AuditAction.CREATE,
        obj=copy,
        changes={"title": copy.title, "copied_from": event.slug},
    )
    return copy


# --- Downloads -------------------------------------------------------------------------------


@transaction.atomic
def add_document(*, by, event: Event, form) -> EventDocument:
    """Store an upload (through the default storage) as a download of the event."""
    document = form.save(commit=False)
    document.event = event
    document.size = form.cleaned_data["file"].size
    document.save()
    audit.record(
        by=by,
        action=AuditAction.CREATE,
        obj=document,
        changes={"event": event.slug, "file": document.file.name},
    )
    return document


@transaction.atomic
def delete_document(*, by, document: EventDocument) -> None:
    """Remove a download; the file goes once the deletion is committed."""
    name, storage = document.file.name, document.file.storage
    audit.record(
        by=by,
        action=AuditAction.DELETE,
        obj=document,
        changes={"event": document.event.slug, "file": name},
    )
    document.delete()
    transaction.on_commit(lambda: storage.delete(name))


__all__ = [
    "add_document",
    "copy_event",
    "create_series",
    "delete_document",
    "save_event",
    "series_starts",
]
