"""URL patterns (public part of the events app).

The fixed paths come before `<slug>/`, so no event slug can hide the calendar or the feeds.
"""

from django.urls import path

from .views import public

urlpatterns: list = [
    path("", public.event_list, name="event-list"),
    path("calendar/", public.event_calendar, name="event-calendar"),
    path("trainings/", public.training_list, name="training-list"),
    path("feed.ics", public.event_feed, name="event-feed"),
    path("agency/<slug:agency_slug>/feed.ics", public.agency_feed, name="agency-feed"),
    path("<slug:slug>/", public.event_detail, name="event-detail"),
    path("<slug:slug>/event.ics", public.event_ics, name="event-ics"),
]
