"""/surveys/…: an agency's questionnaires (staff) and answering by personal link (a/<token>/)."""

from django.urls import path

from . import views

app_name = "surveys"

AGENCY = "agency/<slug:agency>/"
ONE = f"{AGENCY}<slug:slug>/"

urlpatterns = [
    path(AGENCY, views.questionnaire_list, name="questionnaire-list"),
    path(f"{AGENCY}import/", views.questionnaire_import, name="questionnaire-import"),
    path("results/<slug:agency>/", views.results_page, name="results"),
    path("results/<slug:agency>/download/", views.results_export, name="results-export"),
    path(ONE, views.questionnaire_detail, name="questionnaire-detail"),
    path(f"{ONE}launch/", views.questionnaire_launch, name="questionnaire-launch"),
    path(f"{ONE}xlsform/", views.questionnaire_export, name="questionnaire-export"),
    path(f"{ONE}invitations/", views.questionnaire_invitations, name="questionnaire-invitations"),
    path(f"{ONE}invitations/remind/", views.questionnaire_remind, name="questionnaire-remind"),
    path(f"{ONE}responses/", views.responses_export, name="responses-export"),
    path(f"{ONE}public-link/", views.questionnaire_public_link, name="questionnaire-public-link"),
    path("a/<str:token>/", views.answer, name="answer"),
    path("p/<str:token>/", views.public_answer, name="public-answer"),
]
