from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from gemeinsam.core import content
from gemeinsam.core.enums import FederalState
from gemeinsam.core.localized import without_source

from . import queries, services, suggest
from .enums import MembershipStatus
from .forms.directory import DirectoryFilterForm, DirectorySearchForm
from .forms.members import ClaimDecisionForm, ClaimForm, InvitationForm, MemberChangeForm
from .forms.profiles import (
    DescriptionsForm,
    FundingSourceFormSet,
    OrganizationForm,
    RecognitionFormSet,
    profile_parts,
)
from .models import Invitation, Organization, OrganizationMembership


def _base_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _page_number(request) -> int:
    try:
        return int(request.GET.get("page", "1"))
    except ValueError:
        return 1


@require_http_methods(["GET", "HEAD"])
def organization_list(request):
    filters = queries.DirectoryFilters.from_querydict(request.GET)
    result = queries.search_directory(
        user=request.user, filters=filters, page=_page_number(request), with_facets=True
    )
    params = request.GET.copy()
    params.pop("page", None)
    panel = DirectoryFilterForm(
        params,
        facets=queries.facet_counts(result),
        districts=queries.districts_in(result, filters.states),
    )
    return render(
        request,
        "organizations/organization_list.html",
        {
            "filters": filters,
            "result": result,
            "search": DirectorySearchForm(params),
            "panel": panel,
            "suggest": suggest.offers(result, filters, params, panel),
            "querystring": params.urlencode(),
            "can_export": request.user.has_perm("organizations.export_organizations"),
            "can_import": request.user.has_perm("organizations.import_organizations"),
        },
    )


@require_http_methods(["GET", "HEAD"])
def organization_detail(request, slug):
    org = queries.organization_for(request.user, slug)
    org = content.prefetch(
        Organization.objects.filter(pk=org.pk)
        .select_related("legal_form")
        .prefetch_related(
            "fields",
            "target_groups",
            "languages",
            "recognitions__type",
            "funding_sources__field",
        )
    ).get()
    user = request.user
    membership = org.memberships.filter(user=user).first() if user.is_authenticated else None
    return render(
        request,
        "organizations/organization_detail.html",
        {
            "organization": org,
            "lead": " · ".join(
                str(part)
                for part in (
                    org.get_kind_display(),
                    org.legal_form.label if org.legal_form else "",
                    org.city,
                )
                if part
            ),
            # With no German at all, the text in the language it was written in, marked.
            "description_elsewhere": without_source(org, "description"),
            "membership": membership,
            "show_internal": user.has_perm("organizations.view_internal_fields", org),
            "can_change": user.has_perm("organizations.change_organization", org),
            "can_manage_members": user.has_perm("organizations.manage_members", org),
            "can_claim": user.is_authenticated and membership is None,
            "state_label": FederalState(org.federal_state).label if org.federal_state else "",
        },
    )


def _edit_forms(request, org: Organization | None):
    data = request.POST if request.method == "POST" else None
    # The forms only check what was sent; the service writes it (`OrganizationForm.to_input`).
    return (
        OrganizationForm(data, instance=org),
        DescriptionsForm(data, organization=org),
        RecognitionFormSet(data, instance=org, prefix="recognitions"),
        FundingSourceFormSet(data, instance=org, prefix="funding"),
    )


def _profile_form(request, org, form, descriptions, recognitions, funding):
    """The profile form in foldable sections; what was sent comes back as it was typed."""
    return render(
        request,
        "organizations/organization_form.html",
        {
            "form": form,
            "descriptions": descriptions,
            "recognitions": recognitions,
            "funding": funding,
            "parts": profile_parts(form, descriptions, recognitions, funding, new=org is None),
            "organization": org,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request):
    if not request.user.has_perm("organizations.add_organization"):
        raise PermissionDenied
    form, descriptions, recognitions, funding = _edit_forms(request, None)
    if request.method == "POST" and all(
        f.is_valid() for f in (form, descriptions, recognitions, funding)
    ):
        org = services.create_organization(
            by=request.user,
            data=form.to_input(
                descriptions=descriptions, recognitions=recognitions, funding_sources=funding
            ),
            # Staff who add an organization are not its admins; a member who founds it is.
            as_admin=not request.user.has_perm("organizations.view_unlisted"),
        )
        messages.success(request, _("The organization has been created."))
        return redirect(org)
    return _profile_form(request, None, form, descriptions, recognitions, funding)


@login_required
@require_http_methods(["GET", "POST"])
def organization_update(request, slug):
    org = queries.organization_for(request.user, slug, "organizations.change_organization")
    form, descriptions, recognitions, funding = _edit_forms(request, org)
    if request.method == "POST" and all(
        f.is_valid() for f in (form, descriptions, recognitions, funding)
    ):
        services.update_organization(
            by=request.user,
            organization=org,
            data=form.to_input(
                descriptions=descriptions, recognitions=recognitions, funding_sources=funding
            ),
        )
        messages.success(request, _("The profile has been saved."))
        return redirect(org)
    return _profile_form(request, org, form, descriptions, recognitions, funding)


@login_required
@require_POST
def organization_confirm(request, slug):
    org = queries.organization_for(request.user, slug, "organizations.change_organization")
    services.confirm_profile(by=request.user, organization=org)
    messages.success(request, _("Thank you: the profile is marked as up to date."))
    return redirect(org)


@login_required
@require_http_methods(["GET", "POST"])
def organization_claim(request, slug):
    org = queries.organization_for(request.user, slug)
    if not request.user.has_perm("organizations.claim_organization", org):
        raise PermissionDenied
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.claim_organization(
                by=request.user, organization=org, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your request has been sent. Agency staff will confirm it soon.")
            )
            return redirect(org)
    return render(
        request,
        "organizations/organization_claim.html",
        {
            "organization": org,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_list(request, slug):
    org = queries.organization_for(request.user, slug, "organizations.manage_members")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(
                by=request.user,
                organization=org,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                request_base=_base_url(request),
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("The invitation has been sent."))
            return redirect("organizations:member-list", slug=org.slug)
    members = org.memberships.exclude(status=MembershipStatus.DECLINED).select_related("user")
    return render(
        request,
        "organizations/member_list.html",
        {
            "organization": org,
            "members": [(m, MemberChangeForm.for_member(m)) for m in members],
            "form": form,
            "invitations": [i for i in org.invitations.all() if i.is_open],
        },
    )


@login_required
@require_POST
def member_change(request, slug, pk):
    org = queries.organization_for(request.user, slug, "organizations.manage_members")
    membership = get_object_or_404(org.memberships, pk=pk)
    form = MemberChangeForm(request.POST)
    if form.is_valid():
        try:
            services.change_member(
                by=request.user,
                membership=membership,
                role=form.cleaned_data["role"] or None,
                remove=form.cleaned_data["remove"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The membership has been changed."))
    return redirect("organizations:member-list", slug=org.slug)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("organization"), token=token)
    if request.method == "POST":
        try:
            services.accept_invitation(by=request.user, invitation=invitation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Welcome! You now act for this organization."))
            return redirect(invitation.organization)
    return render(request, "organizations/invitation_accept.html", {"invitation": invitation})


@login_required
@require_http_methods(["GET", "HEAD"])
def claim_list(request):
    if not request.user.has_perm("organizations.decide_claims"):
        raise PermissionDenied
    return render(
        request,
        "organizations/claim_list.html",
        {
            "claims": queries.pending_claims(),
            "form": ClaimDecisionForm(),
        },
    )


@login_required
@require_POST
def claim_decide(request, pk):
    if not request.user.has_perm("organizations.decide_claims"):
        raise PermissionDenied
    membership = get_object_or_404(OrganizationMembership, pk=pk)
    form = ClaimDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decide_claim(
                by=request.user,
                membership=membership,
                accept=form.cleaned_data["decision"] == "accept",
                request_base=_base_url(request),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The request has been decided."))
    else:
        messages.error(request, _("Please choose whether to confirm or decline."))
    return redirect("organizations:claim-list")
