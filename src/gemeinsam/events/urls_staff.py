"""URL patterns (staff part of the events app): everything under manage/."""

from django.urls import path

from .views import staff_checkin, staff_events, staff_participants

E = "manage/<slug:slug>/"
P = f"{E}participants/"

urlpatterns: list = [
    # Not "manage/" alone: the public `<slug>/` pattern comes first in urls.py and would take it.
    path("manage/", staff_events.manage_list, name="manage-list"),
    path("manage/new/", staff_events.event_create, name="event-create"),
    path(
        "manage/projects/<int:project_pk>/figures/",
        staff_checkin.project_figures,
        name="project-figures",
    ),
    path(f"{E}edit/", staff_events.event_update, name="event-update"),
    path(f"{E}copy/", staff_events.event_copy, name="event-copy"),
    path(f"{E}documents/", staff_events.event_documents, name="event-documents"),
    path(f"{E}documents/<int:pk>/delete/", staff_events.document_delete, name="document-delete"),
    path(P, staff_participants.participant_list, name="participant-list"),
    path(f"{P}mail/", staff_participants.participant_mail, name="participant-mail"),
    path(f"{P}export/<str:fmt>/", staff_participants.participant_export, name="participant-export"),
    path(f"{P}<int:pk>/decide/", staff_participants.participant_decide, name="participant-decide"),
    path(f"{P}<int:pk>/cancel/", staff_participants.participant_cancel, name="participant-cancel"),
    path(
        f"{P}<int:pk>/attendance/",
        staff_participants.participant_attendance,
        name="participant-attendance",
    ),
    path(f"{P}<int:pk>/certificate.pdf", staff_checkin.certificate, name="certificate"),
    path(f"{E}certificates.pdf", staff_checkin.certificate_all, name="certificate-all"),
    path(f"{E}checkin-list/", staff_checkin.checkin_list, name="checkin-list"),
    path(f"{E}checkin/", staff_checkin.checkin, name="checkin"),
    path(f"{E}checkin/<str:token>/", staff_checkin.checkin_scan, name="checkin-scan"),
    path(f"{E}figures/", staff_checkin.event_figures, name="event-figures"),
]
