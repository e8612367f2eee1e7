"""/events/…: the staff pages under manage/, the public calendar, registration and the
personal links, all in the `events` namespace.

Order matters: manage/… and the fixed public paths come before `<slug>/`, so no event slug can
hide the staff pages, the calendar or the feeds.
"""

from django.urls import path

from .views import checkin, participants, public, registration, staff

app_name = "events"

E = "manage/<slug:slug>/"
P = f"{E}participants/"

urlpatterns = [
    # staff
    path("manage/", staff.manage_list, name="manage-list"),
    path("manage/new/", staff.event_create, name="event-create"),
    path(
        "manage/projects/<int:project_pk>/figures/",
        checkin.project_figures,
        name="project-figures",
    ),
    path(f"{E}edit/", staff.event_update, name="event-update"),
    path(f"{E}copy/", staff.event_copy, name="event-copy"),
    path(f"{E}documents/", staff.event_documents, name="event-documents"),
    path(f"{E}documents/<int:pk>/delete/", staff.document_delete, name="document-delete"),
    path(P, participants.participant_list, name="participant-list"),
    path(f"{P}mail/", participants.participant_mail, name="participant-mail"),
    path(f"{P}selected/", participants.participant_bulk, name="participant-bulk"),
    path(f"{P}export/<str:fmt>/", participants.participant_export, name="participant-export"),
    path(f"{P}<int:pk>/decide/", participants.participant_decide, name="participant-decide"),
    path(f"{P}<int:pk>/cancel/", participants.participant_cancel, name="participant-cancel"),
    path(
        f"{P}<int:pk>/attendance/",
        participants.participant_attendance,
        name="participant-attendance",
    ),
    path(f"{P}<int:pk>/certificate.pdf", checkin.certificate, name="certificate"),
    path(f"{E}certificates.pdf", checkin.certificate_all, name="certificate-all"),
    path(f"{E}checkin-list/", checkin.checkin_list, name="checkin-list"),
    path(f"{E}checkin/", checkin.checkin, name="checkin"),
    path(f"{E}checkin/<str:token>/", checkin.checkin_scan, name="checkin-scan"),
    path(f"{E}figures/", checkin.event_figures, name="event-figures"),
    # public
    path("", public.event_list, name="event-list"),
    path("calendar/", public.event_calendar, name="event-calendar"),
    path("trainings/", public.training_list, name="training-list"),
    path("feed.ics", public.event_feed, name="event-feed"),
    path("agency/<slug:agency_slug>/feed.ics", public.agency_feed, name="agency-feed"),
    path("<slug:slug>/", public.event_detail, name="event-detail"),
    path("<slug:slug>/event.ics", public.event_ics, name="event-ics"),
    # registration and the personal links
    path("<slug:slug>/register/", registration.registration_create, name="registration-create"),
    path("<slug:slug>/register/group/", registration.group_create, name="group-create"),
    path("groups/<str:token>/", registration.group_detail, name="group-detail"),
    path("groups/<str:token>/cancel/", registration.group_cancel, name="group-cancel"),
    path(
        "registrations/<str:token>/", registration.registration_detail, name="registration-detail"
    ),
    path(
        "registrations/<str:token>/event.ics",
        registration.registration_ics,
        name="registration-ics",
    ),
    path(
        "registrations/<str:token>/change/",
        registration.registration_update,
        name="registration-update",
    ),
    path(
        "registrations/<str:token>/cancel/",
        registration.registration_cancel,
        name="registration-cancel",
    ),
]
