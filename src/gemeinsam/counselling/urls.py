"""/counselling/…: asking for counselling and following it, and the advisors' pages.

Each part keeps its patterns in its own module; all share the `counselling` namespace. Staff
pages live under manage/.
"""

from . import urls_appointments, urls_gdpr, urls_public, urls_reports, urls_staff, urls_timeline

app_name = "counselling"
urlpatterns = [
    *urls_staff.urlpatterns,
    *urls_timeline.urlpatterns,
    *urls_appointments.urlpatterns,
    *urls_gdpr.urlpatterns,
    *urls_reports.urlpatterns,
    *urls_public.urlpatterns,
]
