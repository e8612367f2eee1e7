from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    name = "gemeinsam.counselling"
    verbose_name = _("Counselling")

    def ready(self) -> None:
        from . import checks, rules  # noqa: F401  (registers system checks and permissions)
