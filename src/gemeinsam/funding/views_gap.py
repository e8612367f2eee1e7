"""Placeholder, filled in next."""

from django.http import Http404


def gap_dashboard(request, **kwargs):
    raise Http404


def gap_organizations(request, **kwargs):
    raise Http404


def gap_export(request, **kwargs):
    raise Http404
