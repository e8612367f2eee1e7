from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import queries, services
from .forms import (
    MeasureFormSet,
    ProjectForm,
    StaffAddForm,
    StaffChangeForm,
    project_input,
)


@require_http_methods(["GET", "HEAD"])
def agency_list(request):
    return render(
        request,
        "agencies/agency_list.html",
        {
            "agencies": queries.agencies_for_home(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_list(request, slug):
    agency = queries.agency_for(request.user, slug, "agencies.manage_staff")
    form = StaffAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_staff(
                by=request.user,
                agency=agency,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("The person has been added to the agency."))
            return redirect("agencies:staff-list", slug=agency.slug)
    return render(
        request,
        "agencies/staff_list.html",
        {
            "agency": agency,
            "form": form,
            "staff": agency.staff.select_related("user").order_by("-is_active", "user__name"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def staff_update(request, slug, pk):
    agency = queries.agency_for(request.user, slug, "agencies.manage_staff")
    membership = get_object_or_404(agency.staff.select_related("user"), pk=pk)
    form = StaffChangeForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_staff(
                by=request.user,
                membership=membership,
                change=form.change(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes have been saved."))
            return redirect("agencies:staff-list", slug=agency.slug)
    return render(
        request,
        "agencies/staff_form.html",
        {
            "agency": agency,
            "membership": membership,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def project_list(request, slug):
    agency = queries.agency_for(request.user, slug, "agencies.manage_projects")
    return render(
        request,
        "agencies/project_list.html",
        {
            "agency": agency,
            "projects": agency.projects.prefetch_related("measures"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_form(request, slug, project_slug=None):
    agency = queries.agency_for(request.user, slug, "agencies.manage_projects")
    project = get_object_or_404(agency.projects, slug=project_slug) if project_slug else None
    form = ProjectForm(request.POST or None, instance=project)
    measures = MeasureFormSet(request.POST or None, instance=project, prefix="measures")
    if request.method == "POST" and form.is_valid() and measures.is_valid():
        services.save_project(
            by=request.user,
            agency=agency,
            project=project,
            data=project_input(form, measures),
        )
        messages.success(request, _("The project has been saved."))
        return redirect("agencies:project-list", slug=agency.slug)
    return render(
        request,
        "agencies/project_form.html",
        {
            "agency": agency,
            "project": project,
            "form": form,
            "measures": measures,
        },
    )
