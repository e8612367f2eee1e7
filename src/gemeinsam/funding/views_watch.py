"""The watch list: programmes someone keeps an eye on, with a reminder mail before their next
deadline (see `tasks_deadlines`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gemeinsam.organizations.enums import MembershipStatus
from gemeinsam.organizations.queries import memberships_of

from .models import Programme, WatchedProgramme
from .tasks_deadlines import REMINDER_DAYS


def _back(request, programme: Programme):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(reverse("funding:programme-detail", kwargs={"code": programme.code}))


def _own_organization(user, slug: str):
    """The organization with this slug if the user is an active member of it, else None."""
    membership = (
        memberships_of(user)
        .filter(organization__slug=slug, status=MembershipStatus.ACTIVE)
        .select_related("organization")
        .first()
    )
    return membership.organization if membership else None


@login_required
@require_POST
def watch_toggle(request, code: str):
    """Watch a programme (optionally for one's organization) or stop watching it.

    `action` says which ("watch" or "unwatch"), so that sending the form twice does not undo
    it; without it, the state is toggled.
    """
    programme = get_object_or_404(Programme, code=code, is_active=True)
    existing = WatchedProgramme.objects.filter(user=request.user, programme=programme)
    action = request.POST.get("action") or ("unwatch" if existing.exists() else "watch")
    if action == "unwatch":
        existing.delete()
        messages.success(
            request, _("You no longer watch %(programme)s.") % {"programme": programme.name}
        )
        return _back(request, programme)
    if action != "watch":
        messages.error(request, _("Unknown action."))
        return _back(request, programme)

    organization = None
    slug = request.POST.get("organization", "").strip()
    if slug:
        organization = _own_organization(request.user, slug)
        if organization is None:
            messages.error(
                request,
                _(
                    "You can only watch a programme for an organization you are a confirmed "
                    "member of. Nothing was changed."
                ),
            )
            return _back(request, programme)
    try:
        with transaction.atomic():
            watch, created = WatchedProgramme.objects.get_or_create(
                user=request.user, programme=programme, defaults={"organization": organization}
            )
    except IntegrityError:  # the same request sent twice at once
        created = False
    else:
        if not created and organization is not None and watch.organization_id != organization.pk:
            watch.organization = organization
            watch.save(update_fields=["organization"])
    if programme.next_deadline(timezone.localdate()) is None:
        message = _(
            "You are watching %(programme)s. It has no deadline at the moment; we will remind "
            "you by mail before a deadline once there is one."
        )
    else:
        message = _(
            "You are watching %(programme)s. We will remind you by mail before its next deadline."
        )
    messages.success(request, message % {"programme": programme.name})
    return _back(request, programme)


@login_required
@require_GET
def watch_list(request):
    today = timezone.localdate()
    rows = []
    watches = (
        WatchedProgramme.objects.filter(user=request.user, programme__is_active=True)
        .select_related("programme", "organization")
        .order_by("programme__name")
    )
    for watch in watches:
        deadline = watch.programme.next_deadline(today)
        rows.append(
            {
                "watch": watch,
                "programme": watch.programme,
                "deadline": deadline,
                "days_left": (deadline - today).days if deadline else None,
                "outdated": watch.programme.possibly_outdated(today),
            }
        )
    # The nearest deadline first; programmes without one after those with one.
    rows.sort(key=lambda row: (row["deadline"] is None, row["deadline"] or today))
    return render(
        request,
        "funding/watch_list.html",
        {"rows": rows, "today": today, "reminder_days": REMINDER_DAYS},
    )
