"""The programme catalogue: filter like the federal funding database, and see for your own
organization which programmes fit now, which after named steps, and which not (and why)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gemeinsam.organizations.models import FieldOfActivity

from .. import ruledoc
from ..documents import legal_basis
from ..forms import OrganizationChoiceForm, ProgrammeFilterForm
from ..models import Programme, WatchedProgramme
from ..profile import profile_facts
from ..queries import programmes as queries
from .checks import own_organizations, requirement_rows


def _organization(request):
    organizations = own_organizations(request.user)
    chosen = next((o for o in organizations if o.slug == request.GET.get("organization")), None)
    return organizations, chosen


def programme_list(request):
    filters = queries.CatalogueFilters.from_query(request.GET)
    programmes = list(queries.catalogue(filters))
    today = timezone.localdate()
    organizations, organization = _organization(request)
    fits = None
    if organization is not None:
        facts = profile_facts(organization, as_of=today)
        fits = queries.fits(facts, programmes, as_of=today)
    fields = FieldOfActivity.objects.filter(programmes__isnull=False).distinct()
    form = ProgrammeFilterForm(
        filters, organizations=organizations, organization=organization, fields=fields
    )
    return render(
        request,
        "funding/programme_list.html",
        {
            "programmes": programmes,
            "fits": fits,
            "ranks": queries.ranked(fits) if fits is not None else [],
            "filters": filters,
            "form": form,
            "organizations": organizations,
            "organization": organization,
            "today": today,
        },
    )


def programme_detail(request, code: str):
    programme = get_object_or_404(
        Programme.objects.prefetch_related("fields", "rule_versions"), code=code, is_active=True
    )
    today = timezone.localdate()
    organizations, organization = _organization(request)
    version = programme.current_rules
    language = (get_language() or "de").split("-")[0]
    rows = []
    if organization is not None and version is not None:
        result = ruledoc.evaluate(
            version.document, profile_facts(organization, as_of=today), as_of=today
        )
        rows = requirement_rows(result, language, organization.federal_state)
    requirements = [
        {
            "title": r["title"].get(language) or r["title"]["de"],
            "explanation": r["explanation"].get(language) or r["explanation"]["de"],
            "legal_basis": legal_basis(r, organization.federal_state if organization else ""),
        }
        for r in (version.document["requirements"] if version else [])
    ]
    return render(
        request,
        "funding/programme_detail.html",
        {
            "programme": programme,
            "version": version,
            "requirements": requirements,
            "rows": rows,
            "organizations": organizations,
            "organization": organization,
            "check_form": OrganizationChoiceForm(
                organizations=organizations,
                organization=organization,
                label=_("Check for my organization"),
            ),
            "watch_form": OrganizationChoiceForm(
                organizations=organizations,
                organization=organization,
                label=_("Watch for"),
                empty=_("– myself only –"),
                auto_id="watch-%s",
            ),
            "outdated": programme.possibly_outdated(today),
            "deadline": programme.next_deadline(today),
            "unverified": set(programme.unverified),
            "watched": request.user.is_authenticated
            and WatchedProgramme.objects.filter(user=request.user, programme=programme).exists(),
        },
    )
