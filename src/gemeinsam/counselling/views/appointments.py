"""Appointments: an advisor's week, creating, changing and cancelling appointments (with their
invitations), and one appointment's .ics for the agency's staff and the case's parties.

Appointments are fetched through the person asking: staff of the appointment's agency or of
its case's agency see it; everyone else gets 404. Changing it takes `counselling.change_case` on
its case (the case's advisors and the agency's managers); one without a case is the agency's.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.accounts.roles import may

from .. import queries, services
from ..forms.appointments import EARLIEST, LATEST, AppointmentForm, WeekForm
from ..ical_appointments import appointment_ics
from ..models import Appointment
from ..rules import is_counselling_staff

CHANGE_CASE = "counselling.change_case"
WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


# --- Reads ---------------------------------------------------------------------------------------


def appointments_visible_to(user) -> QuerySet[Appointment]:
    """Appointments on the cases the person's agencies hold now (an appointment follows its
    case when the case is forwarded), and those without a case of the person's agencies."""
    return Appointment.objects.filter(
        Q(case__isnull=True, agency__in=queries.staff_agencies(user))
        | Q(case__in=queries.cases_visible_to(user))
    )


def parse_week(value: str | None, today: datetime.date) -> tuple[datetime.date, bool]:
    """The Monday of an ISO week like "2026-W47", and whether the value was one.

    Anything else (empty, "2026-W99", "x") gives this week's Monday.
    """
    this_monday = today - datetime.timedelta(days=today.weekday())
    match = WEEK.match((value or "").strip().upper())
    if match:
        try:
            monday = datetime.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            return this_monday, False
        if EARLIEST <= monday <= LATEST:
            return monday, True
    return this_monday, not value


def week_value(monday: datetime.date) -> str:
    year, week, _weekday = monday.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Day:
    date: datetime.date
    is_today: bool
    appointments: list[Appointment] = field(default_factory=list)


def advisor_week(user, advisor, monday: datetime.date) -> list[Day]:
    """Seven days, Monday first, with the advisor's appointments that `user` may see.

    One query, however many appointments the week holds. An appointment past midnight shows
    on each day it touches.
    """
    today = timezone.localdate()
    days = [Day(monday + datetime.timedelta(days=i), False) for i in range(7)]
    for day in days:
        day.is_today = day.date == today
    begin = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(monday + datetime.timedelta(days=7), datetime.time.min)
    )
    appointments = (
        appointments_visible_to(user)
        .filter(advisor=advisor, starts_at__lt=end, ends_at__gt=begin)
        .select_related("case")
        .order_by("starts_at", "id")
    )
    for appointment in appointments:
        first = timezone.localtime(appointment.starts_at).date()
        last = timezone.localtime(appointment.ends_at - datetime.timedelta(microseconds=1)).date()
        for day in days:
            if first <= day.date <= last:
                day.appointments.append(appointment)
    return days


# --- The week ------------------------------------------------------------------------------------


def _week_url(monday: datetime.date | None, advisor, user) -> str:
    query = {}
    if monday is not None:
        query["week"] = week_value(monday)
    if advisor.pk != user.pk:
        query["advisor"] = advisor.pk
    url = reverse("counselling:appointment-week")
    return f"{url}?{urlencode(query)}" if query else url


@login_required
@require_http_methods(["GET", "HEAD"])
def appointment_week(request):
    user = request.user
    if not is_counselling_staff(user):
        raise PermissionDenied
    colleagues = list(
        get_user_model()
        .objects.filter(
            is_active=True,
            staff_memberships__agency__in=queries.staff_agencies(user),
            staff_memberships__is_active=True,
        )
        .distinct()
        .order_by("name", "email")
    )
    wanted = request.GET.get("advisor", "")
    if wanted:
        # Only colleagues of the viewer's own agencies: anyone else is not there (404).
        advisor = next((c for c in colleagues if str(c.pk) == wanted), None)
        if advisor is None:
            raise Http404
    else:
        advisor = user
    given = request.GET.get("week", "")
    monday, valid = parse_week(given, timezone.localdate())
    if not valid:
        messages.error(
            request,
            _("“%(week)s” is not a week; this is the current week.") % {"week": given[:20]},
        )
    step = datetime.timedelta(days=7)
    return render(
        request,
        "counselling/appointments/appointment_week.html",
        {
            "advisor": advisor,
            "form": WeekForm(colleagues=colleagues, advisor=advisor, week=week_value(monday)),
            "days": advisor_week(user, advisor, monday),
            "monday": monday,
            "sunday": monday + datetime.timedelta(days=6),
            "week_number": monday.isocalendar()[1],
            "week_value": week_value(monday),
            "previous_url": _week_url(monday - step, advisor, user),
            "next_url": _week_url(monday + step, advisor, user),
            "this_week_url": _week_url(None, advisor, user),
        },
    )


# --- Creating, changing, cancelling --------------------------------------------------------------


def _appointment_for(request, pk: int) -> Appointment:
    appointment = get_object_or_404(
        appointments_visible_to(request.user).select_related("case__agency", "agency", "advisor"),
        pk=pk,
    )
    # Without a case, seeing the appointment means working for its agency, which may change it.
    if appointment.case is not None and not may(request.user, CHANGE_CASE, appointment.case):
        raise PermissionDenied
    return appointment


def _after_saving(appointment: Appointment, user):
    monday = timezone.localtime(appointment.starts_at).date()
    monday -= datetime.timedelta(days=monday.weekday())
    return redirect(_week_url(monday, appointment.advisor, user))


def _case_for_new(request):
    """The case named by ?case=, if any: it must be one the person may change."""
    wanted = request.GET.get("case", "")
    if not wanted:
        return None
    if not (wanted.isascii() and wanted.isdigit()):
        raise Http404
    case = get_object_or_404(
        queries.cases_visible_to(request.user).select_related("agency"), pk=wanted
    )
    if not may(request.user, CHANGE_CASE, case):
        raise PermissionDenied
    return case


@login_required
@require_http_methods(["GET", "POST"])
def appointment_create(request):
    case = _case_for_new(request)
    if case is not None:
        agency = case.agency
    else:
        agencies = list(queries.staff_agencies(request.user))
        if not agencies:
            raise PermissionDenied
        wanted = request.GET.get("agency")
        if wanted:
            agency = next((a for a in agencies if a.slug == wanted), None)
            if agency is None:
                raise Http404
        elif len(agencies) > 1:
            # Several agencies: the person picks one first, so the advisor list fits it.
            return render(
                request, "counselling/appointments/agency_choice.html", {"agencies": agencies}
            )
        else:
            agency = agencies[0]
    initial = {"advisor": request.user.pk, "title": case.title if case else ""}
    data = request.POST if request.method == "POST" else None
    form = AppointmentForm(data, agency=agency, case=case, initial=initial)
    if data is not None and form.is_valid():
        try:
            appointment, invited = services.appointments.create_appointment(
                agency=agency, case=case, data=form.appointment_data(), by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The appointment has been saved. %(count)d invitation is being sent.",
                    "The appointment has been saved. %(count)d invitations are being sent.",
                    invited,
                )
                % {"count": invited},
            )
            return _after_saving(appointment, request.user)
    return render(
        request,
        "counselling/appointments/appointment_form.html",
        {"form": form, "agency": agency, "case": case, "appointment": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def appointment_edit(request, pk):
    appointment = _appointment_for(request, pk)
    if appointment.cancelled_at:
        messages.error(request, _("This appointment has been cancelled and cannot be changed."))
        return _after_saving(appointment, request.user)
    case = appointment.case
    agency = case.agency if case is not None else appointment.agency
    data = request.POST if request.method == "POST" else None
    form = AppointmentForm(
        data, agency=agency, case=case, initial=AppointmentForm.initial_for(appointment)
    )
    if data is not None and form.is_valid():
        try:
            sent = services.appointments.update_appointment(
                appointment, data=form.appointment_data(), by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if sent:
                message = ngettext(
                    "The appointment has been changed. %(count)d mail is being sent.",
                    "The appointment has been changed. %(count)d mails are being sent.",
                    sent,
                ) % {"count": sent}
            else:
                message = _("The appointment has been saved.")
            messages.success(request, message)
            appointment.refresh_from_db()
            return _after_saving(appointment, request.user)
    return render(
        request,
        "counselling/appointments/appointment_form.html",
        {"form": form, "agency": agency, "case": case, "appointment": appointment},
    )


@login_required
@require_POST
def appointment_cancel(request, pk):
    appointment = _appointment_for(request, pk)
    try:
        sent = services.appointments.cancel_appointment(appointment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The appointment has been cancelled. %(count)d person is being told.",
                "The appointment has been cancelled. %(count)d people are being told.",
                sent,
            )
            % {"count": sent},
        )
    return _after_saving(appointment, request.user)


# --- The calendar file ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD"])
def appointment_ics_file(request, pk):
    """For the agency's staff with everyone invited; for a party only themselves as attendee."""
    user = request.user
    shared = Appointment.objects.filter(case__in=queries.cases_shared_with(user).values("pk"))
    appointment = get_object_or_404(
        (appointments_visible_to(user) | shared).select_related("case", "agency", "advisor"),
        pk=pk,
    )
    case = appointment.case
    if case is None:
        attendees = None  # reached through the agency: its staff
    elif may(user, "counselling.view_case", case):
        attendees = None
    elif may(user, "counselling.view_shared_case", case):
        attendees = appointment.attendees.filter(user=user)
    else:
        raise Http404
    response = HttpResponse(
        appointment_ics(appointment, attendees=attendees),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.pk}.ics"'
    return response
