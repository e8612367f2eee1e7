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

from gemeinsam.agencies.models import Project
from gemeinsam.core import audit, inline, races, slugs
from gemeinsam.core.enums import AuditAction

from .. import texts
from ..enums import EventStatus, RegistrationStatus
from ..inputs import (
    EVENT_COLUMNS,
    EVENT_LISTS,
    DocumentInput,
    EventInput,
    Invalid,
    event_problems,
    upload_problem,
)
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
# Never copied to a clone: only `services` changes these.
NOT_COPIED = {"id", "seats_taken", "reminder_sent_at", "created_at", "created_by", "series"}
# The columns an `EventInput` sets, by field name (`project_id` is the column of `project`).
COLUMN_NAMES = [Event._meta.get_field(name).name for name in EVENT_COLUMNS]

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


def _check(data: EventInput, *, agency_id: int, seats_taken: int) -> None:
    """The form's checks once more, under the event's lock: places taken since the form was
    checked count too."""
    problems = event_problems(vars(data), seats_taken=seats_taken)
    if problems:
        raise Invalid(dict(problems))
    if (
        data.project_id is not None
        and not Project.objects.filter(agency_id=agency_id, pk=data.project_id).exists()
    ):
        # The form offers only the agency's own projects; an event never names another's.
        raise ValueError(f"project {data.project_id} is not one of agency {agency_id}'s")


def _write(event: Event, data: EventInput) -> None:
    for name in EVENT_COLUMNS:
        setattr(event, name, getattr(data, name))


def _save_lists(event: Event, data: EventInput) -> None:
    for name in EVENT_LISTS:
        getattr(event, name).set(getattr(data, name))
    inline.save_rows(Question, data.questions, event=event)
    inline.save_rows(Speaker, data.speakers, event=event)


@transaction.atomic
def save_event(
    *, by, agency, data: EventInput, event: Event | None = None, minor: bool = False
) -> Event:
    """Create an event of `agency` (`event` None) or update `event`, with the questions and
    speakers `data` names; only the fields `data` carries are written. A `minor` change (a
    typo) keeps the translations of the texts it changed up to date.

    Raises `Invalid` when the fields do not fit together (as the form checks them). Side
    effects: an audit entry; the reminder job is (re)queued; when the places were raised, the
    waiting list moves up (with its mails); when the status becomes cancelled, every active
    registration is cancelled and each person gets the "event cancelled" mail.
    """
    if event is None:
        return _create_event(by=by, agency=agency, data=data)
    stored = _locked(event.pk)
    _check(data, agency_id=stored.agency_id, seats_taken=stored.seats_taken)
    before = audit.snapshot(stored, AUDITED)
    if minor:
        german = texts.german(stored), {q.pk: texts.german(q) for q in stored.questions.all()}
    _write(stored, data)
    stored.full_clean()
    # Only the input's own fields are written, so a registration that took a place since the
    # form was opened keeps its count (the lock above keeps it from changing meanwhile).
    stored.save(update_fields=[*COLUMN_NAMES, "updated_at"])
    _save_lists(stored, data)
    if minor:
        texts.keep_up_to_date(stored, *german)
    changes = audit.diff(before, audit.snapshot(stored, AUDITED))
    if changes:
        audit.record(by=by, action=AuditAction.UPDATE, obj=stored, changes=changes)
    if before["status"] != EventStatus.CANCELLED and stored.status == EventStatus.CANCELLED:
        _cancel_all_registrations(stored)
    elif _places_raised(before["capacity"], stored.capacity):
        capacity_changed(stored)
    schedule_reminder(stored)
    return stored


def _create_event(*, by, agency, data: EventInput) -> Event:
    _check(data, agency_id=agency.pk, seats_taken=0)
    event = Event(agency=agency, created_by=by if by.is_authenticated else None)
    _write(event, data)
    event.slug = _slug_for(event.title)
    event.full_clean()
    event.save()
    _save_lists(event, data)
    audit.record(
        by=by,
        action=AuditAction.CREATE,
        obj=event,
        changes={"title": event.title, "starts_at": str(event.starts_at)},
    )
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
        if f.name not in NOT_COPIED | {"slug", "updated_at"}
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
    texts.copy_translations(source, clone)
    return clone


@transaction.atomic
def create_series(*, by, agency, data: EventInput, repeat: str, count: int) -> list[Event]:
    """Create every date of a series at once, all or nothing: one event per date, sharing an
    `EventSeries`. Raises `Invalid` as `save_event` does. Side effects: an audit entry and a
    reminder job per event."""
    first = save_event(by=by, agency=agency, data=data)
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
def add_document(*, by, event: Event, data: DocumentInput) -> EventDocument:
    """Store an upload (through the default storage) as a download of the event.

    Raises `Invalid` for a file of a type or size the page does not take. Side effect: an
    audit entry.
    """
    problem = upload_problem(data.file.name, data.file.size)
    if problem:
        raise Invalid({"file": problem})
    document = EventDocument(
        event=event, title=data.title, kind=data.kind, file=data.file, size=data.file.size
    )
    document.full_clean()
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
