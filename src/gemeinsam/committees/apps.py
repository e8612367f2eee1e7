from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteesConfig(AppConfig):
    name = "gemeinsam.committees"
    label = "committees"
    verbose_name = _("committees")
