from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST

from .. import queries as directory
from . import export, fields, queries, services, tasks, validation, values
from .enums import IN_PROGRESS, ImportStatus
from .forms import DecisionsForm, MappingForm, UploadForm
from .parsing import ImportFileError, Table, read_table

IMPORT = "organizations.import_organizations"
EXPORT = "organizations.export_organizations"
# A page with ten thousand error rows helps nobody; the count says how many more there are.
SHOWN_PROBLEMS = 500


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _batch_for(request, pk: int):
    _require(request, IMPORT)
    return get_object_or_404(queries.batches_of(request.user), pk=pk)


UNREADABLE = _lazy("The uploaded file can no longer be read. Please upload it again.")


def _read(batch) -> Table:
    with batch.file.open("rb") as stream:
        return read_table(stream, batch.original_name)


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    _require(request, IMPORT)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = services.start_import(
            by=request.user,
            upload=form.cleaned_data["file"],
            mapping=fields.guess_mapping(form.table.headers),
        )
        return redirect("organizations:import-preview", pk=batch.pk)
    return render(
        request,
        "organizations/interchange/import_upload.html",
        {
            "form": form,
            "batches": queries.batches_of(request.user)[:10],
            "accepted_values": values.accepted_values(),
        },
    )


def _progress(request, batch):
    """A running or finished import: its progress or its result, without reading the file."""
    return render(
        request,
        "organizations/interchange/import_progress.html",
        {"batch": batch, "running": batch.status in IN_PROGRESS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request, pk):
    batch = _batch_for(request, pk)
    if batch.status in (*IN_PROGRESS, ImportStatus.APPLIED):
        if request.method == "POST":
            messages.error(request, _("The mapping cannot change while the import runs or after."))
        return _progress(request, batch)
    try:
        table = _read(batch)
    except (ImportFileError, OSError):
        messages.error(request, UNREADABLE)
        return redirect("organizations:import-upload")
    mapping_form = MappingForm(request.POST or None, table=table, mapping=batch.mapping)
    if request.method == "POST" and mapping_form.is_valid():
        try:
            services.save_mapping(batch=batch, mapping=mapping_form.mapping())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("organizations:import-preview", pk=batch.pk)
    preview = validation.check(table, batch.mapping)
    problems = preview.problems
    return render(
        request,
        "organizations/interchange/import_preview.html",
        {
            "batch": batch,
            "failed": batch.status == ImportStatus.FAILED,
            "mapping_form": mapping_form,
            "preview": preview,
            "problems": problems[:SHOWN_PROBLEMS],
            "more_problems": max(0, len(problems) - SHOWN_PROBLEMS),
            "decisions": DecisionsForm(preview=preview),
        },
    )


@login_required
@require_POST
def import_apply(request, pk):
    batch = _batch_for(request, pk)
    if batch.status in (*IN_PROGRESS, ImportStatus.APPLIED):
        messages.error(request, " ".join(_refusal(batch)))
        return redirect("organizations:import-preview", pk=batch.pk)
    try:
        table = _read(batch)
    except (ImportFileError, OSError):
        messages.error(request, UNREADABLE)
        return redirect("organizations:import-upload")
    preview = validation.check(table, batch.mapping)
    form = DecisionsForm(request.POST, preview=preview)
    if not form.is_valid():
        messages.error(request, _("Please choose what to do with each likely duplicate."))
        return redirect("organizations:import-preview", pk=batch.pk)
    if not preview.can_apply:
        messages.error(request, _("The file still has problems, so nothing was imported."))
        return redirect("organizations:import-preview", pk=batch.pk)
    try:
        tasks.queue_import(
            batch=batch, decisions=form.decisions(), language=translation.get_language()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("organizations:import-preview", pk=batch.pk)


def _refusal(batch) -> list[str]:
    try:
        services.refuse_if_started(batch)
    except ValidationError as error:
        return error.messages
    return []


@login_required
@require_http_methods(["GET", "HEAD"])
def organization_export(request, fmt):
    _require(request, EXPORT)
    if fmt not in export.WRITERS:
        raise Http404
    filters = directory.DirectoryFilters.from_querydict(request.GET)
    organizations = queries.export_result(user=request.user, filters=filters)
    response = HttpResponse(
        export.WRITERS[fmt](organizations), content_type=export.CONTENT_TYPES[fmt]
    )
    filename = f"organizations-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
