"""iCalendar for counselling appointments: invitations (METHOD:REQUEST) and cancellations
(METHOD:CANCEL) as RFC 5546 describes them, for mails and for download.

The UID is the appointment's own and its SEQUENCE goes up with every change, so a calendar
updates the entry it already has instead of adding a second one. Times are written in
Europe/Berlin with the VTIMEZONE (as `events.ical` does), so the hour stays right across the
change to and from summer time.

The video link is in the file: only invited people and the agency's staff ever get it. Each
invited person's file names only that person as ATTENDEE (besides the advisor as ORGANIZER):
in a mediation the parties do not learn each other's addresses from the calendar.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from .models import Appointment, Contact

PRODID = "-//gemeinsam//counselling//DE"
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def _address(email: str, name: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["cn"] = vText(name)
    return address


def _description(appointment: Appointment) -> str:
    lines = [f"{_('Channel')}: {appointment.get_channel_display()}"]
    if appointment.location:
        lines.append(f"{_('Place')}: {appointment.location}")
    if appointment.video_link:
        lines.append(f"{_('Video link')}: {appointment.video_link}")
    if appointment.case_id:
        lines.append(f"{_('Case')}: {appointment.case.reference}")
    lines.append(str(appointment.agency))
    return "\n".join(lines)


def vevent(appointment: Appointment, *, attendees: Iterable[Contact], method: str) -> VEvent:
    """One VEVENT; contacts without an email address cannot be attendees and are left out."""
    tz = timezone.get_default_timezone()
    item = VEvent()
    item.add("uid", appointment.uid)
    item.add("sequence", appointment.sequence)
    item.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    item.add("dtstart", appointment.starts_at.astimezone(tz))
    item.add("dtend", appointment.ends_at.astimezone(tz))
    item.add("summary", appointment.title)
    item.add("description", _description(appointment))
    location = appointment.location or appointment.video_link
    if location:
        item.add("location", location)
    if appointment.video_link:
        item.add("url", appointment.video_link)
    cancelled = method == CANCEL
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    advisor = appointment.advisor
    item.add("organizer", _address(advisor.email, advisor.name))
    for contact in attendees:
        if not contact.email or contact.anonymised_at:
            continue
        attendee = _address(contact.email, contact.name)
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
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add_component(vevent(appointment, attendees=attendees, method=method))
    cal.add_missing_timezones()
    return cal.to_ical()


def content_type(method: str) -> str:
    return f"text/calendar; charset=utf-8; method={method}"
