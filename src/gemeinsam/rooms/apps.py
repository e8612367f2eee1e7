from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "gemeinsam.rooms"
    label = "rooms"
    verbose_name = _("rooms and co-working")

    def ready(self) -> None:
        # Imported in apps.ready because the registry names the model and the staff's rooms,
        # which need the app registry.
        from gemeinsam.core import content

        # The model and the staff's rooms, imported here because they need the app registry.
        from . import queries
        from .models import Room

        # A room's texts are translated by the staff who may change it, among their rooms.
        content.register(Room, permission="rooms.change_room", visible=queries.rooms_managed_by)
