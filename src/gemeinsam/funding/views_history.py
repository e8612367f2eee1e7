"""Placeholder, filled in next."""

from django.http import Http404


def result_history(request, **kwargs):
    raise Http404
