from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "gemeinsam.funding"
    verbose_name = _("Funding")

    def ready(self) -> None:
        from . import rules  # noqa: F401  (registers the permissions)
