from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gemeinsam.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        # Imported in ready() because the app registry loads models first: the system checks
        # and the daily job that prunes task results register themselves.
        from . import checks, tasks  # noqa: F401
        from .bidi import clean_before_save  # in ready() because it loads models

        pre_save.connect(clean_before_save, dispatch_uid="core.bidi.clean_before_save")
