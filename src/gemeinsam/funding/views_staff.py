"""Placeholder, filled in next."""

from django.http import Http404


def readiness_overview(request, **kwargs):
    raise Http404


def readiness_export(request, **kwargs):
    raise Http404
