from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CounsellingConfig(AppConfig):
    name = "gemeinsam.counselling"
    verbose_name = _("Counselling")

    def ready(self) -> None:
        # Imported in apps.ready(), once the app registry has loaded the models they use.
        from gemeinsam.core import audit

        # Registers permissions and system checks (only in apps.ready: they read the models).
        from . import rules, system_checks  # noqa: F401

        # Declares the nightly and morning jobs with core.schedule; in apps.ready because they
        # import the models.
        from .tasks import cases, timeline  # noqa: F401

        # Audit entries about cases, contacts, documents name them by id only (platform
        # admins read the audit log, and they do not read counselling).
        audit.keep_confidential(self.label)
