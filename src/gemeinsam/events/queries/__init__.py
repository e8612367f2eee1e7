"""Reads of events that start from the person asking, by part: `public` (what everyone sees and
the list's filters), `registration` (a person's own places), `staff` (the agencies' events),
`participants` (an event's participants) and `checkin` (the figures for funders).

The views, the API and the top floor read them as `queries.<name>`."""

from .checkin import Figures, event_figures, project_figures
from .participants import (
    answers_by_question,
    filter_participants,
    participant_organizations,
    participants,
)
from .public import (
    EARLIEST,
    LATEST,
    EventFilters,
    apply_filters,
    event_page,
    event_to_register,
    events_visible_to,
    for_listing,
    upcoming,
)
from .registration import OwnPlaces, places_of
from .staff import (
    agencies_for_events,
    event_for,
    events_of_agencies,
    managed_events,
    projects_of_agencies,
)

__all__ = [
    "EARLIEST",
    "LATEST",
    "EventFilters",
    "Figures",
    "OwnPlaces",
    "agencies_for_events",
    "answers_by_question",
    "apply_filters",
    "event_figures",
    "event_for",
    "event_page",
    "event_to_register",
    "events_of_agencies",
    "events_visible_to",
    "filter_participants",
    "for_listing",
    "managed_events",
    "participant_organizations",
    "participants",
    "places_of",
    "project_figures",
    "projects_of_agencies",
    "upcoming",
]
