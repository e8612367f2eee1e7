"""Placeholder, filled in next."""

from django.http import Http404


def watch_toggle(request, **kwargs):
    raise Http404


def watch_list(request, **kwargs):
    raise Http404
