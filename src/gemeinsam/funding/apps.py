from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "gemeinsam.funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        # Registers the permissions; imported in apps.ready because the rules read the
        # organizations' rules and roles, which need the app registry.
        from . import rules  # noqa: F401
