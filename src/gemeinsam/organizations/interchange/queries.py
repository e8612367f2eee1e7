"""Reads for imports and exports, starting from the person asking."""

from django.db.models import QuerySet

from .. import queries
from ..models import ImportBatch, Organization


def batches_of(user) -> QuerySet[ImportBatch]:
    """A person's own uploads: someone else's file (with its contact data) answers 404."""
    if not (user and user.is_authenticated):
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(uploaded_by=user)


def export_result(*, user, filters: queries.DirectoryFilters) -> QuerySet[Organization]:
    """The directory's current search result, as the person sees it, ready to write out."""
    result = queries.search_directory(user=user, filters=filters, page_size=1)
    return queries.export_rows(result.matched)
