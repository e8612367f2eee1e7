"""The glossary: readers' page in their language, and the staff's page to keep it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.core import content

from .. import queries, services
from ..enums import SOURCE
from ..forms import GlossaryEntryForm
from ..inputs import Refused
from ..models import GlossaryEntry

MANAGE = "translations.manage_glossary"


@require_http_methods(["GET", "HEAD"])
def glossary(request):
    language = content.language_now(get_language())
    return render(
        request,
        "translations/glossary.html",
        {"terms": queries.public_glossary(language), "german_page": language == SOURCE},
    )


def _require_manager(user) -> None:
    if not user.has_perm(MANAGE):
        raise PermissionDenied


def _save(request, form, entry=None):
    try:
        services.save_glossary_entry(form.to_input(), entry)
    except Refused as refused:
        for problem in refused.problems:
            form.add_error(None, problem)
        return None
    messages.success(request, _("The glossary entry was saved."))
    return redirect("translations:glossary-manage")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def glossary_manage(request):
    _require_manager(request.user)
    form = GlossaryEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and (done := _save(request, form)):
        return done
    entries = GlossaryEntry.objects.order_by("source_term", "language")
    return render(request, "translations/glossary_manage.html", {"form": form, "entries": entries})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def glossary_update(request, pk: int):
    _require_manager(request.user)
    entry = get_object_or_404(GlossaryEntry, pk=pk)
    initial = {
        "source_term": entry.source_term,
        "language": entry.language,
        "target_term": entry.target_term,
        "note": entry.note,
    }
    form = GlossaryEntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and (done := _save(request, form, entry)):
        return done
    return render(request, "translations/glossary_form.html", {"form": form, "entry": entry})


@login_required
@require_POST
def glossary_delete(request, pk: int):
    _require_manager(request.user)
    entry = get_object_or_404(GlossaryEntry, pk=pk)
    services.delete_glossary_entry(entry)
    messages.success(request, _("The glossary entry was deleted."))
    return redirect("translations:glossary-manage")
