from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    name = "gemeinsam.counselling"
    verbose_name = _("Counselling")

    def ready(self) -> None:
        from gemeinsam.core import audit

        from . import rules, system_checks  # noqa: F401  (registers permissions and system checks)

        # Audit entries about cases, contacts, documents name them by id only (platform
        # admins read the audit log, and they do not read counselling).
        audit.keep_confidential(self.label)
