"""iCalendar for events: one event's .ics, mail attachments and subscribable feeds, written by
the one iCalendar writer (`core.ical`)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from icalendar import Event as VEvent

from gemeinsam.core import content, ical
from gemeinsam.core.bidi import isolate

from .enums import EventStatus
from .models import Event

PRODID = "-//gemeinsam//events//DE"


def _address(event: Event) -> str:
    """Venue, street, postcode and city, each isolated whatever the language: a calendar lays
    the line out in its own direction or its first letter's, and an Arabic venue name or an
    Arabic calendar would flip "12045 Berlin"."""
    parts = [event.venue_name, event.street, " ".join(p for p in (event.postcode, event.city) if p)]
    return ", ".join(isolate(p, rtl=True) for p in parts if p)


def vevent(event: Event, *, video_link: str = "", base_url: str | None = None) -> VEvent:
    """One VEVENT. `video_link` is given only for a confirmed participant's own calendar."""
    base = (base_url or settings.GEMEINSAM_BASE_URL).rstrip("/")
    # The texts in the active language (the page's, the feed's, or a participant's for a mail).
    description = content.text(event, "summary" if event.summary else "description")
    if video_link:
        description = f"{description}\n\n{video_link}".strip()
    location = _address(event) if event.has_venue else ""
    if event.is_online and video_link:
        location = f"{location} / {video_link}" if location else video_link
    elif event.is_online and not location:
        location = "Online"
    return ical.entry(
        uid=f"event-{event.pk}@gemeinsam",
        sequence=int(event.updated_at.timestamp()) // 60 if event.updated_at else 0,
        stamp=event.updated_at,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        summary=content.text(event, "title"),
        description=description,
        location=location,
        url=f"{base}{event.get_absolute_url()}",
        cancelled=event.status == EventStatus.CANCELLED,
        organizer=ical.address(
            event.agency.email or "noreply@gemeinsam.invalid", str(event.agency)
        ),
    )


def calendar(events: Iterable[Event], *, name: str = "", video_links: dict | None = None) -> bytes:
    """A whole VCALENDAR with the time zones its events use."""
    video_links = video_links or {}
    entries = (vevent(event, video_link=video_links.get(event.pk, "")) for event in events)
    return ical.calendar(entries, prodid=PRODID, name=name)


def event_ics(event: Event, *, video_link: str = "") -> bytes:
    return calendar([event], name=content.text(event, "title"), video_links={event.pk: video_link})
