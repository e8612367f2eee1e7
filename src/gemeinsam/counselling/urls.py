"""/counselling/…: asking for counselling and following it, and the advisors' pages (under
manage/), by part: intake, cases, the case page and its timeline, appointments, personal data
(GDPR), the figures for funders, and the public pages."""

from django.urls import path

from .views import appointments, cases, gdpr, intake, public, reports, timeline

app_name = "counselling"

C = "manage/cases/<int:pk>/"
R = "manage/requests/<int:pk>/"

urlpatterns = [
    # Intake: the queue per agency and the decisions on a request.
    path("manage/", intake.staff_home, name="staff-home"),
    path("manage/<slug:agency>/intake/", intake.intake, name="intake"),
    path(R, intake.request_detail, name="request-detail"),
    path(f"{R}accept/", intake.request_accept, name="request-accept"),
    path(f"{R}forward/", intake.request_forward, name="request-forward"),
    path(f"{R}decline/", intake.request_decline, name="request-decline"),
    path(f"{R}merge/", intake.request_merge, name="request-merge"),
    # Cases: the list and the actions apart from the timeline.
    path("manage/cases/", cases.case_list, name="case-list"),
    path("manage/<slug:agency>/cases/new/", cases.case_create, name="case-create"),
    path(f"{C}edit/", cases.case_edit, name="case-edit"),
    path(f"{C}advisors/", cases.case_advisors, name="case-advisors"),
    path(f"{C}forward/", cases.case_forward, name="case-forward"),
    path(f"{C}close/", cases.case_close, name="case-close"),
    path(f"{C}reopen/", cases.case_reopen, name="case-reopen"),
    # The case page and its timeline.
    path(C, timeline.case_detail, name="case-detail"),
    path(f"{C}sessions/new/", timeline.session_add, name="session-add"),
    path(f"{C}notes/new/", timeline.note_add, name="note-add"),
    path(f"{C}tasks/new/", timeline.task_add, name="task-add"),
    path(f"{C}outcomes/new/", timeline.outcome_add, name="outcome-add"),
    path(f"{C}documents/new/", timeline.document_upload, name="document-upload"),
    path(f"{C}tasks/<int:task>/done/", timeline.task_done, name="task-done"),
    path(f"{C}documents/<int:doc>/", timeline.document_download, name="document-download"),
    path(f"{C}break-glass/", timeline.break_glass, name="case-break-glass"),
    path(f"{C}access/", timeline.access_log, name="access-log"),
    # Appointments.
    path("manage/appointments/", appointments.appointment_week, name="appointment-week"),
    path("manage/appointments/new/", appointments.appointment_create, name="appointment-create"),
    path(
        "manage/appointments/<int:pk>/edit/",
        appointments.appointment_edit,
        name="appointment-edit",
    ),
    path(
        "manage/appointments/<int:pk>/cancel/",
        appointments.appointment_cancel,
        name="appointment-cancel",
    ),
    path("appointments/<int:pk>.ics", appointments.appointment_ics_file, name="appointment-ics"),
    # Personal data: a person's records, export and erasure; an organization's; one's own.
    path("manage/<slug:agency>/people/", gdpr.contact_list, name="contact-list"),
    path("manage/people/<int:pk>/", gdpr.contact_detail, name="contact-detail"),
    path("manage/people/<int:pk>/export.json", gdpr.contact_export, name="contact-export"),
    path("manage/people/<int:pk>/erase/", gdpr.contact_erase, name="contact-erase"),
    path(
        "manage/organizations/<slug:slug>/data/",
        gdpr.organization_data,
        name="organization-data",
    ),
    path(
        "manage/organizations/<slug:slug>/data.json",
        gdpr.organization_export,
        name="organization-export",
    ),
    path("my/data/", gdpr.my_data, name="my-data"),
    path("my/data.json", gdpr.my_data_export, name="my-data-export"),
    # The figures for funders.
    path("manage/<slug:agency>/report/", reports.report, name="report"),
    path("manage/<slug:agency>/report.<str:fmt>", reports.report_export_view, name="report-export"),
    # Public: anyone asks and follows the request by its link; members see their requests and
    # the shared parts of their cases.
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
