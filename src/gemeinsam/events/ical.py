"""iCalendar (RFC 5545) for events: one event's .ics, mail attachments and subscribable feeds.

Times are written in Europe/Berlin with the VTIMEZONE the calendar needs, so calendars show the
right hour across the change to and from summer time.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

from .enums import EventStatus
from .models import Event

PRODID = "-//gemeinsam//events//DE"


def _address(event: Event) -> str:
    parts = [event.venue_name, event.street, " ".join(p for p in (event.postcode, event.city) if p)]
    return ", ".join(p for p in parts if p)


def vevent(event: Event, *, video_link: str = "", base_url: str | None = None) -> VEvent:
    """One VEVENT. `video_link` is given only for a confirmed participant's own calendar."""
    base = (base_url or settings.GEMEINSAM_BASE_URL).rstrip("/")
    tz = timezone.get_default_timezone()
    item = VEvent()
    item.add("uid", f"event-{event.pk}@gemeinsam")
    item.add("dtstamp", event.updated_at or timezone.now())
    item.add("dtstart", event.starts_at.astimezone(tz))
    item.add("dtend", event.ends_at.astimezone(tz))
    item.add("summary", event.title)
    description = event.summary or event.description
    if video_link:
        description = f"{description}\n\n{video_link}".strip()
    if description:
        item.add("description", description)
    location = _address(event) if event.has_venue else ""
    if event.is_online and video_link:
        location = f"{location} / {video_link}" if location else video_link
    elif event.is_online and not location:
        location = "Online"
    if location:
        item.add("location", location)
    item.add("url", f"{base}{event.get_absolute_url()}")
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{event.agency.email or 'noreply@gemeinsam.invalid'}")
    organizer.params["cn"] = vText(str(event.agency))
    item.add("organizer", organizer)
    item.add("sequence", int(event.updated_at.timestamp()) // 60 if event.updated_at else 0)
    return item


def calendar(events: Iterable[Event], *, name: str = "", video_links: dict | None = None) -> bytes:
    """A whole VCALENDAR with the time zones its events use."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    video_links = video_links or {}
    for event in events:
        cal.add_component(vevent(event, video_link=video_links.get(event.pk, "")))
    cal.add_missing_timezones()
    return cal.to_ical()


def event_ics(event: Event, *, video_link: str = "") -> bytes:
    return calendar([event], name=event.title, video_links={event.pk: video_link})
