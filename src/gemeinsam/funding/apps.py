from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "gemeinsam.funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        # Registers the permissions and declares the morning deadline reminders with
        # core.schedule; imported in apps.ready because the rules read the organizations' rules
        # and roles, and the reminders the models, which need the app registry.
        from . import rules, tasks  # noqa: F401
