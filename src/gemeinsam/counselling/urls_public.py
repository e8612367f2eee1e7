"""Counselling URL patterns: public part (namespace "counselling").

Anyone asks for counselling and follows the request by its link; members see their requests and
the shared parts of their cases.
"""

from django.urls import path

from .views import public

urlpatterns = [
    path("", public.request_create, name="request-create"),
    path("requests/<str:token>/", public.request_status, name="request-status"),
    path("requests/<str:token>/withdraw/", public.request_withdraw, name="request-withdraw"),
    path("my/", public.my_counselling, name="my-counselling"),
    path("my/cases/<int:pk>/", public.shared_case, name="shared-case"),
    path(
        "my/cases/<int:pk>/documents/<int:doc>/",
        public.shared_document,
        name="shared-document",
    ),
]
