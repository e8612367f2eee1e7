"""A notes key that does not fit is a clear 503 page, never garbage and never a 500."""

from django.shortcuts import render

from .crypto import NotesKeyError


class NotesKeyErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotesKeyError):
            return render(request, "counselling/key_error.html", status=503)
        return None
