"""iCalendar for counselling appointments: invitations (METHOD:REQUEST) and cancellations
(METHOD:CANCEL) as RFC 5546 describes them, for mails and for download.

The UID is the appointment's own and its SEQUENCE goes up with every change, so a calendar
updates the entry it already has instead of adding a second one. The one iCalendar writer
(`core.ical`) writes it, in Europe/Berlin with the VTIMEZONE, as it writes the events' feeds.

The video link is in the file: only invited people and the agency's staff ever get it. Each
invited person's file names only that person as ATTENDEE (besides the advisor as ORGANIZER):
in a mediation the parties do not learn each other's addresses from the calendar.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from icalendar import Event as VEvent
from icalendar import vText

from gemeinsam.core import ical
from gemeinsam.core.bidi import isolate

from .models import Appointment, Contact

PRODID = "-//gemeinsam//counselling//DE"
REQUEST = ical.REQUEST
CANCEL = ical.CANCEL


def _description(appointment: Appointment) -> str:
    lines = [f"{_('Channel')}: {appointment.get_channel_display()}"]
    if appointment.location:
        lines.append(f"{_('Place')}: {isolate(appointment.location, rtl=True)}")
    if appointment.video_link:
        lines.append(f"{_('Video link')}: {isolate(appointment.video_link, 'ltr', rtl=True)}")
    if appointment.case_id:
        lines.append(f"{_('Case')}: {isolate(appointment.case.reference, 'ltr', rtl=True)}")
    lines.append(str(appointment.agency))
    return "\n".join(lines)


def vevent(appointment: Appointment, *, attendees: Iterable[Contact], method: str) -> VEvent:
    """One VEVENT; contacts without an email address cannot be attendees and are left out."""
    advisor = appointment.advisor
    cancelled = method == CANCEL
    item = ical.entry(
        uid=appointment.uid,
        sequence=appointment.sequence,
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        summary=appointment.title,
        description=_description(appointment),
        location=appointment.location or appointment.video_link,
        url=appointment.video_link,
        cancelled=cancelled,
        organizer=ical.address(advisor.email, advisor.name),
    )
    for contact in attendees:
        if not contact.email or contact.anonymised_at:
            continue
        attendee = ical.address(contact.email, contact.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        if not cancelled:
            attendee.params["partstat"] = vText("NEEDS-ACTION")
            attendee.params["rsvp"] = vText("TRUE")
        item.add("attendee", attendee)
    return item


def appointment_ics(
    appointment: Appointment, *, attendees: Iterable[Contact] | None = None, method: str = ""
) -> bytes:
    """A VCALENDAR with the one appointment: the invitation, or its cancellation once cancelled.

    `attendees` defaults to everyone invited; a mail to one person passes just that person.
    """
    method = method or (CANCEL if appointment.cancelled_at else REQUEST)
    if attendees is None:
        attendees = appointment.attendees.all()
    entry = vevent(appointment, attendees=attendees, method=method)
    return ical.calendar([entry], prodid=PRODID, method=method)


content_type = ical.content_type
