"""/events/…: the public calendar, registration and personal links, and the staff pages.

Each part keeps its patterns in its own module; all share the `events` namespace.
"""

from . import urls_public, urls_registration, urls_staff

app_name = "events"
# Staff pages live under manage/, which must win over the public `<slug>/` pattern.
urlpatterns = [*urls_staff.urlpatterns, *urls_public.urlpatterns, *urls_registration.urlpatterns]
