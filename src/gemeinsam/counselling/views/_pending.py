"""A placeholder for pages whose part is not written yet: every URL name resolves meanwhile."""

from django.http import Http404


def pending(request, *args, **kwargs):
    raise Http404
