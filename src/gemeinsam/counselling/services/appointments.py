"""Writes for appointments: one transaction each; the docstring names the side effects.

Invited contact people get their mail (with an .ics) as a background job queued in the same
transaction: an appointment that was not saved sends nothing, a saved one always has its mails.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gemeinsam.agencies.models import Agency, StaffMembership

from ..models import Appointment, Case, Contact
from ..tasks.appointments import send_appointment_mail

# What the invited people see; a change to any of these is worth a mail to them.
DETAILS = ("title", "starts_at", "ends_at", "channel", "location", "video_link", "advisor")


@dataclass
class AppointmentData:
    """An appointment's details as the form (or the API) hands them over."""

    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    channel: str
    advisor: object
    location: str = ""
    video_link: str = ""
    attendees: Iterable[Contact] = field(default_factory=list)


def _check(agency: Agency, case: Case | None, data: AppointmentData) -> list[Contact]:
    if data.ends_at <= data.starts_at:
        raise ValidationError(_("The appointment must end after it starts."))
    if case is not None and case.agency_id != agency.pk:
        raise ValidationError(_("The appointment must belong to the case's agency."))
    works_here = StaffMembership.objects.filter(
        agency=agency, user=data.advisor, is_active=True
    ).exists()
    if not works_here:
        raise ValidationError(_("The advisor must work for the agency."))
    attendees = list(data.attendees)
    if attendees:
        allowed = set(case.contacts.values_list("pk", flat=True)) if case is not None else set()
        if any(c.pk not in allowed or c.anonymised_at for c in attendees):
            raise ValidationError(_("Only the case's contact people can be invited."))
    return attendees


def _queue(appointment: Appointment, contacts: Iterable[Contact], kind: str) -> int:
    queued = 0
    for contact in contacts:
        if contact.email and not contact.anonymised_at:
            send_appointment_mail.enqueue(appointment.pk, contact.pk, kind)
            queued += 1
    return queued


@transaction.atomic
def create_appointment(
    *, agency: Agency, case: Case | None = None, data: AppointmentData, by
) -> tuple[Appointment, int]:
    """A new appointment; returns it and the number of invitations queued.

    Side effects: each invited contact with an email address gets an invitation mail with the
    .ics (METHOD:REQUEST, SEQUENCE 0).
    """
    attendees = _check(agency, case, data)
    appointment = Appointment(
        agency=agency,
        case=case,
        **{name: getattr(data, name) for name in DETAILS},
    )
    appointment.full_clean()
    appointment.save()
    appointment.attendees.set(attendees)
    return appointment, _queue(appointment, attendees, "invitation")


@transaction.atomic
def update_appointment(appointment: Appointment, *, data: AppointmentData, by) -> int:
    """Change an appointment; returns the number of mails queued (0: nothing had changed).

    Side effects: SEQUENCE goes up by one on any change; newly invited people get an
    invitation, people still invited get the new details if a detail changed, people no longer
    invited get a cancellation (METHOD:CANCEL) for their calendar.
    """
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.cancelled_at:
        raise ValidationError(_("This appointment has been cancelled and cannot be changed."))
    case = appointment.case
    # A case forwarded since takes its appointments along to its new agency.
    agency = case.agency if case is not None else appointment.agency
    attendees = _check(agency, case, data)
    before = set(appointment.attendees.values_list("pk", flat=True))
    after = {c.pk for c in attendees}
    changed = [name for name in DETAILS if getattr(appointment, name) != getattr(data, name)]
    if not changed and before == after and appointment.agency_id == agency.pk:
        return 0
    appointment.agency = agency
    for name in changed:
        setattr(appointment, name, getattr(data, name))
    appointment.sequence += 1
    appointment.full_clean()
    appointment.save()
    appointment.attendees.set(attendees)
    queued = _queue(appointment, [c for c in attendees if c.pk not in before], "invitation")
    if changed:
        queued += _queue(appointment, [c for c in attendees if c.pk in before], "update")
    removed = Contact.objects.filter(pk__in=before - after)
    return queued + _queue(appointment, removed, "uninvited")


@transaction.atomic
def cancel_appointment(appointment: Appointment, *, by) -> int:
    """Cancel an appointment; returns the number of cancellation mails queued.

    Side effects: `cancelled_at` is set and SEQUENCE goes up; every invited contact gets a mail
    with the .ics (METHOD:CANCEL) that takes the appointment out of their calendar.
    """
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if appointment.cancelled_at:
        raise ValidationError(_("This appointment has already been cancelled."))
    appointment.cancelled_at = timezone.now()
    appointment.sequence += 1
    appointment.save(update_fields=["cancelled_at", "sequence"])
    return _queue(appointment, appointment.attendees.all(), "cancelled")
