"""The one iCalendar (RFC 5545) writer: event feeds and attachments, appointment invitations.

Times are written in the installation's time zone (Europe/Berlin) with the VTIMEZONE the
calendar needs, so calendars show the right hour across the change to and from summer time.
Apps say what an entry holds; this module writes it the same way for all of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

PUBLISH = "PUBLISH"
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def address(email: str, name: str = "") -> vCalAddress:
    """An ORGANIZER or ATTENDEE: a mailto: address with the person's name, if known."""
    value = vCalAddress(f"mailto:{email}")
    if name:
        value.params["cn"] = vText(name)
    return value


def entry(
    *,
    uid: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    summary: str,
    sequence: int = 0,
    stamp: datetime.datetime | None = None,
    description: str = "",
    location: str = "",
    url: str = "",
    cancelled: bool = False,
    organizer: vCalAddress | None = None,
) -> VEvent:
    """One VEVENT. A calendar updates the entry it has under `uid` when `sequence` went up."""
    tz = timezone.get_default_timezone()
    item = VEvent()
    item.add("uid", uid)
    item.add("sequence", sequence)
    item.add("dtstamp", (stamp or timezone.now()).astimezone(datetime.UTC))
    item.add("dtstart", starts_at.astimezone(tz))
    item.add("dtend", ends_at.astimezone(tz))
    item.add("summary", summary)
    if description:
        item.add("description", description)
    if location:
        item.add("location", location)
    if url:
        item.add("url", url)
    item.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if organizer is not None:
        item.add("organizer", organizer)
    return item


def calendar(
    entries: Iterable[VEvent], *, prodid: str, method: str = PUBLISH, name: str = ""
) -> bytes:
    """A whole VCALENDAR with the entries and the time zones they use."""
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for item in entries:
        cal.add_component(item)
    cal.add_missing_timezones()
    return cal.to_ical()


def content_type(method: str = PUBLISH) -> str:
    return f"text/calendar; charset=utf-8; method={method}"
