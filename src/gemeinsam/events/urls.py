"""/events/…: the public calendar, registration and personal links, and the staff pages.

Each part keeps its patterns in its own module; all share the `events` namespace.
"""

from . import urls_public, urls_registration, urls_staff

app_name = "events"
urlpatterns = [*urls_public.urlpatterns, *urls_registration.urlpatterns, *urls_staff.urlpatterns]
