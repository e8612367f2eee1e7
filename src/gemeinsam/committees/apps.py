from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "gemeinsam.committees"
    label = "committees"
    verbose_name = _("committees")

    def ready(self) -> None:
        # Registers the permissions, the committee's translatable texts and the daily term-end
        # reminders; imported in apps.ready because all of them need the app registry.
        from gemeinsam.core import content

        # The model and the staff's committees, imported here because they need the registry.
        from . import queries, rules, tasks  # noqa: F401
        from .models import Committee

        # A committee's texts are translated by the staff of the agency that keeps it.
        content.register(
            Committee,
            permission="committees.change_committee",
            visible=queries.committees_managed_by,
        )
