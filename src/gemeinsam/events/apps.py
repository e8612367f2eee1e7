from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "gemeinsam.events"
    label = "events"
    verbose_name = _("events and trainings")

    def ready(self) -> None:
        # Imported in apps.ready because the registry names the models and the staff's fetcher,
        # which need the app registry.
        from gemeinsam.core import content

        # The fetcher and the model, imported here because they need the app registry.
        from . import queries
        from .models import Event

        # An event's texts are translated together with its questions' (label, help, choices):
        # by the staff who may change the event, among the events their agencies own.
        content.register(
            Event,
            permission="events.change_event",
            visible=lambda user: (
                queries.events_of_agencies(user) if user.is_authenticated else Event.objects.none()
            ),
            children=lambda event: list(event.questions.all()),
        )
