"""Rooms: the public list and week calendar, booking requests, and the agency's management.

Every view parses, authorises, calls one service and responds. Rooms and bookings are fetched
through the person asking: an outsider gets 404, too little right 403, nobody logged in the
log-in page.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.rules import is_agency_staff, is_platform_admin
from gemeinsam.agencies.models import Agency
from gemeinsam.agencies.queries import agency_for
from gemeinsam.core import content
from gemeinsam.events import texts

from . import queries, services
from .enums import BookingStatus
from .forms import (
    BookingRequestForm,
    CancelForm,
    ClosureForm,
    DecisionForm,
    EventReserveForm,
    RoomFilterForm,
    RoomForm,
)
from .models import Booking, Room


def _room_for(request, agency: str, slug: str) -> Room:
    return get_object_or_404(queries.rooms_visible_to(request.user), agency__slug=agency, slug=slug)


def _week_url(room: Room, monday: datetime.date) -> str:
    return f"{room.get_absolute_url()}?week={queries.week_label(monday)}"


@require_http_methods(["GET", "HEAD"])
def room_list(request):
    filters = queries.RoomFilters.from_query(request.GET)
    agencies = list(queries.agencies_with_rooms())
    form = RoomFilterForm.kept(filters, agencies=agencies)
    managed = queries.staff_agency_ids(request.user)
    # In the reader's language: one query more for all the rooms (none in German).
    rooms = content.prefetch(list(queries.rooms_for_list(filters)))
    return render(
        request,
        "rooms/room_list.html",
        {
            "rooms": [(room, texts.items(room, "equipment")) for room in rooms],
            "form": form,
            "filtered": bool(filters.agency or filters.kind or filters.capacity),
            # Staff reach their agency's management from here, also before it has any room.
            "managed_agencies": Agency.objects.filter(pk__in=managed, is_active=True).order_by(
                "name"
            )
            if managed
            else [],
        },
    )


@require_http_methods(["GET", "HEAD"])
def room_detail(request, agency, slug):
    room = _room_for(request, agency, slug)
    monday = queries.parse_week(request.GET.get("week"))
    detailed = request.user.has_perm("rooms.change_room", room)
    week = datetime.timedelta(days=7)
    days = queries.week_calendar(room, monday, detailed=detailed)
    # The room's texts and the titles of the week's events in the reader's language.
    events = [e.booking.event for day in days for e in day.entries if e.booking and e.booking.event]
    content.prefetch([room, *events])
    return render(
        request,
        "rooms/room_detail.html",
        {
            "room": room,
            "equipment": texts.items(room, "equipment"),
            "days": days,
            "monday": monday,
            "sunday": monday + datetime.timedelta(days=6),
            "week_number": monday.isocalendar()[1],
            "previous_url": _week_url(room, monday - week),
            "next_url": _week_url(room, monday + week),
            "this_week_url": room.get_absolute_url(),
            "is_this_week": monday == queries.parse_week(None),
            "detailed": detailed,
            "can_request": room.is_active
            and (
                not request.user.is_authenticated or request.user.has_perm("rooms.request_booking")
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def booking_create(request, agency, slug):
    room = _room_for(request, agency, slug)
    if not request.user.has_perm("rooms.request_booking"):
        raise PermissionDenied
    staff = is_agency_staff(request.user) or is_platform_admin(request.user)
    form = BookingRequestForm(
        request.POST or None,
        organizations=queries.organizations_for_booking(request.user),
        organization_required=not staff,
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            bookings = services.request_booking(room, form.request(), by=request.user)
        except services.SeriesConflict as error:
            form.add_error(None, error.message)
            conflict = error
        except services.BookingError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Your request has been sent. The agency will confirm it.",
                    "Your request for %(count)d dates has been sent. The agency will confirm it.",
                    len(bookings),
                )
                % {"count": len(bookings)},
            )
            return redirect("rooms:my-bookings")
    return render(
        request,
        "rooms/booking_form.html",
        {
            "room": room,
            "form": form,
            "conflict": conflict,
            # The offer to book the other dates: the same request, leaving these out.
            "rest": form.without(c.date for c in conflict.conflicts) if conflict else None,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def my_bookings(request):
    now = timezone.now()
    bookings = list(queries.bookings_of(request.user))
    content.prefetch([booking.room for booking in bookings])  # the rooms' names
    return render(
        request,
        "rooms/booking_list.html",
        {
            "upcoming": [b for b in bookings if b.ends_at > now],
            "past": [b for b in bookings if b.ends_at <= now][-20:],
            "active_statuses": [BookingStatus.REQUESTED, BookingStatus.APPROVED],
        },
    )


def _same_series(booking: Booking, queryset, scope: str) -> list[Booking]:
    if scope == "series" and booking.series:
        return list(queryset.filter(series=booking.series, room_id=booking.room_id))
    return [booking]


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = get_object_or_404(queries.bookings_visible_to(request.user), pk=pk)
    if not request.user.has_perm("rooms.cancel_booking", booking):
        raise PermissionDenied
    form = CancelForm(request.POST)
    scope = form.cleaned_data["scope"] if form.is_valid() else "one"
    bookings = _same_series(
        booking,
        Booking.objects.filter(status__in=[BookingStatus.REQUESTED, BookingStatus.APPROVED]),
        scope,
    )
    try:
        cancelled = services.cancel(bookings, by=request.user)
    except services.BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "The booking has been cancelled.",
                "%(count)d dates have been cancelled.",
                len(cancelled),
            )
            % {"count": len(cancelled)},
        )
    if booking.requested_by_id == request.user.pk:
        return redirect("rooms:my-bookings")
    return redirect("rooms:booking-queue", agency=booking.room.agency.slug)


@login_required
@require_http_methods(["GET", "HEAD"])
def booking_queue(request, agency):
    agency = agency_for(request.user, agency, "rooms.manage_rooms")
    return render(
        request,
        "rooms/booking_queue.html",
        {
            "agency": agency,
            "requests": [(b, DecisionForm.for_booking(b)) for b in queries.queue(agency)],
            "approved": queries.approved_upcoming(agency),
            "rooms": agency.rooms.order_by("kind", "name"),
        },
    )


@login_required
@require_POST
def booking_decide(request, agency, pk):
    agency = agency_for(request.user, agency, "rooms.manage_rooms")
    in_agency = queries.bookings_visible_to(request.user).filter(room__agency=agency)
    booking = get_object_or_404(in_agency, pk=pk)
    if not request.user.has_perm("rooms.decide_booking", booking):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("rooms:booking-queue", agency=agency.slug)
    approve = form.cleaned_data["decision"] == "approve"
    bookings = _same_series(
        booking, in_agency.filter(status=BookingStatus.REQUESTED), form.cleaned_data["scope"]
    )
    try:
        decided, declined = services.decide(
            bookings, approve=approve, by=request.user, reason=form.cleaned_data["reason"]
        )
    except services.BookingError as error:
        messages.error(request, error.message)
    else:
        if approve:
            message = ngettext(
                "%(count)d date approved.", "%(count)d dates approved.", len(decided)
            ) % {"count": len(decided)}
            if declined:
                message += " " + ngettext(
                    "%(count)d overlapping request was declined.",
                    "%(count)d overlapping requests were declined.",
                    len(declined),
                ) % {"count": len(declined)}
        else:
            message = ngettext(
                "%(count)d date declined.", "%(count)d dates declined.", len(decided)
            ) % {"count": len(decided)}
        messages.success(request, message)
    return redirect("rooms:booking-queue", agency=agency.slug)


@login_required
@require_http_methods(["GET", "HEAD"])
def closure_list(request, agency):
    agency = agency_for(request.user, agency, "rooms.manage_rooms")
    closures = agency.closures.select_related("room").order_by("-starts_on")
    return render(request, "rooms/closure_list.html", {"agency": agency, "closures": closures})


@login_required
@require_http_methods(["GET", "POST"])
def closure_create(request, agency):
    agency = agency_for(request.user, agency, "rooms.manage_rooms")
    form = ClosureForm(request.POST or None, agency=agency)
    if request.method == "POST" and form.is_valid():
        try:
            _, cancelled = services.create_closure(
                agency,
                room=form.cleaned_data["room"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except services.BookingError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "The closure has been saved. %(count)d booking was cancelled.",
                    "The closure has been saved. %(count)d bookings were cancelled.",
                    len(cancelled),
                )
                % {"count": len(cancelled)},
            )
            return redirect("rooms:closure-list", agency=agency.slug)
    return render(request, "rooms/closure_form.html", {"agency": agency, "form": form})


@login_required
@require_POST
def closure_delete(request, agency, pk):
    agency = agency_for(request.user, agency, "rooms.manage_rooms")
    closure = get_object_or_404(agency.closures, pk=pk)
    services.delete_closure(closure, by=request.user)
    messages.success(request, _("The closure has been removed."))
    return redirect("rooms:closure-list", agency=agency.slug)


@login_required
@require_http_methods(["GET", "POST"])
def room_form(request, agency, slug=None):
    agency = agency_for(request.user, agency, "rooms.manage_rooms")
    room = get_object_or_404(agency.rooms.select_related("agency"), slug=slug) if slug else None
    if room is not None and not request.user.has_perm("rooms.change_room", room):
        raise PermissionDenied
    form = RoomForm(request.POST or None, instance=room, agency=agency)
    if request.method == "POST" and form.is_valid():
        # The valid form has put its values on its room; the service saves and audits it.
        changes = {
            name: str(form.cleaned_data[name]) for name in form.changed_data if name != "minor_edit"
        }
        room = services.save_room(
            form.instance,
            agency=agency,
            changes=changes,
            by=request.user,
            minor_edit_of=form.german_before(),
        )
        messages.success(request, _("The room has been saved."))
        return redirect(room.get_absolute_url())
    return render(request, "rooms/room_form.html", {"agency": agency, "room": room, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def event_reserve(request, agency):
    agency = agency_for(request.user, agency, "rooms.manage_rooms")
    form = EventReserveForm(
        request.POST or None,
        events=queries.upcoming_events(agency),
        rooms=agency.rooms.filter(is_active=True).select_related("agency").order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        event, room = form.cleaned_data["event"], form.cleaned_data["room"]
        try:
            services.reserve_for_event(event, room, request.user)
        except services.BookingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("%(room)s is reserved for %(event)s.") % {"room": room, "event": event},
            )
            return redirect(_week_url(room, timezone.localtime(event.starts_at).date()))
    return render(request, "rooms/event_reserve.html", {"agency": agency, "form": form})
