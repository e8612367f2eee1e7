"""/tandems/…: open calls, applying, one's applications, and the agency's calls.

The fixed prefixes (`applications/`, `manage/`) come before `<agency>/<slug>/`.
"""

from django.urls import path

from . import views

app_name = "tandems"

urlpatterns = [
    path("", views.call_list, name="call-list"),
    path("applications/", views.my_applications, name="my-applications"),
    path("applications/<int:pk>/", views.application_detail, name="application-detail"),
    path(
        "applications/<int:pk>/withdraw/", views.application_withdraw, name="application-withdraw"
    ),
    path("applications/<int:pk>/answer/", views.invitation_answer, name="invitation-answer"),
    path(
        "applications/<int:pk>/documents/<int:position>/",
        views.application_document,
        name="application-document",
    ),
    path("tandem/<int:pk>/", views.tandem_detail, name="tandem-detail"),
    path("tandem/<int:pk>/goals/", views.goal_add, name="goal-add"),
    path("tandem/<int:pk>/milestones/", views.milestone_add, name="milestone-add"),
    path("tandem/<int:pk>/sign/", views.agreement_sign, name="agreement-sign"),
    path("tandem/<int:pk>/evaluation/", views.evaluation_submit, name="evaluation-submit"),
    path("manage/<slug:agency>/", views.call_manage, name="call-manage"),
    path("manage/<slug:agency>/new/", views.call_form, name="call-create"),
    path("manage/<slug:agency>/360giving.json", views.giving_export, name="giving-export"),
    path("manage/<slug:agency>/<slug:slug>/", views.call_form, name="call-update"),
    path(
        "manage/<slug:agency>/<slug:slug>/applications/",
        views.application_list,
        name="application-list",
    ),
    path(
        "manage/<slug:agency>/<slug:slug>/applications/<int:pk>/tandem/",
        views.application_tandem,
        name="application-tandem",
    ),
    path(
        "manage/<slug:agency>/<slug:slug>/evaluations/",
        views.evaluation_overview,
        name="evaluation-overview",
    ),
    path(
        "manage/<slug:agency>/<slug:slug>/evaluations/report.xlsx",
        views.evaluation_report,
        name="evaluation-report",
    ),
    path("manage/<slug:agency>/<slug:slug>/pairs/", views.pair_list, name="pair-list"),
    path("manage/<slug:agency>/<slug:slug>/pairs/form/", views.tandem_create, name="tandem-create"),
    path("<slug:agency>/<slug:slug>/", views.call_detail, name="call-detail"),
    path("<slug:agency>/<slug:slug>/apply/", views.application_create, name="application-create"),
]
