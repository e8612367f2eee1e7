"""The public side of events: the list, the month calendar, the training catalogue, one event's
page, and the iCal files and feeds.

Every page reads through `queries`, so drafts stay hidden from everyone but their agency's
staff. The video link (`online_url`) never appears here: it is for confirmed participants only.
"""

from __future__ import annotations

import calendar as pycalendar
import json
import re
from datetime import date, datetime, time, timedelta

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.dates import WEEKDAYS, WEEKDAYS_ABBR
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from gemeinsam.agencies.models import Agency
from gemeinsam.core import content
from gemeinsam.core.pagecache import anonymous_page_cache

from .. import ical, queries, sql, texts
from ..enums import EventFormat, EventKind, EventStatus
from ..forms.public import LIST_CHOICES, TRAINING_CHOICES, EventFilterForm, FeedAddressForm
from ..models import Event

PAGE_SIZE = 20
# Subscribers keep seeing what happened lately, so a calendar does not empty itself at once.
FEED_PAST_DAYS = 30
FEED_LIMIT = 1000
MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


def _page(request, events):
    # get_page clamps: "abc" gives the first page, 999 the last; never an error page.
    return Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))


def _feed_links(request, filters: queries.EventFilters) -> dict[str, str]:
    query = urlencode(filters.as_query())
    url = request.build_absolute_uri(reverse("events:event-feed"))
    if query:
        url = f"{url}?{query}"
    return {
        "url": url,
        "webcal": "webcal://" + url.split("://", 1)[1],
        "form": FeedAddressForm(initial={"address": url}, auto_id="feed-%s"),
    }


def _optional_url(name: str, **kwargs) -> str:
    """A link to a page another part of the app provides; empty while it does not exist."""
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


def _filter_context(filters, choices: tuple[str, ...], month: str = "") -> dict:
    query = filters.as_query()
    return {
        "filters": filters,
        "filter_form": EventFilterForm(filters, choices=choices, month=month),
        # The training catalogue's kind is the page, not a filter a person could remove.
        "filters_active": any(name != "kind" or name in choices for name, _value in query),
        "querystring": urlencode(query),
    }


@require_http_methods(["GET", "HEAD"])
@anonymous_page_cache(sql.latest_change, timeout=60)
def event_list(request):
    filters = queries.EventFilters.from_query(request.GET)
    page = _page(request, queries.upcoming(request.user, filters))
    return render(
        request,
        "events/public/event_list.html",
        {
            **_filter_context(filters, LIST_CHOICES),
            "page": page,
            "feed": _feed_links(request, filters),
        },
    )


@require_http_methods(["GET", "HEAD"])
@anonymous_page_cache(sql.latest_change, timeout=60)
def training_list(request):
    filters = queries.EventFilters.from_query(request.GET)
    # The kind is the page itself, not a choice: links and feeds carry it, the form does not.
    filters.kind = [EventKind.TRAINING.value]
    events = queries.upcoming(request.user, filters).prefetch_related("fields")
    context = _filter_context(filters, TRAINING_CHOICES)
    return render(
        request,
        "events/public/training_list.html",
        {**context, "page": _page(request, events), "feed": _feed_links(request, filters)},
    )


def _month(value: str) -> date:
    """The first day of the month asked for ("2026-12"); anything else means this month."""
    match = MONTH_RE.match((value or "").strip())
    if match:
        year, month = int(match[1]), int(match[2])
        if 1900 <= year <= 2999 and 1 <= month <= 12:
            return date(year, month, 1)
    return timezone.localdate().replace(day=1)


def _shift_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _events_by_day(events, grid_start: date, grid_end: date) -> dict[date, list[Event]]:
    """Each day of the grid with the events on it; an event over several days is on each."""
    by_day: dict[date, list[Event]] = {}
    for event in events:
        day = max(timezone.localtime(event.starts_at).date(), grid_start)
        last = min(timezone.localtime(event.ends_at).date(), grid_end - timedelta(days=1))
        while day <= last:
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)
    return by_day


def _weeks(weeks, first: date, by_day: dict[date, list[Event]]) -> list[dict]:
    """The month grid: a row per week, a cell per day."""
    today = timezone.localdate()
    return [
        {
            "number": week[0].isocalendar().week,
            "days": [
                {
                    "date": day,
                    "in_month": day.month == first.month,
                    "is_today": day == today,
                    "events": by_day.get(day, []),
                }
                for day in week
            ],
        }
        for week in weeks
    ]


def _agenda(first: date, by_day: dict[date, list[Event]]) -> list[dict]:
    """The same month as a list by day, for narrow screens: only the month's days with events."""
    today = timezone.localdate()
    return [
        {"date": day, "is_today": day == today, "events": events}
        for day, events in sorted(by_day.items())
        if day.month == first.month
    ]


@require_http_methods(["GET", "HEAD"])
@anonymous_page_cache(sql.latest_change, timeout=60)
def event_calendar(request):
    filters = queries.EventFilters.from_query(request.GET)
    first = _month(request.GET.get("month", ""))
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    grid_start, grid_end = weeks[0][0], weeks[-1][-1] + timedelta(days=1)
    events = (
        queries.for_listing(queries.apply_filters(queries.events_visible_to(request.user), filters))
        .filter(starts_at__lt=_local_midnight(grid_end), ends_at__gte=_local_midnight(grid_start))
        .order_by("starts_at", "id")
    )
    by_day = _events_by_day(events, grid_start, grid_end)
    month_value = first.strftime("%Y-%m")
    context = _filter_context(filters, LIST_CHOICES, month=month_value)
    query = context["querystring"]
    return render(
        request,
        "events/public/event_calendar.html",
        {
            **context,
            "month": first,
            "month_label": formats.date_format(first, "YEAR_MONTH_FORMAT"),
            "month_value": month_value,
            "previous_month_value": _shift_month(first, -1).strftime("%Y-%m"),
            "next_month_value": _shift_month(first, 1).strftime("%Y-%m"),
            "link_query": f"&{query}" if query else "",
            "weekdays": [(WEEKDAYS[i], WEEKDAYS_ABBR[i]) for i in range(7)],
            "weeks": _weeks(weeks, first, by_day),
            "agenda": _agenda(first, by_day),
            "has_events": bool(by_day),
            "feed": _feed_links(request, filters),
        },
    )


def _json_ld(event: Event, page_url: str, register_url: str, request) -> str:
    """schema.org `Event` for search engines; the video link is never part of it."""
    modes = {
        EventFormat.IN_PERSON: "OfflineEventAttendanceMode",
        EventFormat.ONLINE: "OnlineEventAttendanceMode",
        EventFormat.HYBRID: "MixedEventAttendanceMode",
    }
    tz = timezone.get_default_timezone()
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": content.text(event, "title"),
        "url": page_url,
        "startDate": event.starts_at.astimezone(tz).isoformat(),
        "endDate": event.ends_at.astimezone(tz).isoformat(),
        "eventAttendanceMode": f"https://schema.org/{modes[event.format]}",
        "eventStatus": "https://schema.org/"
        + ("EventCancelled" if event.status == EventStatus.CANCELLED else "EventScheduled"),
        "organizer": {
            "@type": "Organization",
            "name": event.agency.name,
            "url": request.build_absolute_uri(event.agency.get_absolute_url()),
        },
    }
    if event.summary or event.description:
        data["description"] = content.text(event, "summary" if event.summary else "description")
    languages = [language.code for language in event.languages.all()]
    if languages:
        data["inLanguage"] = languages
    locations = []
    if event.has_venue:
        address = {"@type": "PostalAddress", "addressCountry": "DE"}
        for key, value in [
            ("streetAddress", event.street),
            ("postalCode", event.postcode),
            ("addressLocality", event.city),
            ("addressRegion", event.get_federal_state_display() if event.federal_state else ""),
        ]:
            if value:
                address[key] = value
        locations.append(
            {"@type": "Place", "name": event.venue_name or event.city, "address": address}
        )
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": page_url})
    data["location"] = locations[0] if len(locations) == 1 else locations
    if event.registration_required:
        data["offers"] = {
            "@type": "Offer",
            "url": request.build_absolute_uri(register_url) if register_url else page_url,
            "availability": "https://schema.org/" + ("SoldOut" if event.is_full else "InStock"),
        }
        if event.registration_opens_at:
            data["offers"]["validFrom"] = event.registration_opens_at.astimezone(tz).isoformat()
    # Escaped like Django's json_script, so a title with "</script>" cannot end the element.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return mark_safe(text)


def _registration_state(event: Event, now=None) -> str:
    """What the page says about registering: one word the template turns into a sentence."""
    now = now or timezone.now()
    if event.status == EventStatus.CANCELLED:
        return "cancelled"
    if event.ends_at < now:
        return "past"
    if not event.registration_required:
        return "not_required"
    if event.registration_opens_at and now < event.registration_opens_at:
        return "not_yet_open"
    if not event.registration_open(now):
        return "closed"
    if event.is_full and not event.waitlist_enabled:
        return "full"
    return "open"


@require_http_methods(["GET", "HEAD"])
def event_detail(request, slug):
    event = get_object_or_404(content.prefetch(queries.event_page(request.user)), slug=slug)
    can_edit = request.user.has_perm("events.change_event", event)
    registration = _registration_state(event)
    places = queries.places_of(request.user, event)
    register_url = ""
    # Someone already registered changes or cancels on their own page, which the page links.
    if registration == "open" and places.registration is None:
        register_url = _optional_url("events:registration-create", slug=event.slug)
    page_url = request.build_absolute_uri(event.get_absolute_url())
    speakers = list(event.speakers.all())
    return render(
        request,
        "events/public/event_detail.html",
        {
            "event": event,
            "speakers": speakers,
            "documents": list(event.documents.all()),
            "register_url": register_url,
            "edit_url": _optional_url("events:event-update", slug=event.slug) if can_edit else "",
            "show_project": event.project_id and (event.project.is_public or can_edit),
            "json_ld": _json_ld(event, page_url, register_url, request),
            "registration": registration,
            "places": places,
            "agenda": texts.items(event),
        },
    )


def _calendar_response(body: bytes, filename: str, *, attachment: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


@require_http_methods(["GET", "HEAD"])
def event_ics(request, slug):
    event = get_object_or_404(
        content.prefetch(queries.events_visible_to(request.user).select_related("agency")),
        slug=slug,
    )
    return _calendar_response(ical.event_ics(event), f"{event.slug}.ics", attachment=True)


def _feed_events(filters: queries.EventFilters):
    # Feeds are fetched by calendar apps without a session: they show what the public sees,
    # never drafts, whoever happens to open the link.
    events = queries.events_visible_to(None)
    if not filters.date_from:
        events = events.filter(ends_at__gte=timezone.now() - timedelta(days=FEED_PAST_DAYS))
    # In the feed address's language (`/ar/events/feed/`), as its page.
    events = content.prefetch(queries.apply_filters(events, filters).select_related("agency"))
    return events.order_by("starts_at", "id")[:FEED_LIMIT]


@require_http_methods(["GET", "HEAD"])
def event_feed(request):
    filters = queries.EventFilters.from_query(request.GET)
    body = ical.calendar(_feed_events(filters), name=_("Events – gemeinsam"))
    return _calendar_response(body, "events.ics", attachment=False)


@require_http_methods(["GET", "HEAD"])
def agency_feed(request, agency_slug):
    agency = get_object_or_404(Agency.objects.filter(is_active=True), slug=agency_slug)
    filters = queries.EventFilters(agency=[agency.slug])
    body = ical.calendar(
        _feed_events(filters), name=_("Events: %(agency)s") % {"agency": agency.name}
    )
    return _calendar_response(body, f"{agency.slug}.ics", attachment=False)
