"""Counselling URL patterns: public part (namespace "counselling").

Patterns still pointing at `pending` are placeholders until their views exist.
"""

from django.urls import path

from .views._pending import pending

urlpatterns = [
    path("", pending, name="request-create"),
    path("requests/<str:token>/", pending, name="request-status"),
    path("requests/<str:token>/withdraw/", pending, name="request-withdraw"),
    path("my/", pending, name="my-counselling"),
    path("my/cases/<int:pk>/", pending, name="shared-case"),
    path("my/cases/<int:pk>/documents/<int:doc>/", pending, name="shared-document"),
]
