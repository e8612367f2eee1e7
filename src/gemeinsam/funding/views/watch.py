"""The watch list: programmes someone keeps an eye on, with a reminder mail before their next
deadline (see `tasks`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gemeinsam.core import content

from .. import services
from ..models import Programme, WatchedProgramme
from ..tasks import REMINDER_DAYS


def _back(request, programme: Programme):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(reverse("funding:programme-detail", kwargs={"code": programme.code}))


@login_required
@require_POST
def watch_toggle(request, code: str):
    """Watch a programme (optionally for one's organization) or stop watching it.

    `action` says which ("watch" or "unwatch"), so that sending the form twice does not undo
    it; without it, the state is toggled.
    """
    programme = get_object_or_404(Programme, code=code, is_active=True)
    action = request.POST.get("action") or (
        "unwatch"
        if WatchedProgramme.objects.filter(user=request.user, programme=programme).exists()
        else "watch"
    )
    if action == "unwatch":
        services.stop_watching(by=request.user, programme=programme)
        messages.success(
            request,
            _("You no longer watch %(programme)s.")
            % {"programme": content.text(programme, "name")},
        )
        return _back(request, programme)
    if action != "watch":
        messages.error(request, _("Unknown action."))
        return _back(request, programme)
    try:
        services.watch_programme(
            by=request.user,
            programme=programme,
            organization_slug=request.POST.get("organization", "").strip(),
        )
    except ValidationError:
        messages.error(
            request,
            _(
                "You can only watch a programme for an organization you are a confirmed "
                "member of. Nothing was changed."
            ),
        )
        return _back(request, programme)
    if programme.next_deadline(timezone.localdate()) is None:
        message = _(
            "You are watching %(programme)s. It has no deadline at the moment; we will remind "
            "you by mail before a deadline once there is one."
        )
    else:
        message = _(
            "You are watching %(programme)s. We will remind you by mail before its next deadline."
        )
    messages.success(request, message % {"programme": content.text(programme, "name")})
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
    content.prefetch([row["programme"] for row in rows])  # their names in the page's language
    # The nearest deadline first; programmes without one after those with one.
    rows.sort(key=lambda row: (row["deadline"] is None, row["deadline"] or today))
    return render(
        request,
        "funding/watch_list.html",
        {"rows": rows, "today": today, "reminder_days": REMINDER_DAYS},
    )
